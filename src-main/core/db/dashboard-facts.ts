import type BetterSqlite3 from 'better-sqlite3';
import { organizationEstablishedAt, teamActiveAt, volunteerActiveAt } from './active-at';

// The few aggregates the targets dashboard is built from, as of one date: every organisation
// (the tree is needed whole to find each one's township) with its own active teams, the
// county-led teams and the registered volunteers. Raw prepared statements: the dashboard must
// answer within 200 ms on the large seed, and these are a handful of grouped scans.

export interface OrgFact {
  id: number;
  name: string;
  parentId: number | null;
  typeId: number | null;
  typeName: string | null;
  isCommunity: boolean;
  /** 已成立 on the date (db/active-at.ts). */
  established: boolean;
  /** Active teams whose organisation is this one (not its children). */
  teams: number;
}

export interface DashboardFacts {
  orgs: OrgFact[];
  countyLedTeams: number;
  activeVolunteers: number;
}

const statements = new WeakMap<BetterSqlite3.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: BetterSqlite3.Database) {
  return {
    orgs: sqlite.prepare(
      `SELECT o.id, o.name, o.parent_id AS parentId, o.type_id AS typeId, ty.name AS typeName, ifnull(ty.is_community, 0) AS isCommunity,
              ${organizationEstablishedAt('o')} AS established
       FROM organization o LEFT JOIN organization_type ty ON ty.id = o.type_id`,
    ),
    teamsByOrg: sqlite.prepare(
      `SELECT t.organization_id AS orgId, count(*) AS n FROM volunteer_team t
       WHERE t.organization_id IS NOT NULL AND ${teamActiveAt('t')} GROUP BY t.organization_id`,
    ),
    countyLed: sqlite.prepare(`SELECT count(*) FROM volunteer_team t WHERE t.led_by_county = 1 AND ${teamActiveAt('t')}`).pluck(),
    volunteers: sqlite.prepare(`SELECT count(*) FROM volunteer v WHERE ${volunteerActiveAt('v')}`).pluck(),
  };
}

function statementsFor(sqlite: BetterSqlite3.Database) {
  let s = statements.get(sqlite);
  if (!s) statements.set(sqlite, (s = prepare(sqlite)));
  return s;
}

export function readDashboardFacts(sqlite: BetterSqlite3.Database, asOf: string): DashboardFacts {
  const s = statementsFor(sqlite);
  const teams = new Map((s.teamsByOrg.all({ asOf }) as Array<{ orgId: number; n: number }>).map((r) => [r.orgId, r.n]));
  const rows = s.orgs.all({ asOf }) as Array<Omit<OrgFact, 'isCommunity' | 'established' | 'teams'> & { isCommunity: number; established: number }>;
  return {
    orgs: rows.map((r) => ({ ...r, isCommunity: r.isCommunity === 1, established: r.established === 1, teams: teams.get(r.id) ?? 0 })),
    countyLedTeams: s.countyLed.get({ asOf }) as number,
    activeVolunteers: s.volunteers.get({ asOf }) as number,
  };
}

export interface TeamRecord {
  id: number;
  name: string;
  foundedOn: string;
  orgId: number | null;
  orgName: string | null;
}

/** The county-led teams active on the date: the records behind county_direct_teams. */
export function readCountyLedTeams(sqlite: BetterSqlite3.Database, asOf: string): TeamRecord[] {
  return sqlite
    .prepare(
      `SELECT t.id, t.name, t.founded_on AS foundedOn, t.organization_id AS orgId, o.name AS orgName
       FROM volunteer_team t LEFT JOIN organization o ON o.id = t.organization_id
       WHERE t.led_by_county = 1 AND ${teamActiveAt('t')} ORDER BY t.founded_on, t.id`,
    )
    .all({ asOf }) as TeamRecord[];
}

export interface VolunteerRecord {
  id: number;
  name: string;
  idNumber: string | null;
  registeredOn: string;
  orgId: number | null;
  orgName: string | null;
}

/** Which volunteers a drill-down covers: all, or those of some organisations (and/or of none). */
export interface VolunteerFilter {
  orgIds: number[] | null;
  includeNoOrg: boolean;
}

const volunteerScope = `(:all = 1 OR (v.organization_id IS NULL AND :noOrg = 1) OR v.organization_id IN (SELECT value FROM json_each(:orgIds)))`;

function volunteerParams(asOf: string, filter: VolunteerFilter) {
  return { asOf, all: filter.orgIds === null ? 1 : 0, noOrg: filter.includeNoOrg ? 1 : 0, orgIds: JSON.stringify(filter.orgIds ?? []) };
}

/**
 * A page of the registered volunteers active on the date, the records behind
 * volunteer_population_rate (unmasked: callers mask), with the count of all of them. Paged in
 * SQL: the large seed has 200,000 and a drawer shows a few hundred at a time.
 */
export function readActiveVolunteers(sqlite: BetterSqlite3.Database, asOf: string, filter: VolunteerFilter, offset: number, limit: number | undefined): { count: number; rows: VolunteerRecord[] } {
  const params = volunteerParams(asOf, filter);
  const count = sqlite.prepare(`SELECT count(*) FROM volunteer v WHERE ${volunteerActiveAt('v')} AND ${volunteerScope}`).pluck().get(params) as number;
  const rows = sqlite
    .prepare(
      `SELECT v.id, p.name, p.id_number AS idNumber, v.registered_on AS registeredOn, v.organization_id AS orgId, o.name AS orgName
       FROM volunteer v JOIN person p ON p.id = v.person_id LEFT JOIN organization o ON o.id = v.organization_id
       WHERE ${volunteerActiveAt('v')} AND ${volunteerScope} ORDER BY v.id LIMIT :limit OFFSET :offset`,
    )
    .all({ ...params, limit: limit ?? -1, offset }) as VolunteerRecord[];
  return { count, rows };
}
