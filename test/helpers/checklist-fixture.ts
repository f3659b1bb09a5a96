import type BetterSqlite3 from 'better-sqlite3';

// A small county for the checklist, written with plain SQL so each dated fact is visible here:
//  阳光社区 (社区): leader, site, term to 2027-05-01, 博爱家园 built; 10 members joined 2020, one of
//    them lapsed 2025-06-30; 2 youth members, one converted to adult 2025-09-01; 5 volunteers,
//    one team; activities 2024-11-11, 2025-03-01 (90 + 30 min), 2025-12-31 (60 min).
//  桃源村 (村): no leader, no site, term ended 2024-12-31, 3 members.
//  实验小学 (中小学): leader, no site.
//  新城社区 (社区): founded 2026-03-01 — not an organisation yet at the end of 2025.
//  筹建社区 (社区): still 筹建 — never in the matrix.

const at = '2025-01-01T00:00:00.000Z';

export interface ChecklistFixture {
  sunshine: number;
  village: number;
  school: number;
  newTown: number;
  preparing: number;
  lapsedMemberId: number;
}

export function seedChecklistFixture(s: BetterSqlite3.Database): ChecklistFixture {
  const typeId = (name: string) => s.prepare('SELECT id FROM organization_type WHERE name = ?').pluck().get(name) as number;
  const org = s.prepare(
    `INSERT INTO organization (name, type_id, founded_on, status, leader_name, service_site, term_ends_on, bojia_status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, '${at}', '${at}') RETURNING id`,
  );
  const add = (...v: unknown[]) => (org.get(...v) as { id: number }).id;
  const sunshine = add('阳光社区红十字会', typeId('社区'), '2019-01-01', 'active', '李华', '阳光社区服务站', '2027-05-01', 'built');
  const village = add('桃源村红十字会', typeId('村'), '2018-05-01', 'active', null, null, '2024-12-31', 'none');
  const school = add('实验小学红十字会', typeId('中小学'), '2020-09-01', 'active', '周老师', null, null, 'none');
  const newTown = add('新城社区红十字会', typeId('社区'), '2026-03-01', 'active', '陈静', '新城服务站', null, 'none');
  const preparing = add('筹建社区红十字会', typeId('社区'), null, 'preparing', '赵强', '筹建站', null, 'none');

  const person = s.prepare(`INSERT INTO person (name, created_at, updated_at) VALUES (?, '${at}', '${at}') RETURNING id`);
  const member = s.prepare(
    `INSERT INTO member (person_id, kind, organization_id, joined_on, status, lapsed_on, converted_to_adult_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '${at}', '${at}') RETURNING id`,
  );
  let n = 0;
  const addMember = (orgId: number, kind: 'adult' | 'youth', joinedOn: string, lapsedOn: string | null = null, convertedOn: string | null = null) => {
    const p = (person.get(`会员${++n}`) as { id: number }).id;
    return (member.get(p, kind, orgId, joinedOn, lapsedOn ? 'lapsed' : 'active', lapsedOn, convertedOn) as { id: number }).id;
  };
  let lapsedMemberId = 0;
  for (let i = 0; i < 8; i++) {
    const id = addMember(sunshine, 'adult', '2020-01-01', i === 0 ? '2025-06-30' : null);
    if (i === 0) lapsedMemberId = id;
  }
  addMember(sunshine, 'youth', '2020-01-01');
  addMember(sunshine, 'adult', '2020-01-01', null, '2025-09-01');
  for (let i = 0; i < 3; i++) addMember(village, 'adult', '2021-01-01');

  const volunteer = s.prepare(`INSERT INTO volunteer (person_id, organization_id, registered_on, created_at, updated_at) VALUES (?, ?, '2021-01-01', '${at}', '${at}') RETURNING id`);
  const volunteers: number[] = [];
  for (let i = 0; i < 5; i++) volunteers.push((volunteer.get((person.get(`志愿者${i}`) as { id: number }).id, sunshine) as { id: number }).id);
  const team = (s.prepare(`INSERT INTO volunteer_team (name, organization_id, founded_on, created_at, updated_at) VALUES ('阳光志愿服务队', ?, '2021-03-01', '${at}', '${at}') RETURNING id`).get(sunshine) as { id: number }).id;
  const record = s.prepare(`INSERT INTO service_record (held_on, team_id, organization_id, title, created_at, updated_at) VALUES (?, ?, NULL, ?, '${at}', '${at}') RETURNING id`);
  const hours = s.prepare('INSERT INTO service_hours (service_record_id, volunteer_id, minutes) VALUES (?, ?, ?)');
  const r0 = (record.get('2024-11-11', team, '关爱老人') as { id: number }).id;
  hours.run(r0, volunteers[0], 120);
  const r1 = (record.get('2025-03-01', team, '世界红十字日宣传') as { id: number }).id;
  hours.run(r1, volunteers[0], 90);
  hours.run(r1, volunteers[1], 30);
  const r2 = (record.get('2025-12-31', team, '博爱送万家') as { id: number }).id;
  hours.run(r2, volunteers[2], 60);
  return { sunshine, village, school, newTown, preparing, lapsedMemberId };
}

/** A 1×1 PNG, the smallest real image for evidence uploads. */
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export interface FiveHasFacts {
  leaderName: string;
  serviceSite: string;
  /** Members who joined on `joinedOn` and are still on the roll. */
  members: number;
  /** Volunteers registered on `joinedOn`, still registered. */
  volunteers: number;
  joinedOn: string;
  /** One activity of the organisation's own (no team) on each date. */
  activitiesOn: string[];
}

/**
 * Writes the facts behind 五有's automatic items (leader, members and volunteers, service site,
 * activities in the year) for one organisation, so a test decides the manual item alone.
 */
export function addFiveHasFacts(s: BetterSqlite3.Database, orgId: number, f: FiveHasFacts): void {
  s.prepare('UPDATE organization SET leader_name = ?, service_site = ? WHERE id = ?').run(f.leaderName, f.serviceSite, orgId);
  const person = s.prepare(`INSERT INTO person (name, created_at, updated_at) VALUES (?, '${at}', '${at}') RETURNING id`);
  const newPerson = (name: string) => (person.get(name) as { id: number }).id;
  const member = s.prepare(`INSERT INTO member (person_id, kind, organization_id, joined_on, status, created_at, updated_at) VALUES (?, 'adult', ?, ?, 'active', '${at}', '${at}')`);
  for (let i = 0; i < f.members; i++) member.run(newPerson(`${f.leaderName}会员${i + 1}`), orgId, f.joinedOn);
  const volunteer = s.prepare(`INSERT INTO volunteer (person_id, organization_id, registered_on, created_at, updated_at) VALUES (?, ?, ?, '${at}', '${at}')`);
  for (let i = 0; i < f.volunteers; i++) volunteer.run(newPerson(`${f.leaderName}志愿者${i + 1}`), orgId, f.joinedOn);
  const record = s.prepare(`INSERT INTO service_record (held_on, team_id, organization_id, title, created_at, updated_at) VALUES (?, NULL, ?, '社区红十字活动', '${at}', '${at}')`);
  for (const heldOn of f.activitiesOn) record.run(heldOn, orgId);
}
