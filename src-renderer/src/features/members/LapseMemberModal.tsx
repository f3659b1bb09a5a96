import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { Member } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useSavingAction } from '../../components/useApiError';

/** 退会 keeps the record and its history; the member can be restored later. */
export function LapseMemberModal({ member, today, onClose, onLapsed }: { member: Member; today: string; onClose: () => void; onLapsed: (member: Member) => void }) {
  const [lapsedOn, setLapsedOn] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const [saving, run] = useSavingAction();

  async function lapse() {
    const lapsed = await run(
      () => invoke('member.lapse', { id: member.id, ...(lapsedOn ? { lapsedOn } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      `“${member.name}”已退会`,
    );
    if (lapsed) onLapsed(lapsed);
  }

  return (
    <Modal open title={`退会：${member.name}`} okText="确认退会" okButtonProps={{ danger: true, disabled: !lapsedOn }} cancelText="取消" confirmLoading={saving} onOk={() => void lapse()} onCancel={onClose}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`确认为“${member.name}”（${member.orgName}）办理退会？退会后不再计入在册会员数，记录和变更历史都会保留，可随时恢复。`}
      />
      <Form layout="vertical">
        <Form.Item label="退会日期" required htmlFor="lapse-date">
          <DateInput id="lapse-date" value={lapsedOn} onChange={setLapsedOn} disabledFuture />
        </Form.Item>
        <Form.Item label="退会原因（可不填）" htmlFor="lapse-reason">
          <Input id="lapse-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="如：本人申请、迁出本县" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
