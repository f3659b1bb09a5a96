import { useState } from 'react';
import { Button, Checkbox, Col, Form, Input, Modal, Radio, Row, Select, Space } from 'antd';
import type { ApiInput, OrgSummary, Team } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { OrgPicker } from '../members/OrgPicker';
import { markingRefusal } from './refusalOnField';
import { VolunteerPicker } from './VolunteerPicker';

interface Fields {
  name: string;
  parent: 'org' | 'county';
  orgId?: number;
  field?: string;
  leaderVolunteerId?: number;
  hasPartyBranch: boolean;
  isRegisteredOrg: boolean;
  registrationNo: string;
  foundedOn: string | null;
  notes: string;
}

interface Props {
  team: Team;
  orgs: OrgSummary[];
  fieldNames: string[];
  onClose: () => void;
  onSaved: (team: Team) => void;
}

const fieldOfLabel: Record<string, keyof Fields> = {
  名称: 'name',
  所属组织: 'orgId',
  服务领域: 'field',
  负责人: 'leaderVolunteerId',
  登记证号: 'registrationNo',
  成立日期: 'foundedOn',
  备注: 'notes',
};

const orNull = (v: string | undefined | null) => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Everything team.update takes; only what changed is sent. The leader is shown by name and is
 * changed by picking another volunteer (the picker searches; it cannot label a volunteer it has not listed).
 */
export function EditTeamModal({ team, orgs, fieldNames, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const [leader, setLeader] = useState<'keep' | 'change' | 'none'>(team.leaderPersonId === null ? 'none' : 'keep');
  const run = useApiAction();
  const parent = Form.useWatch('parent', form) ?? (team.ledByCounty ? 'county' : 'org');
  const registered = Form.useWatch('isRegisteredOrg', form) ?? team.isRegisteredOrg;

  async function submit(values: Fields) {
    const changes: ApiInput<'team.update'>['changes'] = {};
    const name = values.name.trim();
    if (name !== team.name) changes.name = name;
    const ledByCounty = values.parent === 'county';
    const orgId = ledByCounty ? null : (values.orgId ?? null);
    if (ledByCounty !== team.ledByCounty || orgId !== team.orgId) Object.assign(changes, { orgId, ledByCounty });
    const field = values.field ?? null;
    if (field !== team.field) changes.field = field;
    if (leader === 'none' && team.leaderPersonId !== null) changes.leaderVolunteerId = null;
    if (leader === 'change' && values.leaderVolunteerId !== undefined && values.leaderVolunteerId !== team.leaderVolunteerId) changes.leaderVolunteerId = values.leaderVolunteerId;
    if (values.hasPartyBranch !== team.hasPartyBranch) changes.hasPartyBranch = values.hasPartyBranch;
    if (values.isRegisteredOrg !== team.isRegisteredOrg) changes.isRegisteredOrg = values.isRegisteredOrg;
    const registrationNo = values.isRegisteredOrg ? orNull(values.registrationNo) : team.registrationNo;
    if (registrationNo !== team.registrationNo) changes.registrationNo = registrationNo;
    if (values.foundedOn && values.foundedOn !== team.foundedOn) changes.foundedOn = values.foundedOn;
    const notes = orNull(values.notes);
    if (notes !== team.notes) changes.notes = notes;
    if (Object.keys(changes).length === 0) return onClose();
    setSaving(true);
    const saved = await run(() => markingRefusal(form, fieldOfLabel, () => invoke('team.update', { id: team.id, changes })), '已保存修改');
    setSaving(false);
    if (saved) onSaved(saved);
  }

  return (
    <Modal open title={`编辑服务队：${team.name}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={640} destroyOnHidden>
      <Form
        form={form}
        name="team-edit"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: team.name,
          parent: team.ledByCounty ? 'county' : 'org',
          orgId: team.orgId ?? undefined,
          field: team.field ?? undefined,
          hasPartyBranch: team.hasPartyBranch,
          isRegisteredOrg: team.isRegisteredOrg,
          registrationNo: team.registrationNo ?? '',
          foundedOn: team.foundedOn,
          notes: team.notes ?? '',
        }}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写服务队名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="parent" label="隶属">
              <Radio.Group options={[{ value: 'org', label: '基层组织' }, { value: 'county', label: '县红十字会直属' }]} />
            </Form.Item>
          </Col>
          {parent === 'org' && (
            <Col span={24}>
              <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属基层组织' }]}>
                <OrgPicker orgs={orgs} openOnly />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="field" label="服务领域">
              <Select allowClear options={[...new Set([...fieldNames, ...(team.field ? [team.field] : [])])].map((f) => ({ value: f, label: f }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="foundedOn" label="成立日期" rules={[{ required: true, message: '请选择成立日期' }]}>
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <Col span={24}>
            {leader === 'change' ? (
              <Form.Item name="leaderVolunteerId" label="负责人" rules={[{ required: true, message: '请选择新的负责人' }]} extra={<Button type="link" size="small" style={{ padding: 0 }} onClick={() => setLeader(team.leaderPersonId === null ? 'none' : 'keep')}>不更换</Button>}>
                <VolunteerPicker />
              </Form.Item>
            ) : (
              <Form.Item label="负责人">
                <Space>
                  <span>{leader === 'keep' ? team.leaderName : '未指定'}</span>
                  <Button size="small" onClick={() => setLeader('change')}>
                    {leader === 'keep' ? '更换' : '指定'}
                  </Button>
                  {leader === 'keep' && (
                    <Button size="small" onClick={() => setLeader('none')}>
                      取消负责人
                    </Button>
                  )}
                </Space>
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="hasPartyBranch" label="党支部" valuePropName="checked">
              <Checkbox>已建立党支部</Checkbox>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="isRegisteredOrg" label="登记为志愿服务组织" valuePropName="checked">
              <Checkbox>已在民政部门登记</Checkbox>
            </Form.Item>
          </Col>
          {registered && (
            <Col span={24}>
              <Form.Item name="registrationNo" label="登记证号" rules={[{ required: true, whitespace: true, message: '已登记的请填写登记证号' }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
