import type BetterSqlite3 from 'better-sqlite3';
import type { DuesStatus } from '../domain/dues-rule';

// Dues are written one member or a few thousand at a time (a whole organisation's year), with
// one change-log row each; cached prepared statements on the dispatcher's connection run inside
// the transaction the dispatcher opened, so data and history still commit together.

export interface DuesRow {
  member_id: number;
  year: number;
  status: DuesStatus;
  amount_fen: number;
  paid_on: string | null;
}

export interface DuesWrite {
  memberId: number;
  year: number;
  status: DuesStatus;
  amountFen: number;
  paidOn: string | null;
}

export interface DuesAudit {
  batchId: string;
  at: string;
  actor: string;
}

interface Statements {
  find: BetterSqlite3.Statement;
  upsert: BetterSqlite3.Statement;
  log: BetterSqlite3.Statement;
}

const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      find: sqlite.prepare('SELECT member_id, year, status, amount_fen, paid_on FROM member_dues WHERE member_id = ? AND year = ?'),
      upsert: sqlite.prepare(
        `INSERT INTO member_dues (member_id, year, status, amount_fen, paid_on) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (member_id, year) DO UPDATE SET status = excluded.status, amount_fen = excluded.amount_fen, paid_on = excluded.paid_on`,
      ),
      log: sqlite.prepare(
        `INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value)
         VALUES (?, ?, ?, 'member', ?, 'dues', 'dues', ?, ?)`,
      ),
    };
    cache.set(sqlite, s);
  }
  return s;
}

const statusText: Record<DuesStatus, string> = { paid: '已缴', unpaid: '未缴', exempt: '免缴' };

export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** How the change history shows one year's dues, e.g. "2025 年 已缴 10.00 元（2025-03-01）". */
export function describeDues(row: { year: number; status: DuesStatus; amount_fen: number; paid_on: string | null }): string {
  const amount = row.status === 'exempt' ? '' : ` ${formatYuan(row.amount_fen)} 元`;
  return `${row.year} 年 ${statusText[row.status]}${amount}${row.paid_on ? `（${row.paid_on}）` : ''}`;
}

export function findDues(sqlite: BetterSqlite3.Database, memberId: number, year: number): DuesRow | null {
  return (statements(sqlite).find.get(memberId, year) as DuesRow | undefined) ?? null;
}

/** Writes each entry and its history row; an entry equal to what is stored writes nothing. Returns how many changed. */
export function writeDues(sqlite: BetterSqlite3.Database, audit: DuesAudit, entries: readonly DuesWrite[]): number {
  const s = statements(sqlite);
  let changed = 0;
  for (const e of entries) {
    const before = s.find.get(e.memberId, e.year) as DuesRow | undefined;
    const after = { year: e.year, status: e.status, amount_fen: e.amountFen, paid_on: e.paidOn };
    const oldText = before ? describeDues(before) : null;
    const newText = describeDues(after);
    if (oldText === newText) continue;
    s.upsert.run(e.memberId, e.year, e.status, e.amountFen, e.paidOn);
    s.log.run(audit.batchId, audit.at, audit.actor, e.memberId, oldText, newText);
    changed++;
  }
  return changed;
}

/** The first year with any dues recorded (the ledger's start of dues bookkeeping), or null. */
export function earliestDuesYear(sqlite: BetterSqlite3.Database): number | null {
  const row = sqlite.prepare('SELECT min(year) AS y FROM member_dues').get() as { y: number | null };
  return row.y;
}

export interface MemberForDues {
  id: number;
  kind: 'adult' | 'youth';
  organization_id: number;
  joined_on: string;
  status: 'active' | 'lapsed';
  lapsed_on: string | null;
  name: string;
}

export function membersForDues(sqlite: BetterSqlite3.Database, ids: readonly number[]): MemberForDues[] {
  return sqlite
    .prepare(
      `SELECT m.id, m.kind, m.organization_id, m.joined_on, m.status, m.lapsed_on, p.name
       FROM member m JOIN person p ON p.id = m.person_id
       WHERE m.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as MemberForDues[];
}
