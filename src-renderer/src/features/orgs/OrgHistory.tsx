import { useEffect, useState } from 'react';
import type { ChangeEntry } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { ChangeHistoryTable } from '../../components/ChangeHistoryTable';

/** Who changed what and when, field by field, newest first. */
export function OrgHistory({ orgId, version }: { orgId: number; version: number }) {
  const [rows, setRows] = useState<ChangeEntry[] | null>(null);
  useEffect(() => {
    setRows(null);
    void invoke('org.history', { id: orgId }).then(setRows, () => setRows([]));
  }, [orgId, version]);
  return <ChangeHistoryTable rows={rows} />;
}
