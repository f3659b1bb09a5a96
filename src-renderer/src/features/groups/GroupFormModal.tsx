import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import type { ApiInput, GroupMember, GroupSaveResult, OrgSummary } from '../../../../src-main/core/api/contract';
import { ApiCallError, invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { OrgPicker } from '../members/OrgPicker';

interface Fields {
  unitName: string;
  uscc: string;
  orgId?: number;
  contactName: string;
  contactPhone: string;
  joinedOn: string | null;
  notes: string;
}

interface Props {
  orgs: OrgSummary[];
  /** Absent when adding. */
  group?: GroupMember;
  defaultOrgId?: number;
  onClose: () => void;
  onSaved: (result: GroupSaveResult) => void;
}

/** Which form field a backend message names, e.g. 「统一社会信用代码」校验码应为 6 → uscc. */
const fieldOfMessage: Array<[string, keyof Fields]> = [
  ['「统一社会信用代码」', 'uscc'],
  ['「单位名称」', 'unitName'],
  ['「联系电话」', 'contactPhone'],
  ['「入会日期」', 'joinedOn'],
  ['「所属组织」', 'orgId'],
];

/**
 * Adds or edits a 团体会员. The backend checks the code (GB 32100); its reason is shown on the
 * field itself. The contact phone arrives masked, so when editing an empty box means "unchanged".
 */
export function GroupFormModal({ orgs, group, defaultOrgId, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, setSaving] = useState(false);
  const run = useApiAction();

  async function submit(values: Fields) {
    const text = (v: string | undefined) => (v ?? '').trim();
    setSaving(true);
    try {
      let saved: GroupSaveResult;
      if (!group) {
        saved = await invoke('group.add', {
          unitName: values.unitName,
          uscc: values.uscc,
          orgId: values.orgId ?? null,
          contactName: text(values.contactName) || null,
          contactPhone: text(values.contactPhone) || null,
          ...(values.joinedOn ? { joinedOn: values.joinedOn } : {}),
          notes: text(values.notes) || null,
        });
      } else {
        const changes: ApiInput<'group.update'>['changes'] = {};
        if (values.unitName.trim() !== group.unitName) changes.unitName = values.unitName;
        if (text(values.uscc) !== (group.uscc ?? group.legacyOrgCode ?? '')) changes.uscc = values.uscc;
        if ((values.orgId ?? null) !== group.orgId) changes.orgId = values.orgId ?? null;
        if (text(values.contactName) !== (group.contactName ?? '')) changes.contactName = text(values.contactName) || null;
        if (text(values.contactPhone) !== '') changes.contactPhone = text(values.contactPhone);
        if (values.joinedOn && values.joinedOn !== group.joinedOn) changes.joinedOn = values.joinedOn;
        if (text(values.notes) !== (group.notes ?? '')) changes.notes = text(values.notes) || null;
        if (Object.keys(changes).length === 0) return onClose();
        saved = await invoke('group.update', { id: group.id, changes });
      }
      onSaved(saved);
    } catch (error) {
      const message = (error as Error).message;
      const field = error instanceof ApiCallError ? fieldOfMessage.find(([label]) => message.includes(label))?.[1] : undefined;
      if (field) form.setFields([{ name: field, errors: [message.replace(/^输入有误：/, '')] }]);
      else await run(() => Promise.reject(error as Error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={group ? `编辑：${group.unitName}` : '新增团体会员'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        name="group-form"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          unitName: group?.unitName ?? '',
          uscc: group?.uscc ?? group?.legacyOrgCode ?? '',
          orgId: group?.orgId ?? defaultOrgId,
          contactName: group?.contactName ?? '',
          contactPhone: '',
          joinedOn: group?.joinedOn ?? null,
          notes: group?.notes ?? '',
        }}
      >
        <Form.Item name="unitName" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }]}
          extra="18 位统一社会信用代码；尚未换证的单位可填 9 位组织机构代码。"
        >
          <Input maxLength={30} style={{ fontVariantNumeric: 'tabular-nums' }} />
        </Form.Item>
        <Form.Item name="orgId" label="所属组织（可不填）">
          <OrgPicker orgs={orgs} openOnly allowClear />
        </Form.Item>
        <Form.Item name="contactName" label="联系人">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" extra={group?.contactPhone ? `当前为 ${group.contactPhone}；留空表示不修改。` : undefined}>
          <Input maxLength={30} placeholder="手机或 0571-87654321" />
        </Form.Item>
        <Form.Item name="joinedOn" label="入会日期" extra={group ? undefined : '不填则为今天。'}>
          <DateInput disabledFuture />
        </Form.Item>
        <Form.Item name="notes" label="备注">
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
