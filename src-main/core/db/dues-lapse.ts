import type BetterSqlite3 from 'better-sqlite3';
import type { DuesAudit } from './dues';

// The bulk 视为自动退会 and its undo touch thousands of members in one action: set-based
// statements over a JSON list of ids, with the change-log rows written the same way, in the
// dispatcher's transaction. The history rows mirror what member.lapse / member.restore record.

export const AUTO_LAPSE_REASON = '视为自动退会';

export interface LogRange {
  fromLogId: number;
  toLogId: number;
}

function lastLogId(sqlite: BetterSqlite3.Database): number {
  return (sqlite.prepare('SELECT ifnull(max(id), 0) AS id FROM change_log').get() as { id: number }).id;
}

/** The batch of the newest change-log row: any later action through dispatch replaces it. */
export function latestBatchId(sqlite: BetterSqlite3.Database): string | null {
  return (sqlite.prepare('SELECT batch_id FROM change_log ORDER BY id DESC LIMIT 1').get() as { batch_id: string } | undefined)?.batch_id ?? null;
}

const logFields = `INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value)`;

export function lapseMembers(sqlite: BetterSqlite3.Database, audit: DuesAudit, ids: readonly number[], lapsedOn: string): LogRange {
  const list = JSON.stringify(ids);
  const fromLogId = lastLogId(sqlite) + 1;
  sqlite
    .prepare(`UPDATE member SET status = 'lapsed', lapsed_on = ?, lapse_reason = ?, updated_at = ? WHERE status = 'active' AND id IN (SELECT value FROM json_each(?))`)
    .run(lapsedOn, AUTO_LAPSE_REASON, audit.at, list);
  const log = sqlite.prepare(
    `${logFields} SELECT ?, ?, ?, 'member', value, 'lapse', ?, ?, ? FROM json_each(?) ORDER BY value`,
  );
  log.run(audit.batchId, audit.at, audit.actor, 'status', '在册', '已退会', list);
  log.run(audit.batchId, audit.at, audit.actor, 'lapsedOn', null, lapsedOn, list);
  log.run(audit.batchId, audit.at, audit.actor, 'lapseReason', null, AUTO_LAPSE_REASON, list);
  return { fromLogId, toLogId: lastLogId(sqlite) };
}

/** The members a bulk lapse changed, from its own change-log rows. */
export function membersOfLapse(sqlite: BetterSqlite3.Database, range: LogRange, batchId: string): number[] {
  return sqlite
    .prepare(`SELECT entity_id FROM change_log WHERE id BETWEEN ? AND ? AND batch_id = ? AND field = 'status' ORDER BY entity_id`)
    .pluck()
    .all(range.fromLogId, range.toLogId, batchId) as number[];
}

/** Restores members that are still lapsed by the bulk action (lapse date and reason as it left them). */
export function restoreLapsedMembers(sqlite: BetterSqlite3.Database, audit: DuesAudit, ids: readonly number[], lapsedOn: string): number {
  const list = JSON.stringify(ids);
  const still = sqlite
    .prepare(`SELECT id FROM member WHERE id IN (SELECT value FROM json_each(?)) AND status = 'lapsed' AND lapse_reason = ? AND lapsed_on = ? ORDER BY id`)
    .pluck()
    .all(list, AUTO_LAPSE_REASON, lapsedOn) as number[];
  const restored = JSON.stringify(still);
  sqlite
    .prepare(`UPDATE member SET status = 'active', lapsed_on = NULL, lapse_reason = NULL, updated_at = ? WHERE id IN (SELECT value FROM json_each(?))`)
    .run(audit.at, restored);
  const log = sqlite.prepare(`${logFields} SELECT ?, ?, ?, 'member', value, 'restore', ?, ?, ? FROM json_each(?) ORDER BY value`);
  log.run(audit.batchId, audit.at, audit.actor, 'status', '已退会', '在册', restored);
  log.run(audit.batchId, audit.at, audit.actor, 'lapsedOn', lapsedOn, null, restored);
  log.run(audit.batchId, audit.at, audit.actor, 'lapseReason', AUTO_LAPSE_REASON, null, restored);
  return still.length;
}
