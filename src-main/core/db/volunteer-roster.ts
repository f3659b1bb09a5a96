import type BetterSqlite3 from 'better-sqlite3';

// The volunteer roster, a hot path (a fifth of a million rows on a large county): raw prepared
// statements, keyset pages in pinyin order of the person's name or by registration date, either
// direction, never OFFSET. Hours and the
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

/** The last row of a page in the page's order: (pinyin key, person id) or (registration date, volunteer id). */
export interface VolunteerRosterCursor {
  key: string;
  id: number;
}

export interface VolunteerRosterSort {
  by: 'name' | 'registeredOn';
  descending: boolean;
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
  tie: number;
}

/** The search box as a filter: exact, whatever drives the read (the drivers below only choose the order of work). */
function searchClause(): string {
  const person = (column: string) => `(SELECT ${column} FROM person WHERE id = v.person_id)`;
  return `(:fragment IS NULL OR instr(${person('name')}, :fragment) > 0)
        AND (:tail IS NULL OR substr(${person('id_number')}, -length(:tail)) = :tail OR substr(${person('phone')}, -length(:tail)) = :tail)`;
}

/**
 * Where a page starts reading; every driver returns the same rows in the same order (a test
 * holds them to it), each reading the index made for it (migration 0030):
 * - sorted: volunteer_sorted, the county in pinyin order;
 * - orgs:   volunteer_roster, one ordered range per organisation of the subtree, merged under LIMIT;
 * - team:   a small team's memberships, sorted (a few thousand rows at most);
 * - search: a name fragment walks its first 1–2 character piece in person_name_gram in pinyin
 *           order; the last digits of a number read the reversed-number indexes, then sort.
 */
export type Driver = 'sorted' | 'team' | 'orgs' | 'search';

/** Above this many members a team is read through the ordered walk instead. */
const drivenMaxCandidates = 5_000;
/** Tails are indexed reversed up to this many characters; longer tails are checked in full after. */
const indexedTail = 12;

// The page's volunteer ids are chosen from the driving index alone (the person row is read only
// for a search, and only for candidates); names, numbers and totals are read for those rows after.
const fromClauses: Record<Path, string> = {
  sorted: 'FROM volunteer v INDEXED BY volunteer_sorted',
  orgs: 'FROM volunteer v INDEXED BY volunteer_roster',
  sortedByDate: 'FROM volunteer v INDEXED BY volunteer_registered_sorted',
  orgsByDate: 'FROM volunteer v INDEXED BY volunteer_registered_roster',
  team: 'FROM team_membership d CROSS JOIN volunteer v ON v.id = d.volunteer_id',
  // CROSS JOIN fixes the loop order in SQLite: the driving rows first, then the lookups.
  search: 'FROM person_name_gram g CROSS JOIN volunteer v ON v.person_id = g.person_id',
  tail: `FROM (SELECT id FROM person WHERE id_number IS NOT NULL AND id_tail >= :rev AND id_tail < :rev || '~'
               UNION
               SELECT id FROM person WHERE phone IS NOT NULL AND phone_tail >= :rev AND phone_tail < :rev || '~') AS hit
         CROSS JOIN volunteer v ON v.person_id = hit.id`,
};

const drivenWhere: Record<Path, string> = {
  sorted: '1',
  orgs: 'v.organization_id IN (SELECT value FROM json_each(:orgs))',
  sortedByDate: '1',
  orgsByDate: 'v.organization_id IN (SELECT value FROM json_each(:orgs))',
  team: 'd.team_id = :team AND d.left_on IS NULL',
  search: 'g.gram = :gram',
  tail: '1',
};

/** The keyset columns of each order, read from the driving index ((pinyin key, person id) from a name piece). */
function keyColumns(path: Path, sort: VolunteerRosterSort): [string, string] {
  if (sort.by === 'registeredOn') return ['v.registered_on', 'v.id'];
  return path === 'search' ? ['g.name_sort_key', 'g.person_id'] : ['v.name_sort_key', 'v.person_id'];
}

