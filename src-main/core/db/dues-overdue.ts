import type BetterSqlite3 from 'better-sqlite3';

// The 视为自动退会 rule of domain/dues-rule.ts in one pass over a county's members (a million
// rows): each member's settled years (paid or exempt) become bits of one integer, read from the
// dues primary key; the judged years (after the join year, from the first recorded year, up to the
// last completed year) become a mask; unpaid = mask & ~settled, and two consecutive unpaid years
// are two neighbouring bits: (unpaid & (unpaid >> 1)) <> 0.

/** The mask is read into a JS number (53-bit safe): judge at most this many years back. */
const MAX_SPAN = 50;

export interface OverdueScope {
  /** Organisation ids (a subtree), or null for the whole county. */
  orgIds: number[] | null;
  /** First judged year at the earliest (years before it are not judged), or null. */
  firstYear: number | null;
  /** Last completed year. */
  lastYear: number;
}

export interface OverdueHit {
  id: number;
  name: string;
  id_number: string | null;
  organization_id: number;
  org_name: string;
  joined_on: string;
  unpaidYears: number[];
}

// Two statements: the county scans the member table in rowid order (NOT INDEXED: the org index
// would turn a full scan into random row reads), a subtree seeks its organisations by index.
// LIMIT -1 keeps the inner query from being flattened, so the dues subquery runs once per member.
function sql(memberSource: string): string {
  return `
    SELECT f.id, p.name, p.id_number, f.organization_id, o.name AS org_name, f.joined_on, f.unpaid
    FROM (
      SELECT j.*,
             (((1 << (:last - j.lo + 1)) - 1) << (j.lo - :base))
               & ~ifnull((SELECT sum(1 << (d.year - :base)) FROM member_dues d
                          WHERE d.member_id = j.id AND d.year BETWEEN :base AND :last AND d.status <> 'unpaid'), 0) AS unpaid
      FROM (SELECT m.id, m.person_id, m.organization_id, m.joined_on,
                   max(:base, CAST(substr(m.joined_on, 1, 4) AS INTEGER) + 1) AS lo
            FROM ${memberSource} m.status = 'active' AND m.joined_on < :latestJoin) j
      LIMIT -1
    ) f
    JOIN person p ON p.id = f.person_id
    JOIN organization o ON o.id = f.organization_id
    WHERE (f.unpaid & (f.unpaid >> 1)) <> 0
    ORDER BY p.name_sort_key, p.id`;
}

const cache = new WeakMap<BetterSqlite3.Database, { county: BetterSqlite3.Statement; subtree: BetterSqlite3.Statement }>();

function statement(sqlite: BetterSqlite3.Database, subtree: boolean): BetterSqlite3.Statement {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      county: sqlite.prepare(sql('member m NOT INDEXED WHERE')),
      subtree: sqlite.prepare(sql('member m WHERE m.organization_id IN (SELECT value FROM json_each(:orgs)) AND')),
    };
    cache.set(sqlite, s);
  }
  return subtree ? s.subtree : s.county;
}

function bitsToYears(bits: number | bigint, base: number): number[] {
  const years: number[] = [];
  let rest = BigInt(bits);
  for (let i = 0; rest > 0n; i++, rest >>= 1n) if (rest & 1n) years.push(base + i);
  return years;
}

/**
 * Every flagged member of the scope, in pinyin order. `onHit` sees each one; the return value is
 * the number flagged. Streaming lets a caller keep only the first page yet count them all.
 */
export function scanOverdue(sqlite: BetterSqlite3.Database, scope: OverdueScope, onHit: (hit: OverdueHit) => void): number {
  const base = Math.max(scope.firstYear ?? -Infinity, scope.lastYear - MAX_SPAN);
  // Two judged years are needed: lo = joinYear + 1 <= lastYear - 1, i.e. joined before (lastYear - 1)-01-01.
  const latestJoin = `${scope.lastYear - 1}-01-01`;
  if (scope.lastYear - 1 < base) return 0;
  let count = 0;
  const params = { base, last: scope.lastYear, latestJoin, ...(scope.orgIds ? { orgs: JSON.stringify(scope.orgIds) } : {}) };
  const rows = statement(sqlite, scope.orgIds !== null).iterate(params) as IterableIterator<
    Omit<OverdueHit, 'unpaidYears'> & { unpaid: number }
  >;
  for (const row of rows) {
    count++;
    const { unpaid, ...rest } = row;
    onHit({ ...rest, unpaidYears: bitsToYears(unpaid, base) });
  }
  return count;
}

/** Member ids only, for the bulk lapse. */
export function overdueMemberIds(sqlite: BetterSqlite3.Database, scope: OverdueScope): number[] {
  const ids: number[] = [];
  scanOverdue(sqlite, scope, (hit) => ids.push(hit.id));
  return ids;
}
