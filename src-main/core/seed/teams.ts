import { BatchGroup, BatchInsert } from './batch';
import { Phase, type SeedContext } from './context';
import { dayStr, stampOn } from './days';
import type { SeedOrg } from './orgs';
import { NO_DAY, type VolunteerFacts } from './people';
import type { UsccAllocator } from './uscc';

// Volunteer teams and who belongs to them. Most active organisations run one team, some two,
// some none; the county society leads 3–6 teams directly (organization_id NULL). Volunteers
// join a team of their own organisation, else one nearby (same township), else a county team.

export interface SeedTeam {
  id: number;
  orgId: number | null;
  founded: number;
  /** Day the team was dissolved, NO_DAY while active. */
  dissolved: number;
}

export interface TeamResult {
  teams: SeedTeam[];
  /** Memberships, index-aligned: team index, volunteer index, joined day, left day (NO_DAY when still in). */
  membershipTeam: Int32Array;
  membershipVolunteer: Int32Array;
  membershipJoined: Int32Array;
  membershipLeft: Int32Array;
  membershipCount: number;
  /** Membership indices per team index, in volunteer order. */
  membersByTeam: number[][];
}

// Team focus → the short wording used in team names.
const FIELD_WORDS: Readonly<Record<string, string>> = {
  应急救援: '应急救援', 应急救护: '应急救护', 人道救助: '人道救助', 无偿献血: '无偿献血', 造血干细胞捐献: '造血干细胞捐献',
  '人体器官（遗体、组织）捐献': '遗体器官捐献', 社区服务: '社区服务', 养老服务: '助老', 红十字文化传播: '文化传播',
};
const COUNTY_TEAMS: ReadonlyArray<readonly [name: string, field: string]> = [
  ['红十字应急救援队', '应急救援'], ['红十字博爱志愿服务总队', '社区服务'], ['红十字应急救护培训师资队', '应急救护'],
  ['红十字造血干细胞捐献志愿服务队', '造血干细胞捐献'], ['红十字遗体器官捐献志愿服务队', '人体器官（遗体、组织）捐献'],
  ['红十字水上救援队', '应急救援'], ['红十字心理救援队', '人道救助'],
];

