import { useEffect, useState } from 'react';
import { Checkbox, Col, Form, Input, Modal, Row } from 'antd';
import type { ApiInput, OrgSummary, Volunteer } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { required } from '../../components/formText';
import { useApiAction } from '../../components/useApiError';
import { OrgPicker } from '../members/OrgPicker';
import { markingRefusal } from './refusalOnField';
import { RegistrationFields } from './RegistrationFields';

interface Fields {
  name: string;
  phone: string;
  clearPhone: boolean;
  orgId?: number;
  registeredOn: string | null;
  fields: string[];
  nationalRegistered: boolean;
  nationalNo: string;
  certNo: string;
  certExpiresOn: string | null;
  notes: string;
}

interface Props {
  volunteer: Volunteer;
  onClose: () => void;
  onSaved: (volunteer: Volunteer) => void;
}

/** The labels the backend names in its refusals, and the form fields they belong to. */
const fieldOfLabel: Record<string, keyof Fields> = {
  姓名: 'name',
  联系电话: 'phone',
  所属组织: 'orgId',
  注册日期: 'registeredOn',
  服务领域: 'fields',
  全国系统注册编号: 'nationalNo',
  救护员证编号: 'certNo',
  救护员证有效期至: 'certExpiresOn',
  备注: 'notes',
};

const text = (v: string | undefined | null) => (v ?? '').trim();
const orNull = (v: string) => (v === '' ? null : v);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Everything volunteer.update accepts. Only what changed is sent, so the history lists exactly the
 * clerk's edits. The phone arrives masked: an empty box means "unchanged" and clearing it is an
 * explicit tick, so editing never needs (or reveals) the full number.
 */
export function EditVolunteerModal({ volunteer: v, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [orgs, setOrgs] = useState<OrgSummary[]>([]);
  const [fieldNames, setFieldNames] = useState<string[]>(v.fields);
  const run = useApiAction();
  const national = Form.useWatch('nationalRegistered', form) ?? v.nationalRegistered;
  const clearPhone = Form.useWatch('clearPhone', form) ?? false;

  useEffect(() => {
    void invoke('org.list', { includeRetired: true }).then(setOrgs, () => setOrgs([]));
    void invoke('volunteer.lookups', {}).then(
      (l) => setFieldNames([...l.fields, ...v.fields.filter((f) => !l.fields.includes(f))]),
      () => undefined,
    );
  }, [v.fields]);

  function changesOf(values: Fields): ApiInput<'volunteer.update'>['changes'] {
    const changes: ApiInput<'volunteer.update'>['changes'] = {};
    if (text(values.name) !== v.name) changes.name = text(values.name);
    if (values.clearPhone) changes.phone = null;
    else if (text(values.phone) !== '') changes.phone = text(values.phone);
    const orgId = values.orgId ?? null;
    if (orgId !== v.orgId) changes.orgId = orgId;
    if (values.registeredOn && values.registeredOn !== v.registeredOn) changes.registeredOn = values.registeredOn;
    if (!sameSet(values.fields ?? [], v.fields)) changes.fields = values.fields ?? [];
    if (values.nationalRegistered !== v.nationalRegistered) changes.nationalRegistered = values.nationalRegistered;
    const nationalNo = values.nationalRegistered ? orNull(text(values.nationalNo)) : null;
    if (nationalNo !== v.nationalNo) changes.nationalNo = nationalNo;
    const certNo = orNull(text(values.certNo));
    if (certNo !== v.certNo) changes.certNo = certNo;
    const certExpiresOn = values.certExpiresOn ?? null;
    if (certExpiresOn !== v.certExpiresOn) changes.certExpiresOn = certExpiresOn;
    const notes = orNull(text(values.notes));
    if (notes !== v.notes) changes.notes = notes;
    return changes;
  }

  async function submit(values: Fields) {
    const changes = changesOf(values);
    if (Object.keys(changes).length === 0) return onClose();
    setSaving(true);
    const saved = await run(() => markingRefusal(form, fieldOfLabel, () => invoke('volunteer.update', { id: v.id, changes })), '已保存修改');
    setSaving(false);
    if (saved) onSaved(saved);
  }

  return (
    <Modal open title={`编辑志愿者：${v.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} width={780} destroyOnHidden>
      <Form
        form={form}
        name="volunteer-edit"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: v.name,
          phone: '',
          clearPhone: false,
          orgId: v.orgId ?? undefined,
          registeredOn: v.registeredOn,
          fields: v.fields,
          nationalRegistered: v.nationalRegistered,
          nationalNo: v.nationalNo ?? '',
          certNo: v.certNo ?? '',
          certExpiresOn: v.certExpiresOn,
          notes: v.notes ?? '',
        }}
      >
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="name" label="姓名" rules={required('请填写姓名')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="orgId" label="所属组织" extra="清空则为县红十字会直属志愿者">
              <OrgPicker orgs={orgs} openOnly allowClear placeholder="县红十字会直属" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="phone"
              label="联系电话"
              extra={v.phone ? `当前为 ${v.phone}；留空表示不修改。` : '尚未登记联系电话。'}
            >
              <Input maxLength={30} disabled={clearPhone} placeholder="输入新的号码" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={4}>
            {v.phone && (
              <Form.Item name="clearPhone" label=" " valuePropName="checked">
                <Checkbox>删除号码</Checkbox>
              </Form.Item>
            )}
          </Col>
          <Col span={10}>
            <Form.Item name="registeredOn" label="注册日期" rules={[{ required: true, message: '请选择注册日期' }]}>
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <RegistrationFields fieldNames={fieldNames} national={national} />
        </Row>
      </Form>
    </Modal>
  );
}
