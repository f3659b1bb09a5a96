import type BetterSqlite3 from 'better-sqlite3';

// The yearly dues report over a county (a million members) in one grouped pass: each member who
// belonged during the year, joined with that year's dues row through the primary key.

export interface DuesReportCounts {
  organization_id: number;
  due: number;
  paid: number;
  exempt: number;
  due_fen: number;
  paid_fen: number;
}

// 应缴: a member at any time during the year (joined by its end, not lapsed before its start)
// and not exempt. A member without a row owes the default amount for their kind. The county
// scans members in rowid order (NOT INDEXED: the org index would mean random row reads); a
// subtree seeks its organisations by index.
function sql(memberSource: string): string {
  return `
    SELECT m.organization_id,
           sum(CASE WHEN d.status = 'exempt' THEN 0 ELSE 1 END) AS due,
           sum(CASE WHEN d.status = 'paid' THEN 1 ELSE 0 END) AS paid,
           sum(CASE WHEN d.status = 'exempt' THEN 1 ELSE 0 END) AS exempt,
           sum(CASE WHEN d.status = 'exempt' THEN 0
                    WHEN d.status IS NULL THEN (CASE m.kind WHEN 'youth' THEN :youthFen ELSE :adultFen END)
                    ELSE d.amount_fen END) AS due_fen,
           sum(CASE WHEN d.status = 'paid' THEN d.amount_fen ELSE 0 END) AS paid_fen
    FROM ${memberSource}
    LEFT JOIN member_dues d ON d.member_id = m.id AND d.year = :year
    WHERE m.joined_on <= :yearEnd
      AND (m.status = 'active' OR m.lapsed_on >= :yearStart)
      ${memberSource.includes('NOT INDEXED') ? '' : 'AND m.organization_id IN (SELECT value FROM json_each(:orgs))'}
    GROUP BY m.organization_id`;
}

const cache = new WeakMap<BetterSqlite3.Database, { county: BetterSqlite3.Statement; subtree: BetterSqlite3.Statement }>();

function statement(sqlite: BetterSqlite3.Database, subtree: boolean): BetterSqlite3.Statement {
  let s = cache.get(sqlite);
  if (!s) {
    s = { county: sqlite.prepare(sql('member m NOT INDEXED')), subtree: sqlite.prepare(sql('member m')) };
    cache.set(sqlite, s);
  }
  return subtree ? s.subtree : s.county;
}

export function readDuesReportCounts(
  sqlite: BetterSqlite3.Database,
  params: { year: number; orgIds: number[] | null; adultFen: number; youthFen: number },
): DuesReportCounts[] {
  return statement(sqlite, params.orgIds !== null).all({
    year: params.year,
    yearStart: `${params.year}-01-01`,
    yearEnd: `${params.year}-12-31`,
    adultFen: params.adultFen,
    youthFen: params.youthFen,
    ...(params.orgIds ? { orgs: JSON.stringify(params.orgIds) } : {}),
  }) as DuesReportCounts[];
}
