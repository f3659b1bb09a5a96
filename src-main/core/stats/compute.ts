import type BetterSqlite3 from 'better-sqlite3';
import { groupMemberActiveAt, organizationEstablishedAt, teamActiveAt, yearEnd } from '../db/active-at';
import { itemNumbers, type ItemNo } from './items';

// The figures of 附件1 for one as-of date, and 附件2 as the year's figures minus the baseline's.
// Everything for the year and its baseline is read in one pass per table: members and
// volunteers from the day-deltas of migration 0050 (a few thousand rows), the small tables
// (organisations, group members, teams) with both dates in one conditional aggregate, and the
// service hours by two index range reads on service_record.held_on.

export interface Figures {
  /** Item number -> value (hours for item 14, counts otherwise). */
  values: Record<ItemNo, number>;
  /** Item 13 split: legally registered 志愿服务组织 and informal 志愿服务队. */
  teamsRegistered: number;
  teamsInformal: number;
  minutes: number;
}

export interface Tables {
  year: number;
  baselineYear: number;
  asOf: string;
  baselineAsOf: string;
  provisional: boolean;
  table1: Figures;
  baseline: Figures;
  /** 附件2, item -> increase. */
  table2: Record<ItemNo, number>;
  /** 附件2 items 2/3 count completed re-elections, not a difference. */
  termsStarted: number;
}

/** Minutes to the reported hours: two decimals, half up (exact for whole minutes: no float drift). */
export const minutesToHours = (minutes: number) => Math.round((minutes * 100) / 60) / 100;

const two = (predicate: string) => ({ a: predicate.replaceAll(':asOf', ':a'), b: predicate.replaceAll(':asOf', ':b') });

const statements = new WeakMap<BetterSqlite3.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: BetterSqlite3.Database) {
  const org = two(organizationEstablishedAt('o'));
  const group = two(groupMemberActiveAt('g'));
  const team = two(teamActiveAt('t'));
  return {
    deltas: sqlite.prepare(
      `SELECT metric, sum(CASE WHEN day <= :a THEN n ELSE 0 END) AS a, sum(CASE WHEN day <= :b THEN n ELSE 0 END) AS b FROM stats_delta GROUP BY metric`,
    ),
    orgs: sqlite.prepare(`SELECT ifnull(sum(${org.a}), 0) AS a, ifnull(sum(${org.b}), 0) AS b FROM organization o`),
    groups: sqlite.prepare(`SELECT ifnull(sum(${group.a}), 0) AS a, ifnull(sum(${group.b}), 0) AS b FROM group_member g`),
    teams: sqlite.prepare(
      `SELECT ifnull(sum(${team.a} AND t.is_registered_org = 1), 0) AS ar, ifnull(sum(${team.a} AND t.is_registered_org = 0), 0) AS ai,
              ifnull(sum(${team.b} AND t.is_registered_org = 1), 0) AS br, ifnull(sum(${team.b} AND t.is_registered_org = 0), 0) AS bi
       FROM volunteer_team t`,
    ),
    minutes: sqlite
      .prepare(`SELECT ifnull(sum(h.minutes), 0) FROM service_record r JOIN service_hours h ON h.service_record_id = r.id WHERE r.held_on >= :from AND r.held_on <= :to`)
      .pluck(),
    county: sqlite.prepare(
      `SELECT mgmt_rationalized, mgmt_rationalized_on, party_group_established, party_group_established_on,
              supervisory_board_established, supervisory_board_established_on FROM county_society WHERE id = 1`,
    ),
    terms: sqlite.prepare('SELECT started_on, due_on FROM society_term ORDER BY started_on'),
  };
}

function statementsFor(sqlite: BetterSqlite3.Database) {
  let s = statements.get(sqlite);
  if (!s) statements.set(sqlite, (s = prepare(sqlite)));
  return s;
}

interface CountyFacts {
  mgmt_rationalized: 0 | 1 | null;
  mgmt_rationalized_on: string | null;
  party_group_established: 0 | 1 | null;
  party_group_established_on: string | null;
  supervisory_board_established: 0 | 1 | null;
  supervisory_board_established_on: string | null;
}

/** A dated yes/no fact held on D: yes, and dated on or before D (undated counts as long ago). */
const heldOn = (flag: 0 | 1 | null, on: string | null, asOf: string) => (flag === 1 && (on === null || on <= asOf) ? 1 : 0);

