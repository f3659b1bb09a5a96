import { Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import type { ApiInput, OrgSummary, Team, VolunteerAddResult } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { blank, required } from '../../components/formText';
import { useSavingAction } from '../../components/useApiError';
import { OrgPicker } from '../members/OrgPicker';
import { RegistrationFields } from './RegistrationFields';
import { ledgerToday } from '../../components/ledgerToday';

interface Fields {
  orgId?: number;
  name: string;
  idNumber: string;
  phone?: string;
  registeredOn: string | null;
  fields: string[];
  teamIds: number[];
  nationalRegistered: boolean;
  nationalNo?: string;
  certNo?: string;
  certExpiresOn?: string | null;
  notes?: string;
}

interface Props {
  orgs: OrgSummary[];
  teams: Team[];
  fieldNames: string[];
  defaultOrgId?: number;
  onClose: () => void;
  onSaved: (result: VolunteerAddResult) => void;
}


/** Mounted only while open, so every opening starts from a blank form. */
export function AddVolunteerModal({ orgs, teams, fieldNames, defaultOrgId, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, run] = useSavingAction();
  const national = Form.useWatch('nationalRegistered', form) ?? false;
  const today = ledgerToday();

  async function submit(values: Fields) {
    const input: ApiInput<'volunteer.add'> = {
      name: values.name,
      idNumber: values.idNumber,
      orgId: values.orgId ?? null,
      phone: blank(values.phone),
      fields: values.fields ?? [],
      teamIds: values.teamIds ?? [],
      nationalRegistered: values.nationalRegistered,
      nationalNo: values.nationalRegistered ? blank(values.nationalNo) : null,
      certNo: blank(values.certNo),
      certExpiresOn: values.certExpiresOn ?? null,
      notes: blank(values.notes),
      ...(values.registeredOn ? { registeredOn: values.registeredOn } : {}),
    };
    const saved = await run(() => invoke('volunteer.add', input));
    if (saved) onSaved(saved);
  }

  return (
    <Modal open title="新增志愿者" onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={780}>
      <Form
        form={form}
        name="volunteer-add"
        layout="vertical"
        onFinish={submit}
        initialValues={{ orgId: orgs.find((o) => o.id === defaultOrgId && o.status !== 'retired')?.id, registeredOn: today, fields: [], teamIds: [], nationalRegistered: false }}
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="orgId" label="所属组织" extra="不选则登记为县红十字会直属志愿者">
              <OrgPicker orgs={orgs} openOnly allowClear placeholder="选择志愿者所在的基层组织" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="name" label="姓名" rules={required('请填写姓名')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="idNumber" label="证件号码" rules={required('请填写证件号码')} extra="居民身份证号码；已是会员的，会关联到同一人员">
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={30} placeholder="手机或 0571-87654321" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="registeredOn" label="注册日期" rules={[{ required: true, message: '请选择注册日期' }]}>
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="teamIds" label="服务队">
              <Select
                mode="multiple"
                allowClear
                placeholder="可加入多个服务队"
                optionFilterProp="label"
                options={teams.filter((t) => t.status === 'active').map((t) => ({ value: t.id, label: t.name }))}
              />
            </Form.Item>
          </Col>
          <RegistrationFields fieldNames={fieldNames} national={national} />
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          同一证件号码在全县只登记一次；已登记为志愿者的不会重复新增，而是打开该志愿者。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
