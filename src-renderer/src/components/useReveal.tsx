import { useState } from 'react';
import { Button, Tooltip } from 'antd';
import type { ApiOutput } from '../../../src-main/core/api/contract';
import { invoke } from '../api/client';
import { useApiAction } from './useApiError';

type RevealMethod = 'volunteer.reveal' | 'group.reveal';

/**
 * Full numbers on the clerk's explicit 显示 (the backend records each viewing). They are kept
 * only for the record on screen: another record, or `clear()` after an edit, masks them again.
 */
export function useReveal<K extends RevealMethod>(method: K, id: number | null, onRevealed?: () => void) {
  const [revealed, setRevealed] = useState<{ id: number; values: ApiOutput<K> } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useApiAction();
  const values = revealed && revealed.id === id ? revealed.values : null;

  async function reveal() {
    if (id === null) return;
    setBusy(true);
    const result = await run(() => invoke(method, { id } as never) as Promise<ApiOutput<K>>);
    setBusy(false);
    if (!result) return;
    setRevealed({ id, values: result });
    onRevealed?.();
  }

  const button =
    id !== null && !values ? (
      <Tooltip title="显示完整号码。每次查看都会记入变更记录。">
        <Button size="small" type="link" loading={busy} onClick={() => void reveal()}>
          显示
        </Button>
      </Tooltip>
    ) : null;

  return { values, button, clear: () => setRevealed(null) };
}