export function seedTeams(ctx: SeedContext, orgs: readonly SeedOrg[], volunteers: VolunteerFacts, uscc: UsccAllocator): TeamResult {
  const rng = ctx.rng(Phase.Teams);
  const { sqlite, today, epoch, county } = ctx;
  const fieldIdByName = new Map(ctx.fields.map((f) => [f.name, f.id]));
  const teams: SeedTeam[] = [];
  const rows: Array<{ name: string; fieldId: number | null; registered: boolean; partyBranch: boolean }> = [];

  const addTeam = (orgId: number | null, name: string, fieldId: number | null, founded: number, registeredRate: number, partyRate: number) => {
    const dissolved = orgId !== null && founded < today - 400 && rng.chance(0.04) ? founded + 365 + rng.index(today - 30 - founded - 365) : NO_DAY;
    teams.push({ id: teams.length + 1, orgId, founded, dissolved });
    rows.push({ name, fieldId, registered: rng.chance(registeredRate), partyBranch: rng.chance(partyRate) });
  };

  // County teams come first and early: they were set up when the county organised its volunteers.
  const countyTeamCount = 3 + rng.index(4);
  for (const [name, field] of rng.shuffle([...COUNTY_TEAMS]).slice(0, countyTeamCount)) {
    addTeam(null, `${county.short}${name}`, fieldIdByName.get(field) ?? null, epoch + rng.index(180), 0.5, 0.6);
  }
  for (const org of orgs) {
    if (org.status !== 'active' || org.founded === null) continue;
    const roll = rng.next();
    const count = roll < 0.35 ? 0 : roll < 0.85 ? 1 : 2;
    const used = new Set<string>();
    for (let k = 0; k < count; k++) {
      const field = rng.pick(ctx.fields);
      let name = k === 0 && rng.chance(0.4) ? `${org.label}红十字志愿服务队` : `${org.label}红十字${FIELD_WORDS[field.name] ?? ''}志愿服务队`;
      if (used.has(name)) name = `${org.label}红十字博爱志愿服务队`;
      if (used.has(name)) continue;
      used.add(name);
      const lo = Math.max(org.founded, epoch);
      const hi = Math.max(lo, today - 30);
      addTeam(org.id, name, field.id, lo + Math.floor((hi - lo) * rng.next() ** 2), 0.08, 0.15);
    }
  }

  // Candidate teams for a volunteer: own organisation's, else same township's, else the county's.
  const countyTeams: number[] = [];
  const byOrg = new Map<number, number[]>();
  const byTop = new Map<number, number[]>();
  teams.forEach((team, index) => {
    if (team.orgId === null) {
      countyTeams.push(index);
      return;
    }
    const org = orgs[team.orgId - 1] as SeedOrg;
    listIn(byOrg, org.id).push(index);
    listIn(byTop, org.topId).push(index);
  });

  const capacity = volunteers.count * 2;
  const membershipTeam = new Int32Array(capacity);
  const membershipVolunteer = new Int32Array(capacity);
  const membershipJoined = new Int32Array(capacity);
  const membershipLeft = new Int32Array(capacity);
  let membershipCount = 0;
  const membersByTeam: number[][] = teams.map(() => []);

  const join = (teamIndex: number, v: number): void => {
    const team = teams[teamIndex] as SeedTeam;
    const registered = volunteers.registered[v] as number;
    const left = volunteers.left[v] as number;
    const from = Math.max(registered, team.founded);
    const to = Math.min(today, left - 1, team.dissolved - 1);
    if (to < from) return;
    const slot = membershipCount++;
    membershipTeam[slot] = teamIndex;
    membershipVolunteer[slot] = v;
    membershipJoined[slot] = from + rng.index(Math.min(61, to - from + 1));
    membershipLeft[slot] = Math.min(left, team.dissolved);
    membersByTeam[teamIndex]?.push(slot);
  };

  for (let v = 0; v < volunteers.count; v++) {
    const orgId = volunteers.orgId[v] as number;
    const org = orgId === 0 ? null : (orgs[orgId - 1] as SeedOrg);
    const local = org ? (byOrg.get(org.id) ?? byTop.get(org.topId) ?? countyTeams) : countyTeams;
    const first = rng.pick(local.length > 0 ? local : countyTeams);
    join(first, v);
    if (rng.chance(0.25)) {
      const pool = rng.chance(0.5) || !org ? countyTeams : (byTop.get(org.topId) ?? countyTeams);
      const second = rng.pick(pool);
      if (second !== first) join(second, v);
    }
    if ((v & 0xffff) === 0) ctx.progress('teams', v, volunteers.count);
  }

  const insertTeam = sqlite.prepare(
    `INSERT INTO volunteer_team (id, name, field_id, organization_id, led_by_county, leader_person_id, is_registered_org, registration_no,
       has_party_branch, founded_on, status, dissolved_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  teams.forEach((team, index) => {
    const row = rows[index] as (typeof rows)[number];
    // The leader is one of the team's members, when it has any.
    const roster = membersByTeam[index] ?? [];
    const leaderSlot = roster.length > 0 ? roster[rng.index(Math.min(roster.length, 5))] : undefined;
    const leaderPerson = leaderSlot === undefined ? null : volunteers.personId[membershipVolunteer[leaderSlot] as number];
    const created = stampOn(team.founded, rng);
    insertTeam.run(
      team.id, row.name, row.fieldId, team.orgId, team.orgId === null ? 1 : 0, leaderPerson, row.registered ? 1 : 0,
      row.registered ? uscc.allocate(rng, '52').uscc : null, row.partyBranch ? 1 : 0, dayStr(team.founded),
      team.dissolved === NO_DAY ? 'active' : 'dissolved', team.dissolved === NO_DAY ? null : dayStr(team.dissolved), created,
      team.dissolved === NO_DAY ? created : stampOn(team.dissolved, rng),
    );
  });

  // Insert memberships in primary-key order: cheaper B-tree appends.
  const order = Array.from({ length: membershipCount }, (_, i) => i);
  order.sort((a, b) => (membershipTeam[a] as number) - (membershipTeam[b] as number) || (membershipVolunteer[a] as number) - (membershipVolunteer[b] as number));
  const batches = new BatchGroup();
  const insertMembership = new BatchInsert(sqlite, 'team_membership', ['team_id', 'volunteer_id', 'joined_on', 'left_on'], batches);
  for (const slot of order) {
    const left = membershipLeft[slot] as number;
    insertMembership.add(
      (teams[membershipTeam[slot] as number] as SeedTeam).id, (membershipVolunteer[slot] as number) + 1, dayStr(membershipJoined[slot] as number),
      left === NO_DAY ? null : dayStr(left),
    );
  }
  batches.flush();
  ctx.progress('teams', volunteers.count, volunteers.count);
  return { teams, membershipTeam, membershipVolunteer, membershipJoined, membershipLeft, membershipCount, membersByTeam };
}

function listIn(map: Map<number, number[]>, key: number): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}
