import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { Org } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';

/** Marking 撤销 keeps the record (members and history point to it); it can be restored later. */
export function RetireOrgModal({ org, today, onClose, onRetired }: { org: Org; today: string; onClose: () => void; onRetired: (org: Org) => void }) {
  const [retiredOn, setRetiredOn] = useState<string | null>(today);
  const [reason, setReason] = useState('');
  const run = useApiAction();

  async function retire() {
    const retired = await run(
      () => invoke('org.retire', { id: org.id, ...(retiredOn ? { retiredOn } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      `已撤销“${org.name}”`,
    );
    if (retired) onRetired(retired);
  }

  return (
    <Modal open title={`撤销组织：${org.name}`} okText="确认撤销" okButtonProps={{ danger: true }} cancelText="取消" onOk={() => void retire()} onCancel={onClose}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="撤销后该组织不再计入已成立的基层组织数，但记录和变更历史都会保留，可随时恢复。" />
      <Form layout="vertical">
        <Form.Item label="撤销日期" required htmlFor="retire-date">
          <DateInput id="retire-date" value={retiredOn} onChange={setRetiredOn} disabledFuture />
        </Form.Item>
        <Form.Item label="撤销原因（可不填）" htmlFor="retire-reason">
          <Input id="retire-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="如：村社合并" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
