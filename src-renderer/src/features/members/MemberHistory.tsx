import { useEffect, useState } from 'react';
import type { ChangeEntry } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { ChangeHistoryTable } from '../../components/ChangeHistoryTable';

/** A member's change history, including each viewing of the full numbers. */
export function MemberHistory({ memberId, version }: { memberId: number; version: number }) {
  const [rows, setRows] = useState<ChangeEntry[] | null>(null);
  useEffect(() => {
    setRows(null);
    void invoke('member.history', { id: memberId }).then(setRows, () => setRows([]));
  }, [memberId, version]);
  return <ChangeHistoryTable rows={rows} />;
}
