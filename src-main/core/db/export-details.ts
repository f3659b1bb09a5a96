import type BetterSqlite3 from 'better-sqlite3';

// The columns an export writes beyond what the roster pages carry (birth dates, guardians,
// notes, fields of service, teams), read for one page of ids at a time, plus the service
// hours walked entry by entry. Raw prepared statements: a roster export is a hot path.

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(sqlite: BetterSqlite3.Database, key: string, sql: string): BetterSqlite3.Statement {
  let statements = cache.get(sqlite);
  if (!statements) cache.set(sqlite, (statements = new Map()));
  let stmt = statements.get(key);
  if (!stmt) statements.set(key, (stmt = sqlite.prepare(sql)));
  return stmt;
}

function byId<T extends { id: number }>(rows: unknown[]): Map<number, T> {
  return new Map((rows as T[]).map((r) => [r.id, r]));
}

export interface MemberDetail {
  id: number;
  id_type: string;
  birth_date: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
  guardian_relation: string | null;
  guardian_consent_on: string | null;
  guardian_consent_method: string | null;
  lapsed_on: string | null;
  lapse_reason: string | null;
  notes: string | null;
}

export function readMemberDetails(sqlite: BetterSqlite3.Database, ids: number[]): Map<number, MemberDetail> {
  const stmt = prepared(
    sqlite,
    'member',
    `SELECT m.id, p.id_type, p.birth_date, p.guardian_name, p.guardian_phone, p.guardian_relation, p.guardian_consent_on, p.guardian_consent_method,
            m.lapsed_on, m.lapse_reason, m.notes
     FROM json_each(:ids) AS j CROSS JOIN member m ON m.id = j.value CROSS JOIN person p ON p.id = m.person_id`,
  );
  return byId<MemberDetail>(stmt.all({ ids: JSON.stringify(ids) }));
}

export interface MemberExportFilter {
  orgIds: number[] | null;
  status: 'active' | 'lapsed' | null;
  kind: 'adult' | 'youth' | null;
  joinedYear: number | null;
}

export interface MemberExportRow extends MemberDetail {
  name: string;
  kind: 'adult' | 'youth';
  gender: 'M' | 'F' | null;
  id_number: string | null;
  phone: string | null;
  organization_id: number;
  org_name: string;
  joined_on: string;
  sort_key: string;
  tie: number;
}

/**
 * A page of the whole roster in name order with every exported column, for a filter without a
 * search text (the list screens' filters otherwise). It walks member_sorted from the cursor, so
 * an export of any filter reads the index once in total, whatever the number of pages. Rows come
 * one at a time (the connection is busy until the page is read to its end or closed), so a page
 * is never held in memory as a whole.
 */
export function iterateMemberExportPage(
  sqlite: BetterSqlite3.Database,
  filter: MemberExportFilter,
  after: { key: string; id: number } | null,
  limit: number,
): IterableIterator<MemberExportRow> {
  const stmt = prepared(
    sqlite,
    'memberPage',
    `SELECT m.id, p.name, m.kind, p.gender, p.id_type, p.id_number, p.birth_date, p.phone, p.guardian_name, p.guardian_phone,
            p.guardian_relation, p.guardian_consent_on, p.guardian_consent_method, m.lapsed_on, m.lapse_reason, m.notes,
            m.organization_id, o.name AS org_name, m.joined_on, m.name_sort_key AS sort_key, m.person_id AS tie
     FROM member m INDEXED BY member_sorted
     CROSS JOIN person p ON p.id = m.person_id
     CROSS JOIN organization o ON o.id = m.organization_id
     WHERE (m.name_sort_key, m.person_id) > (:key, :id)
       AND (:status IS NULL OR m.status = :status) AND (:kind IS NULL OR m.kind = :kind)
       AND (:joinedFrom IS NULL OR m.joined_on BETWEEN :joinedFrom AND :joinedTo)
       AND (:orgs IS NULL OR m.organization_id IN (SELECT value FROM json_each(:orgs)))
     ORDER BY m.name_sort_key, m.person_id
     LIMIT :limit`,
  );
  const year = filter.joinedYear;
  return stmt.iterate({
    key: after?.key ?? '',
    id: after?.id ?? 0,
    status: filter.status,
    kind: filter.kind,
    joinedFrom: year === null ? null : `${year}-01-01`,
    joinedTo: year === null ? null : `${year}-12-31`,
    orgs: filter.orgIds ? JSON.stringify(filter.orgIds) : null,
    limit,
  }) as IterableIterator<MemberExportRow>;
}

