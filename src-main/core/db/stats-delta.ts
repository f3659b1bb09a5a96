import type BetterSqlite3 from 'better-sqlite3';

// The start/stop events of db/active-at.ts's predicates as SQL, for stats_delta (see migration
// 0050): its triggers apply them row by row, and a bulk load that sets those triggers aside
// (db/roster-index.ts) rebuilds the table from them in one pass. Changing these means a new
// migration that recreates the triggers.

export function memberInterval(r: string, from = ''): string {
  return `(SELECT ${r}.joined_on AS j, ${r}.kind AS k, ${r}.converted_to_adult_on AS c,
    CASE WHEN ${r}.status = 'active' THEN NULL
         WHEN ${r}.lapsed_on IS NULL OR ${r}.lapsed_on <= ${r}.joined_on THEN ${r}.joined_on
         ELSE ${r}.lapsed_on END AS e${from})`;
}

export function memberDeltas(sign: 1 | -1, source: string): string {
  const s = String(sign);
  return `SELECT 'member_' || CASE WHEN r.k = 'adult' AND r.c > r.j THEN 'youth' ELSE r.k END AS metric, r.j AS day, ${s} AS n FROM ${source} r WHERE r.e IS NULL OR r.e > r.j
    UNION ALL SELECT 'member_youth', r.c, -(${s}) FROM ${source} r WHERE r.k = 'adult' AND r.c > r.j AND (r.e IS NULL OR r.c < r.e)
    UNION ALL SELECT 'member_adult', r.c, ${s} FROM ${source} r WHERE r.k = 'adult' AND r.c > r.j AND (r.e IS NULL OR r.c < r.e)
    UNION ALL SELECT 'member_' || CASE WHEN r.k = 'adult' AND r.c >= r.e THEN 'youth' ELSE r.k END, r.e, -(${s}) FROM ${source} r WHERE r.e > r.j`;
}

export function volunteerInterval(r: string, from = ''): string {
  return `(SELECT ${r}.registered_on AS j,
    CASE WHEN ${r}.status = 'active' THEN NULL
         WHEN ${r}.left_on IS NULL OR ${r}.left_on <= ${r}.registered_on THEN ${r}.registered_on
         ELSE ${r}.left_on END AS e${from})`;
}

export function volunteerDeltas(sign: 1 | -1, source: string): string {
  const s = String(sign);
  return `SELECT 'volunteer' AS metric, r.j AS day, ${s} AS n FROM ${source} r WHERE r.e IS NULL OR r.e > r.j
    UNION ALL SELECT 'volunteer', r.e, -(${s}) FROM ${source} r WHERE r.e > r.j`;
}


/** stats_delta as the triggers would have left it, recomputed from every member and volunteer. */
export function rebuildStatsDelta(sqlite: BetterSqlite3.Database): void {
  sqlite.exec('DELETE FROM stats_delta');
  sqlite.exec(`INSERT INTO stats_delta (metric, day, n)
    SELECT metric, day, sum(n) FROM (${memberDeltas(1, memberInterval('member', ' FROM member'))}) GROUP BY metric, day`);
  sqlite.exec(`INSERT INTO stats_delta (metric, day, n)
    SELECT metric, day, sum(n) FROM (${volunteerDeltas(1, volunteerInterval('volunteer', ' FROM volunteer'))}) GROUP BY metric, day`);
}