type Path = Driver | 'tail' | 'sortedByDate' | 'orgsByDate';
const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function statement(sqlite: BetterSqlite3.Database, path: Path, sort: VolunteerRosterSort): BetterSqlite3.Statement {
  let byPath = cache.get(sqlite);
  if (!byPath) cache.set(sqlite, (byPath = new Map()));
  const cacheKey = `${path}:${sort.by}:${sort.descending}`;
  let stmt = byPath.get(cacheKey);
  if (!stmt) {
    const [key, tie] = keyColumns(path, sort);
    const dir = sort.descending ? 'DESC' : 'ASC';
    stmt = sqlite.prepare(`
      SELECT v.id, v.person_id, p.name, p.gender, p.id_number, p.phone, v.organization_id, o.name AS org_name, v.status,
             v.registered_on, v.first_aid_cert_expires_on, page.sort_key, page.tie,
             (SELECT ifnull(sum(h.minutes), 0) FROM service_hours h WHERE h.volunteer_id = v.id) AS minutes,
             (SELECT max(a.star_level) FROM star_award a WHERE a.volunteer_id = v.id) AS star_level
      FROM (
        SELECT v.id AS volunteer_id, ${key} AS sort_key, ${tie} AS tie
        ${fromClauses[path]}
        WHERE ${drivenWhere[path]}
          AND (${key}, ${tie}) ${sort.descending ? '<' : '>'} (:key, :id)
          AND (:status IS NULL OR v.status = :status)
          AND (:orgs IS NULL OR v.organization_id IN (SELECT value FROM json_each(:orgs)))
          AND (:field IS NULL OR EXISTS (SELECT 1 FROM volunteer_service_field f WHERE f.volunteer_id = v.id AND f.field_id = :field))
          AND (:team IS NULL OR EXISTS (SELECT 1 FROM team_membership tm WHERE tm.team_id = :team AND tm.volunteer_id = v.id AND tm.left_on IS NULL))
          AND (:certKind IS NULL
               OR (:certKind = 'expiring' AND v.first_aid_cert_expires_on BETWEEN :today AND :expiringBy)
               OR (:certKind = 'expired' AND v.first_aid_cert_expires_on < :today))
          AND ${searchClause()}
        ORDER BY ${key} ${dir}, ${tie} ${dir}
        LIMIT :limit) AS page
      CROSS JOIN volunteer v ON v.id = page.volunteer_id
      CROSS JOIN person p ON p.id = v.person_id
      LEFT JOIN organization o ON o.id = v.organization_id
      ORDER BY page.sort_key ${dir}, page.tie ${dir}`);
    byPath.set(cacheKey, stmt);
  }
  return stmt;
}

function chooseDriver(sqlite: BetterSqlite3.Database, filter: VolunteerRosterFilter): Driver {
  if (filter.teamId !== null) {
    const members = sqlite.prepare('SELECT count(*) FROM team_membership WHERE team_id = ? AND left_on IS NULL').pluck().get(filter.teamId) as number;
    if (members <= drivenMaxCandidates) return 'team';
  }
  if (filter.search) return 'search';
  return filter.orgIds !== null ? 'orgs' : 'sorted';
}

export function readVolunteerRosterPage(
  sqlite: BetterSqlite3.Database,
  filter: VolunteerRosterFilter,
  sort: VolunteerRosterSort,
  after: VolunteerRosterCursor | null,
  limit: number,
  /** Forces a read path (tests check that every path gives the same pages). */
  driver?: Driver,
): VolunteerRosterRow[] {
  const orgs = filter.orgIds ? JSON.stringify(filter.orgIds) : null;
  const fragment = filter.search && 'nameFragment' in filter.search ? filter.search.nameFragment : null;
  const tail = filter.search && 'digitsTail' in filter.search ? filter.search.digitsTail : null;
  let path: Path = driver ?? chooseDriver(sqlite, filter);
  if (path === 'search' && tail !== null) path = 'tail';
  if (path === 'search' && fragment === null) path = orgs ? 'orgs' : 'sorted';
  if (path === 'orgs' && orgs === null) path = 'sorted';
  if (sort.by === 'registeredOn') {
    if (path === 'search') throw new Error('a name fragment search is ordered by name only');
    if (path === 'sorted') path = 'sortedByDate';
    if (path === 'orgs') path = 'orgsByDate';
  }
  // Descending, the first page starts above every text key (a BLOB sorts after all text).
  const start = sort.descending ? Buffer.from([0xff]) : '';
  return statement(sqlite, path, sort).all({
    status: filter.status,
    orgs,
    field: filter.fieldId,
    team: filter.teamId,
    certKind: filter.cert?.kind ?? null,
    today: filter.cert?.today ?? null,
    expiringBy: filter.cert?.expiringBy ?? null,
    fragment,
    tail,
    gram: fragment === null ? null : [...fragment].slice(0, 2).join(''),
    rev: tail === null ? null : [...tail].reverse().join('').slice(0, indexedTail),
    key: after?.key ?? start,
    id: after?.id ?? 0,
    limit,
  }) as VolunteerRosterRow[];
}