export interface VolunteerDetail {
  id: number;
  id_type: string;
  birth_date: string | null;
  national_system_no: string | null;
  first_aid_cert_no: string | null;
  left_on: string | null;
  notes: string | null;
  fields: string | null;
  teams: string | null;
}

export function readVolunteerDetails(sqlite: BetterSqlite3.Database, ids: number[]): Map<number, VolunteerDetail> {
  const stmt = prepared(
    sqlite,
    'volunteer',
    `SELECT v.id, p.id_type, p.birth_date, v.national_system_no, v.first_aid_cert_no, v.left_on, v.notes,
            (SELECT group_concat(name, '、') FROM (SELECT f.name FROM volunteer_service_field vf
               CROSS JOIN service_field f ON f.id = vf.field_id WHERE vf.volunteer_id = v.id ORDER BY f.sort_order, f.id)) AS fields,
            (SELECT group_concat(name, '、') FROM (SELECT t.name FROM team_membership tm
               CROSS JOIN volunteer_team t ON t.id = tm.team_id WHERE tm.volunteer_id = v.id AND tm.left_on IS NULL ORDER BY t.name, t.id)) AS teams
     FROM json_each(:ids) AS j CROSS JOIN volunteer v ON v.id = j.value CROSS JOIN person p ON p.id = v.person_id`,
  );
  return byId<VolunteerDetail>(stmt.all({ ids: JSON.stringify(ids) }));
}

export interface GroupDetail {
  id: number;
  lapsed_on: string | null;
  notes: string | null;
}

export function readGroupDetails(sqlite: BetterSqlite3.Database, ids: number[]): Map<number, GroupDetail> {
  const stmt = prepared(sqlite, 'group', `SELECT g.id, g.lapsed_on, g.notes FROM json_each(:ids) AS j CROSS JOIN group_member g ON g.id = j.value`);
  return byId<GroupDetail>(stmt.all({ ids: JSON.stringify(ids) }));
}

export interface HoursFilter {
  teamId: number | null;
  orgIds: number[] | null;
  volunteerId: number | null;
  from: string | null;
  to: string | null;
}

export interface HoursRow {
  record_id: number;
  volunteer_id: number;
  held_on: string;
  title: string;
  category_name: string | null;
  place: string | null;
  team_name: string | null;
  notes: string | null;
  name: string;
  id_number: string | null;
  minutes: number;
}

/** One line per volunteer per activity, newest activity first like the service list; keyset on (held_on, record, volunteer). */
export function readHoursPage(
  sqlite: BetterSqlite3.Database,
  filter: HoursFilter,
  after: { heldOn: string; recordId: number; volunteerId: number } | null,
  limit: number,
): HoursRow[] {
  const stmt = prepared(
    sqlite,
    'hours',
    `SELECT r.id AS record_id, h.volunteer_id, r.held_on, r.title, c.name AS category_name, r.place, t.name AS team_name, r.notes,
            p.name, p.id_number, h.minutes
     FROM service_record r
     CROSS JOIN service_hours h ON h.service_record_id = r.id
     CROSS JOIN volunteer v ON v.id = h.volunteer_id
     CROSS JOIN person p ON p.id = v.person_id
     LEFT JOIN volunteer_team t ON t.id = r.team_id
     LEFT JOIN activity_category c ON c.id = r.category_id
     WHERE (:team IS NULL OR r.team_id = :team)
       AND (:orgs IS NULL OR r.organization_id IN (SELECT value FROM json_each(:orgs)))
       AND (:volunteer IS NULL OR h.volunteer_id = :volunteer)
       AND (:from IS NULL OR r.held_on >= :from) AND (:to IS NULL OR r.held_on <= :to)
       AND (:afterDay IS NULL OR (r.held_on, r.id, h.volunteer_id) < (:afterDay, :afterRecord, :afterVolunteer))
     ORDER BY r.held_on DESC, r.id DESC, h.volunteer_id DESC
     LIMIT :limit`,
  );
  return stmt.all({
    team: filter.teamId,
    orgs: filter.orgIds ? JSON.stringify(filter.orgIds) : null,
    volunteer: filter.volunteerId,
    from: filter.from,
    to: filter.to,
    afterDay: after?.heldOn ?? null,
    afterRecord: after?.recordId ?? 0,
    afterVolunteer: after?.volunteerId ?? 0,
    limit,
  }) as HoursRow[];
}
