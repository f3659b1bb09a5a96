import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import type { Member, OrgSummary } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useSavingAction } from '../../components/useApiError';
import { OrgPicker } from './OrgPicker';

/** Moves a member to another (open) organisation; the change history keeps the old one. */
export function TransferMemberModal({ member, orgs, onClose, onMoved }: { member: Member; orgs: OrgSummary[]; onClose: () => void; onMoved: (member: Member) => void }) {
  const [target, setTarget] = useState<number | undefined>(undefined);
  const [saving, run] = useSavingAction();

  async function transfer() {
    if (target === undefined) return;
    const moved = await run(() => invoke('member.transfer', { id: member.id, orgId: target }), '已转移');
    if (moved) onMoved(moved);
  }

  return (
    <Modal open title={`转移：${member.name}`} okText="转移" cancelText="取消" confirmLoading={saving} okButtonProps={{ disabled: target === undefined }} onOk={() => void transfer()} onCancel={onClose}>
      <Typography.Paragraph>当前所属组织：{member.orgName}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="转入组织" htmlFor="transfer-org">
          <OrgPicker id="transfer-org" aria-label="转入组织" orgs={orgs} openOnly exclude={member.orgId} value={target} onChange={setTarget} placeholder="选择转入的组织" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
