import { Form, Input, Modal } from 'antd';
import type { ApiInput, Member } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useSavingAction } from '../../components/useApiError';

interface Fields {
  name: string;
  phone: string;
  notes: string;
}

interface Props {
  member: Member;
  /** The full phone number when the clerk has already revealed it, otherwise undefined. */
  fullPhone: string | null | undefined;
  onClose: () => void;
  onSaved: (member: Member) => void;
}

/**
 * Name, phone and notes. The phone arrives masked, so unless it was revealed the box starts empty
 * and an empty box means "unchanged": editing never reveals (and audits) a number by itself.
 */
export function EditMemberModal({ member, fullPhone, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, run] = useSavingAction();
  const phoneKnown = fullPhone !== undefined || member.phone === null;

  async function submit(values: Fields) {
    const changes: ApiInput<'member.update'>['changes'] = {};
    if (values.name.trim() !== member.name) changes.name = values.name;
    const phone = (values.phone ?? '').trim();
    if (phoneKnown ? phone !== (fullPhone ?? '') : phone !== '') changes.phone = phone === '' ? null : phone;
    const notes = (values.notes ?? '').trim();
    if (notes !== (member.notes ?? '')) changes.notes = notes === '' ? null : notes;
    if (Object.keys(changes).length === 0) return onClose();
    const saved = await run(() => invoke('member.update', { id: member.id, changes }), '已保存修改');
    if (saved) onSaved(saved);
  }

  return (
    <Modal open title={`编辑：${member.name}`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} name="member-edit" layout="vertical" onFinish={submit} initialValues={{ name: member.name, phone: phoneKnown ? (fullPhone ?? '') : '', notes: member.notes ?? '' }}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          extra={phoneKnown ? '清空即删除联系电话。' : `当前为 ${member.phone}；留空表示不修改。如需删除号码，请先在详情中点“显示”。`}
        >
          <Input maxLength={30} placeholder={phoneKnown ? '手机或 0571-87654321' : '输入新的号码'} />
        </Form.Item>
        <Form.Item name="notes" label="备注">
          <Input.TextArea maxLength={2000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
