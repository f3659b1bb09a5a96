import { dispatch } from '../../src-main/core/api/dispatch';
import type { LedgerDb } from '../../src-main/core/db/open';

/** The app's export of every member, through dispatch like the CLI and the UI. */
export async function exportApp(ledger: LedgerDb): Promise<number> {
  const result = await dispatch({ db: ledger }, 'export.roster', { kind: 'members' });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { rows: number }).rows;
}
