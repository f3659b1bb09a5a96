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

const cache = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function statement(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  let stmt = cache.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare(`
      SELECT v.id, v.person_id, p.name, p.gender, p.id_number, p.phone, v.organization_id, o.name AS org_name, v.status,
             v.registered_on, v.first_aid_cert_expires_on, ifnull(p.name_sort_key, '') AS sort_key,
             (SELECT ifnull(sum(h.minutes), 0) FROM service_hours h WHERE h.volunteer_id = v.id) AS minutes,
             (SELECT max(a.star_level) FROM star_award a WHERE a.volunteer_id = v.id) AS star_level
      FROM person p
      JOIN volunteer v ON v.person_id = p.id
      LEFT JOIN organization o ON o.id = v.organization_id
      WHERE (:status IS NULL OR v.status = :status)
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
    cache.set(sqlite, stmt);
  }
  return stmt;
}

export function readVolunteerRosterPage(
  sqlite: BetterSqlite3.Database,
  filter: VolunteerRosterFilter,
  after: VolunteerRosterCursor | null,
  limit: number,
): VolunteerRosterRow[] {
  return statement(sqlite).all({
    status: filter.status,
    orgs: filter.orgIds ? JSON.stringify(filter.orgIds) : null,
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
