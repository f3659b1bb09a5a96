import type BetterSqlite3 from 'better-sqlite3';

// The volunteer roster, a hot path (a fifth of a million rows on a large county): raw prepared
// statements, keyset pages in pinyin order of the person's name, never OFFSET. Hours and the
// awarded star level are looked up only for the rows of the page (indexed by volunteer).

export interface VolunteerRosterFilter {
  orgIds: number[] | null;
  status: 'active' | 'left' | null;
  fieldId: number | null;
  teamId: number | null;
  /** Certificates expiring in [today, expiringBy], or expired before today. */
  cert: { kind: 'expiring' | 'expired'; today: string; expiringBy: string } | null;
  search: RosterSearch | null;
}

/** How the search box text is matched; kept apart so that indexed search can replace it in one place. */
export type RosterSearch = { nameFragment: string } | { digitsTail: string };

export interface VolunteerRosterCursor {
  key: string;
  id: number;
}

export interface VolunteerRosterRow {
  id: number;
  person_id: number;
  name: string;
  gender: 'M' | 'F' | null;
  id_number: string | null;
  phone: string | null;
  organization_id: number | null;
  org_name: string | null;
  status: 'active' | 'left';
  registered_on: string;
  first_aid_cert_expires_on: string | null;
  minutes: number;
  star_level: number | null;
  sort_key: string;
}

/** SQL for the search part of the roster: plain scans for now, to be switched to the search indexes. */
function searchClause(): string {
  return `(:fragment IS NULL OR instr(p.name, :fragment) > 0)
        AND (:tail IS NULL OR substr(p.id_number, -length(:tail)) = :tail OR substr(p.phone, -length(:tail)) = :tail)`;
}

/**
 * Where a page starts reading. 'sorted' walks the person name index in order and filters, which
 * finds a page quickly whenever matches are common. A small team or organisation subtree would
 * make that walk cross most of the county, so those are read from their own index first and
 * sorted (a few thousand rows at most). A search reads the matching persons in one pass over
 * the person table and sorts them: walking the name index instead would look up every person's
 * row in index order, seconds on a county of a million (measured: 4.5 s → 0.2 s for a rare name).
 */
export type Driver = 'sorted' | 'team' | 'orgs' | 'search';

/** Above this many candidates the ordered walk meets a page's worth of matches soon enough. */
const drivenMaxCandidates = 5_000;

const fromClauses: Record<Driver, string> = {
  sorted: 'FROM person p JOIN volunteer v ON v.person_id = p.id',
  // CROSS JOIN fixes the loop order in SQLite: the driving rows first, then the lookups.
  search: `FROM hits CROSS JOIN person p ON p.id = hits.pid CROSS JOIN volunteer v ON v.person_id = p.id`,
  team: `FROM team_membership d CROSS JOIN volunteer v ON v.id = d.volunteer_id CROSS JOIN person p ON p.id = v.person_id`,
  orgs: `FROM volunteer v CROSS JOIN person p ON p.id = v.person_id`,
};

const drivenWhere: Record<Driver, string> = {
  sorted: '1',
  search: '1',
  team: 'd.team_id = :team AND d.left_on IS NULL',
  orgs: 'v.organization_id IN (SELECT value FROM json_each(:orgs))',
};

const cache = new WeakMap<BetterSqlite3.Database, Map<Driver, BetterSqlite3.Statement>>();

