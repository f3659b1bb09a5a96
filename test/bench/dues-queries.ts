import { openLedgerDb } from '../../src-main/core/db/open';
import { medianMs, round, dispatchCaller } from './measure';

/**
 * The dues screen's county-wide questions through the whole stack: the 视为自动退会 rule over
 * every member and the yearly report per organisation, and the same for one township's subtree.
 * The raw baseline is the floor for any per-member dues question: one pass over all members with
 * a primary-key probe of that year's dues row, as a bare prepared statement.
 */
export async function benchDuesQueries(file: string): Promise<Record<string, number>> {
  const db = await openLedgerDb(file);
  const backend = { db };
  const call = dispatchCaller(backend);
  try {
    const year = new Date().getFullYear() - 1;
    const raw = db.sqlite.prepare('SELECT count(*), sum(d.amount_fen) FROM member m NOT INDEXED LEFT JOIN member_dues d ON d.member_id = m.id AND d.year = ?');
    // The township with the most organisations below it.
    const township = (
      db.sqlite.prepare('SELECT parent_id AS id FROM organization WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number }
    ).id;
    const duesMemberScanRawMs = await medianMs(5, () => raw.get(year));
    const duesOverdueCountyMs = await medianMs(5, () => call('dues.overdue', { limit: 1000 }));
    const duesReportCountyMs = await medianMs(5, () => call('dues.report', { year }));
    const duesOverdueTownshipMs = await medianMs(20, () => call('dues.overdue', { orgId: township, limit: 1000 }));
    const duesReportTownshipMs = await medianMs(20, () => call('dues.report', { year, orgId: township }));
    const overdue = await call('dues.overdue', { limit: 1 });
    return {
      duesOverdueCount: overdue.count as number,
      duesMemberScanRawMs,
      duesOverdueCountyMs,
      duesOverdueRatioToRaw: round(duesOverdueCountyMs / duesMemberScanRawMs, 2),
      duesReportCountyMs,
      duesReportRatioToRaw: round(duesReportCountyMs / duesMemberScanRawMs, 2),
      duesOverdueTownshipMs,
      duesReportTownshipMs,
    };
  } finally {
    await db.close();
  }
}