export interface Term {
  started_on: string;
  due_on: string;
}

/**
 * 应换届: the term whose 换届 fell due in the year — due between 1 January and D while still in
 * force (no later term had begun before its due date), or already overdue on 1 January. Completing
 * the 换届 later in the year does not take it off: 附件1 asks which societies must hold one this
 * year, and 附件2 item 3 counts the ones completed.
 */
export function reElectionDueTerm<T extends Term>(terms: readonly T[], asOf: string): T | null {
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const inForceAt = (day: string) => terms.filter((t) => t.started_on <= day).at(-1);
  const dueInYear = terms.find((t) => t.due_on >= yearStart && t.due_on <= asOf && inForceAt(t.due_on) === t);
  if (dueInYear) return dueInYear;
  const carried = terms.filter((t) => t.started_on < yearStart).at(-1);
  return carried && carried.due_on < yearStart ? carried : null;
}

/** 完成换届: terms begun after the baseline year's end, up to D. */
export function termsStartedBetween(terms: readonly Term[], afterExclusive: string, upTo: string): Term[] {
  return terms.filter((t) => t.started_on > afterExclusive && t.started_on <= upTo);
}

export interface TablesRequest {
  year: number;
  baselineYear: number;
  /** Today in China; the current year is provisional, as of today. */
  today: string;
}

export function asOfFor(year: number, today: string): { asOf: string; provisional: boolean } {
  const end = yearEnd(year);
  return end >= today ? { asOf: today, provisional: true } : { asOf: end, provisional: false };
}

export function computeTables(sqlite: BetterSqlite3.Database, request: TablesRequest): Tables {
  const s = statementsFor(sqlite);
  const { asOf, provisional } = asOfFor(request.year, request.today);
  const baselineAsOf = yearEnd(request.baselineYear);
  const p = { a: asOf, b: baselineAsOf };
  const deltas = new Map((s.deltas.all(p) as Array<{ metric: string; a: number; b: number }>).map((r) => [r.metric, r]));
  const orgs = s.orgs.get(p) as { a: number; b: number };
  const groups = s.groups.get(p) as { a: number; b: number };
  const teams = s.teams.get(p) as { ar: number; ai: number; br: number; bi: number };
  const county = (s.county.get() as CountyFacts | undefined) ?? null;
  const terms = s.terms.all() as Term[];
  const minutesA = s.minutes.get({ from: `${request.year}-01-01`, to: asOf }) as number;
  const minutesB = s.minutes.get({ from: `${request.baselineYear}-01-01`, to: baselineAsOf }) as number;

  const figures = (side: 'a' | 'b', date: string, minutes: number, registered: number, informal: number): Figures => ({
    values: {
      1: county ? heldOn(county.mgmt_rationalized, county.mgmt_rationalized_on, date) : 0,
      2: 0,
      3: reElectionDueTerm(terms, date) ? 1 : 0,
      4: 0,
      5: county ? heldOn(county.party_group_established, county.party_group_established_on, date) : 0,
      6: 0,
      7: county ? heldOn(county.supervisory_board_established, county.supervisory_board_established_on, date) : 0,
      8: orgs[side],
      9: groups[side],
      10: deltas.get('member_adult')?.[side] ?? 0,
      11: deltas.get('member_youth')?.[side] ?? 0,
      12: deltas.get('volunteer')?.[side] ?? 0,
      13: registered + informal,
      14: minutesToHours(minutes),
    },
    teamsRegistered: registered,
    teamsInformal: informal,
    minutes,
  });
  const table1 = figures('a', asOf, minutesA, teams.ar, teams.ai);
  const baseline = figures('b', baselineAsOf, minutesB, teams.br, teams.bi);
  const termsStarted = termsStartedBetween(terms, baselineAsOf, asOf).length;
  const table2 = {} as Record<ItemNo, number>;
  for (const item of itemNumbers) {
    if (item === 2) table2[item] = 0;
    else if (item === 3) table2[item] = termsStarted;
    else if (item === 14) table2[item] = minutesToHours(minutesA - minutesB);
    else table2[item] = table1.values[item] - baseline.values[item];
  }
  return { year: request.year, baselineYear: request.baselineYear, asOf, baselineAsOf, provisional, table1, baseline, table2, termsStarted };
}