function statement(sqlite: BetterSqlite3.Database, driver: Driver): BetterSqlite3.Statement {
  let byDriver = cache.get(sqlite);
  if (!byDriver) cache.set(sqlite, (byDriver = new Map()));
  let stmt = byDriver.get(driver);
  if (!stmt) {
    const hits = driver === 'search' ? `WITH hits AS MATERIALIZED (SELECT p.id AS pid FROM person p WHERE ${searchClause()})` : '';
    stmt = sqlite.prepare(`
      ${hits}
      SELECT v.id, v.person_id, p.name, p.gender, p.id_number, p.phone, v.organization_id, o.name AS org_name, v.status,
             v.registered_on, v.first_aid_cert_expires_on, ifnull(p.name_sort_key, '') AS sort_key,
             (SELECT ifnull(sum(h.minutes), 0) FROM service_hours h WHERE h.volunteer_id = v.id) AS minutes,
             (SELECT max(a.star_level) FROM star_award a WHERE a.volunteer_id = v.id) AS star_level
      ${fromClauses[driver]}
      LEFT JOIN organization o ON o.id = v.organization_id
      WHERE ${drivenWhere[driver]}
        AND (:status IS NULL OR v.status = :status)
        AND (:orgs IS NULL OR v.organization_id IN (SELECT value FROM json_each(:orgs)))
        AND (:field IS NULL OR EXISTS (SELECT 1 FROM volunteer_service_field f WHERE f.volunteer_id = v.id AND f.field_id = :field))
        AND (:team IS NULL OR EXISTS (SELECT 1 FROM team_membership tm WHERE tm.team_id = :team AND tm.volunteer_id = v.id AND tm.left_on IS NULL))
        AND (:certKind IS NULL
             OR (:certKind = 'expiring' AND v.first_aid_cert_expires_on BETWEEN :today AND :expiringBy)
             OR (:certKind = 'expired' AND v.first_aid_cert_expires_on < :today))
        AND ${searchClause()}
        AND (p.name_sort_key, p.id) > (:key, :id)
      ORDER BY p.name_sort_key, p.id
      LIMIT :limit`);
    byDriver.set(driver, stmt);
  }
  return stmt;
}

function chooseDriver(sqlite: BetterSqlite3.Database, filter: VolunteerRosterFilter, orgs: string | null): Driver {
  if (filter.teamId !== null) {
    const members = sqlite.prepare('SELECT count(*) FROM team_membership WHERE team_id = ? AND left_on IS NULL').pluck().get(filter.teamId) as number;
    if (members <= drivenMaxCandidates) return 'team';
  }
  if (orgs !== null) {
    const inOrgs = sqlite.prepare('SELECT count(*) FROM volunteer WHERE organization_id IN (SELECT value FROM json_each(?))').pluck().get(orgs) as number;
    if (inOrgs <= drivenMaxCandidates) return 'orgs';
  }
  return filter.search ? 'search' : 'sorted';
}

export function readVolunteerRosterPage(
  sqlite: BetterSqlite3.Database,
  filter: VolunteerRosterFilter,
  after: VolunteerRosterCursor | null,
  limit: number,
  /** Forces a read path (tests check that every path gives the same pages). */
  driver?: Driver,
): VolunteerRosterRow[] {
  const orgs = filter.orgIds ? JSON.stringify(filter.orgIds) : null;
  return statement(sqlite, driver ?? chooseDriver(sqlite, filter, orgs)).all({
    status: filter.status,
    orgs,
    field: filter.fieldId,
    team: filter.teamId,
    certKind: filter.cert?.kind ?? null,
    today: filter.cert?.today ?? null,
    expiringBy: filter.cert?.expiringBy ?? null,
    fragment: filter.search && 'nameFragment' in filter.search ? filter.search.nameFragment : null,
    tail: filter.search && 'digitsTail' in filter.search ? filter.search.digitsTail : null,
    key: after?.key ?? '',
    id: after?.id ?? 0,
    limit,
  }) as VolunteerRosterRow[];
}

/** The organisation and everything under it. */
export function orgSubtreeIds(sqlite: BetterSqlite3.Database, rootId: number): number[] {
  return sqlite
    .prepare(
      `WITH RECURSIVE down(id) AS (SELECT id FROM organization WHERE id = ? UNION ALL SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id) SELECT id FROM down`,
    )
    .pluck()
    .all(rootId) as number[];
}
