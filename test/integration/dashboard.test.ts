import { beforeEach, describe, expect, it } from 'vitest';
import type { DashboardTarget, TargetKey } from '../../src-main/core/api/contract';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { addFiveHasFacts, type FiveHasFacts } from '../helpers/checklist-fixture';

// A small county, every figure computed by hand. The edge dates sit on the year boundary:
// as of 2025-12-31 a team founded that day counts and one founded 2026-01-01 does not; a team
// dissolved (or a volunteer who left) on the date no longer counts on it.
//
//   城关镇 (乡镇)            ├ 象山社区  team 象山队 founded 2025-12-31
//                          ├ 和睦社区  team 和睦队 founded 2026-01-01
//                          └ 东村 (村)  team 东村队 2020, dissolved 2025-06-30
//   北山街道 (街道)          ├ 翠苑社区  no team
//                          └ 文新社区  筹建 (never counted)
//   县人民医院 (医疗卫生机构) team 医院队 2019
//   county-led teams: 应急队 2018; 救护队 2019 dissolved 2025-12-31; 新队 2026-01-01
//   volunteers: 甲 2020; 乙 2025-12-31; 丙 2026-01-01; 丁 2020 left 2025-12-31; 戊 2020 left 2026-03-01; 己 2019

let ledger: TestLedger;
let ids: Awaited<ReturnType<typeof buildFixture>>;
const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

async function buildFixture(l: TestLedger) {
  const org = async (name: string, type: string, parentId: number | null, status: 'active' | 'preparing' = 'active') =>
    (await l.call('org.add', { name, type, parentId, foundedOn: status === 'active' ? '2015-01-01' : null, status })).id;
  const town = await org('城关镇红十字会', '乡镇', null);
  const xiangshan = await org('象山社区红十字会', '社区', town);
  const hemu = await org('和睦社区红十字会', '社区', town);
  const village = await org('东村红十字会', '村', town);
  const street = await org('北山街道红十字会', '街道', null);
  const cuiyuan = await org('翠苑社区红十字会', '社区', street);
  const wenxin = await org('文新社区红十字会', '社区', street, 'preparing');
  const hospital = await org('县人民医院红十字会', '医疗卫生机构', null);
  const team = async (name: string, foundedOn: string, orgId: number | null, dissolvedOn?: string) => {
    const t = await l.call('team.add', { name, foundedOn, orgId, ledByCounty: orgId === null });
    if (dissolvedOn) await l.call('team.dissolve', { id: t.id, dissolvedOn });
    return t.id;
  };
  await team('象山队', '2025-12-31', xiangshan);
  await team('和睦队', '2026-01-01', hemu);
  await team('东村队', '2020-05-01', village, '2025-06-30');
  await team('医院队', '2019-03-01', hospital);
  const emergency = await team('应急队', '2018-01-01', null);
  await team('救护队', '2019-01-01', null, '2025-12-31');
  await team('新队', '2026-01-01', null);
  const volunteer = async (name: string, first17: string, registeredOn: string, orgId: number | null, leftOn?: string) => {
    const v = await l.call('volunteer.add', { name, idNumber: idNumber(first17), registeredOn, orgId });
    if (leftOn) await l.call('volunteer.leave', { id: v.id, leftOn });
    return v.id;
  };
  await volunteer('甲', '33010619800101001', '2020-01-01', xiangshan);
  await volunteer('乙', '33010619800101002', '2025-12-31', xiangshan);
  await volunteer('丙', '33010619800101003', '2026-01-01', cuiyuan);
  await volunteer('丁', '33010619800101004', '2020-01-01', null, '2025-12-31');
  await volunteer('戊', '33010619800101005', '2020-01-01', hospital, '2026-03-01');
  await volunteer('己', '33010619800101006', '2019-01-01', null);
  return { town, xiangshan, hemu, village, street, cuiyuan, wenxin, hospital, emergency };
}

const byKey = (targets: DashboardTarget[]) => Object.fromEntries(targets.map((t) => [t.key, t])) as Record<TargetKey, DashboardTarget>;
const pick = (t: DashboardTarget) => ({ value: t.value, numerator: t.numerator, denominator: t.denominator, met: t.met });

beforeEach(async () => {
  ledger = await createTestLedger();
  ids = await buildFixture(ledger);
});

describe('dashboard.get', () => {
  it('computes each target as of 2025-12-31 from the dated records', async () => {
    const d = await ledger.call('dashboard.get', { asOf: '2025-12-31' });
    expect(d.asOf).toBe('2025-12-31');
    const t = byKey(d.targets);
    expect(d.targets.map((x) => x.key)).toEqual(['community_team_coverage', 'community_goal_rate', 'county_direct_teams', 'teams_per_organization', 'volunteer_population_rate']);
    // Communities 象山, 和睦, 翠苑 (文新 is 筹建); only 象山's team exists on 12-31: 1/3 = 33.3% ≥ 30%.
    expect(pick(t.community_team_coverage)).toEqual({ value: 33.3, numerator: 1, denominator: 3, met: true });
    expect(t.community_team_coverage).toMatchObject({ target: 30, unit: '%', comparator: '>=', dueYear: 2024, name: '建有红十字志愿服务队的社区占比' });
    // No organisation records a leader, so none meets 五有: 0/3.
    expect(pick(t.community_goal_rate)).toEqual({ value: 0, numerator: 0, denominator: 3, met: false });
    expect(t.community_goal_rate.note).toBeNull();
    // 应急队 only: 救护队 was dissolved that day, 新队 not yet founded.
    expect(pick(t.county_direct_teams)).toEqual({ value: 1, numerator: 1, denominator: null, met: false });
    // 7 established organisations; 象山 and the hospital have a team: 2/7 = 28.6%.
    expect(pick(t.teams_per_organization)).toEqual({ value: 28.6, numerator: 2, denominator: 7, met: false });
    expect(t.teams_per_organization).toMatchObject({ name: '每个基层组织至少 1 支志愿服务队', target: 100, unit: '%', valueUnit: '%', comparator: '>=' });
    // 甲 乙 戊 己 (丁 left on the day, 丙 registers the next); no population set yet.
    expect(pick(t.volunteer_population_rate)).toEqual({ value: null, numerator: 4, denominator: null, met: false });
    expect(t.volunteer_population_rate.note).toContain('常住人口');
  });

  it('moves with the date: 2025-12-30 and 2026-01-01, and today by default', async () => {
    const before = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-30' })).targets);
    expect(pick(before.community_team_coverage)).toEqual({ value: 0, numerator: 0, denominator: 3, met: false });
    expect(before.county_direct_teams.value).toBe(2);
    expect(before.volunteer_population_rate.numerator).toBe(4); // 甲 丁 戊 己

    const after = byKey((await ledger.call('dashboard.get', { asOf: '2026-01-01' })).targets);
    expect(pick(after.community_team_coverage)).toEqual({ value: 66.7, numerator: 2, denominator: 3, met: true });
    expect(after.county_direct_teams.value).toBe(2); // 应急队 新队
    expect(pick(after.teams_per_organization)).toEqual({ value: 42.9, numerator: 3, denominator: 7, met: false });
    expect(after.volunteer_population_rate.numerator).toBe(5); // 甲 乙 丙 戊 己

    const today = await ledger.call('dashboard.get', {});
    expect(today.asOf).toBe('2026-06-15');
    expect(byKey(today.targets).volunteer_population_rate.numerator).toBe(4); // 戊 left 2026-03-01
  });

  it('breaks coverage down by township and by type', async () => {
    const d = await ledger.call('dashboard.get', { asOf: '2025-12-31' });
    expect(d.byTownship).toEqual([
      { townshipId: ids.town, name: '城关镇红十字会', communities: 2, communitiesWithTeam: 1, communityCoverage: 50, communitiesMeeting: 0, organizations: 4, organizationsWithTeam: 1 },
      { townshipId: ids.street, name: '北山街道红十字会', communities: 1, communitiesWithTeam: 0, communityCoverage: 0, communitiesMeeting: 0, organizations: 2, organizationsWithTeam: 0 },
      { townshipId: null, name: '县直及其他', communities: 0, communitiesWithTeam: 0, communityCoverage: null, communitiesMeeting: 0, organizations: 1, organizationsWithTeam: 1 },
    ]);
    const types = Object.fromEntries(d.byType.map((r) => [r.name, [r.organizations, r.organizationsWithTeam, r.teamCoverage]]));
    expect(types).toEqual({ 乡镇: [1, 0, 0], 社区: [3, 1, 33.3], 村: [1, 0, 0], 街道: [1, 0, 0], 医疗卫生机构: [1, 1, 100] });
    const lagging = Object.fromEntries(d.lagging.map((l) => [l.key, l.organizations.map((o) => o.name)]));
    expect(lagging).toEqual({
      community_team_coverage: ['和睦社区红十字会', '翠苑社区红十字会'],
      community_goal_rate: ['象山社区红十字会', '和睦社区红十字会', '翠苑社区红十字会'],
      teams_per_organization: ['城关镇红十字会', '和睦社区红十字会', '东村红十字会', '北山街道红十字会', '翠苑社区红十字会'],
    });
  });

  it('computes the ‰ target once the resident population is set, met exactly at the threshold', async () => {
    await ledger.call('dashboard.settings.update', { residentPopulation: 1000 });
    let t = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets);
    expect(pick(t.volunteer_population_rate)).toEqual({ value: 4, numerator: 4, denominator: 1000, met: false });
    await ledger.call('dashboard.settings.update', { residentPopulation: 800 });
    t = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets);
    expect(pick(t.volunteer_population_rate)).toEqual({ value: 5, numerator: 4, denominator: 800, met: true });
    expect(t.volunteer_population_rate.note).toBeNull();
  });

  it('uses the communities setting as the denominator when given, and the ledger count when cleared', async () => {
    await ledger.call('dashboard.settings.update', { communityCount: 4 });
    let t = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets);
    expect(pick(t.community_team_coverage)).toEqual({ value: 25, numerator: 1, denominator: 4, met: false });
    expect(t.community_team_coverage.note).toContain('4');
    await ledger.call('dashboard.settings.update', { communityCount: null });
    t = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets);
    expect(t.community_team_coverage.denominator).toBe(3);
  });

  it('follows an edited threshold and comparator', async () => {
    await ledger.call('dashboard.target.update', { key: 'county_direct_teams', threshold: 1 });
    const t = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets);
    expect(t.county_direct_teams).toMatchObject({ value: 1, target: 1, met: true });
    await ledger.call('dashboard.target.update', { key: 'community_team_coverage', threshold: 33.4, dueYear: 2027 });
    const c = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets).community_team_coverage;
    // 1/3 is 33.33…%: shown rounded to 33.3, judged exactly, so below 33.4.
    expect(c).toMatchObject({ value: 33.3, target: 33.4, dueYear: 2027, met: false });
  });
});

describe('the goal rate, from the real 五有 evaluation', () => {
  // As of 2025-12-31, 五有 = leader; ≥10 members and ≥5 volunteers; manual 管理制度; service site;
  // ≥2 activities in 2025. The automatic facts below meet every item except where noted:
  //   象山 (社区)  all facts; 管理制度 checked met 2025-06-01             → meets
  //   和睦 (社区)  all facts; 管理制度 checked not met 2025-06-01         → lags (4/5)
  //   翠苑 (社区)  9 members; 管理制度 met                               → lags (members)
  //   东村 (村)    all facts, met — meets 五有 but is not a community    → never counted
  //   文新 (社区, 筹建) all facts, met — not established                  → never counted
  const facts = (leaderName: string, members = 10): FiveHasFacts => ({ leaderName, serviceSite: `${leaderName}服务站`, members, volunteers: 5, joinedOn: '2020-01-01', activitiesOn: ['2025-03-01', '2025-09-01'] });
  let manualItemId: number;
  const check = (orgId: number, status: 'met' | 'not_met', checkedOn: string) => ledger.call('checklist.setStatus', { orgId, itemId: manualItemId, status, checkedOn });

  beforeEach(async () => {
    const s = ledger.db.sqlite;
    addFiveHasFacts(s, ids.xiangshan, facts('王社长'));
    addFiveHasFacts(s, ids.hemu, facts('李社长'));
    addFiveHasFacts(s, ids.cuiyuan, facts('张社长', 9));
    addFiveHasFacts(s, ids.village, facts('赵村长'));
    addFiveHasFacts(s, ids.wenxin, facts('钱社长'));
    const [wuyou] = await ledger.call('checklist.templates', { code: '五有' });
    manualItemId = wuyou!.items.find((i) => i.mode === 'manual')!.id;
    await check(ids.xiangshan, 'met', '2025-06-01');
    await check(ids.hemu, 'not_met', '2025-06-01');
    await check(ids.cuiyuan, 'met', '2025-06-01');
    await check(ids.village, 'met', '2025-06-01');
    await check(ids.wenxin, 'met', '2025-06-01');
  });

  it('counts the communities meeting every applicable item, by township and type, and lists those lagging', async () => {
    const d = await ledger.call('dashboard.get', { asOf: '2025-12-31' });
    const goal = byKey(d.targets).community_goal_rate;
    // 象山 only: 1/3 = 33.3%, not > 50%.
    expect(pick(goal)).toEqual({ value: 33.3, numerator: 1, denominator: 3, met: false });
    expect(goal.note).toBeNull();
    expect(d.byTownship.map((r) => [r.name, r.communitiesMeeting])).toEqual([['城关镇红十字会', 1], ['北山街道红十字会', 0], ['县直及其他', 0]]);
    expect(d.byType.find((r) => r.name === '社区')).toMatchObject({ organizations: 3, organizationsMeeting: 1, goalRate: 33.3 });
    expect(d.byType.find((r) => r.name === '村')).toMatchObject({ organizationsMeeting: null, goalRate: null });
    const lagging = d.lagging.find((l) => l.key === 'community_goal_rate')!;
    expect([lagging.total, lagging.organizations.map((o) => o.name)]).toEqual([2, ['和睦社区红十字会', '翠苑社区红十字会']]);
    // The checklist matrix agrees: 翠苑 fails on members only, 和睦 on the manual item only.
    const m = await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-12-31' });
    const row = (orgId: number) => m.rows.find((r) => r.orgId === orgId)!;
    expect([row(ids.xiangshan).cells, row(ids.hemu).cells, row(ids.cuiyuan).cells]).toEqual([
      ['met', 'met', 'met', 'met', 'met'],
      ['met', 'met', 'not_met', 'met', 'met'],
      ['met', 'not_met', 'met', 'met', 'met'],
    ]);
  });

  it('follows a manual check from the date it is recorded for', async () => {
    await check(ids.hemu, 'met', '2025-12-31');
    const d = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets).community_goal_rate;
    // 象山 and 和睦: 2/3 = 66.7% > 50%.
    expect(pick(d)).toEqual({ value: 66.7, numerator: 2, denominator: 3, met: true });
    // The day before, 和睦's not-met check of 2025-06-01 is still the one in force.
    const before = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-30' })).targets).community_goal_rate;
    expect(pick(before)).toEqual({ value: 33.3, numerator: 1, denominator: 3, met: false });
    // In 2026 nobody has held an activity yet (五有 counts the year of the date): 0/3.
    const next = byKey((await ledger.call('dashboard.get', { asOf: '2026-01-01' })).targets).community_goal_rate;
    expect(pick(next)).toEqual({ value: 0, numerator: 0, denominator: 3, met: false });
  });

  it('is not met at exactly 50% because the comparator is strict (>)', async () => {
    await check(ids.hemu, 'met', '2025-12-31');
    await ledger.call('dashboard.settings.update', { communityCount: 4 });
    const goal = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets).community_goal_rate;
    expect(pick(goal)).toEqual({ value: 50, numerator: 2, denominator: 4, met: false });
  });

  it('evaluates the chosen template: under the draft 双三一 nobody has checked its manual item', async () => {
    await ledger.call('dashboard.settings.update', { templateCode: '双三一' });
    const goal = byKey((await ledger.call('dashboard.get', { asOf: '2025-12-31' })).targets).community_goal_rate;
    expect(pick(goal)).toEqual({ value: 0, numerator: 0, denominator: 3, met: false });
  });

  it('lists the communities behind the goal rate, their count equal to the figure', async () => {
    const num = await ledger.call('dashboard.records', { key: 'community_goal_rate', part: 'numerator', asOf: '2025-12-31' });
    expect([num.count, num.rows.map((r) => r.name)]).toEqual([1, ['象山社区红十字会']]);
    const lag = await ledger.call('dashboard.records', { key: 'community_goal_rate', part: 'lagging', asOf: '2025-12-31' });
    expect([lag.count, lag.rows.map((r) => r.name)]).toEqual([2, ['和睦社区红十字会', '翠苑社区红十字会']]);
    const den = await ledger.call('dashboard.records', { key: 'community_goal_rate', part: 'denominator', asOf: '2025-12-31' });
    expect(den.count).toBe(3);
    const street = await ledger.call('dashboard.records', { key: 'community_goal_rate', part: 'lagging', asOf: '2025-12-31', townshipId: ids.street });
    expect(street.rows.map((r) => r.name)).toEqual(['翠苑社区红十字会']);
  });

  it('still answers when the configured template no longer exists, naming it', async () => {
    // The setting refuses unknown codes; only a file edited outside the app gets here.
    ledger.db.sqlite.prepare(`INSERT INTO setting (key, value_json) VALUES ('dashboardCampaignTemplate', '"省级标准"') ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`).run();
    const d = await ledger.call('dashboard.get', { asOf: '2025-12-31' });
    const t = byKey(d.targets);
    expect(pick(t.community_goal_rate)).toEqual({ value: null, numerator: null, denominator: 3, met: false });
    expect(t.community_goal_rate.note).toContain('找不到代码为“省级标准”的达标模板');
    // The other targets are unaffected.
    expect(pick(t.community_team_coverage)).toEqual({ value: 33.3, numerator: 1, denominator: 3, met: true });
    expect(d.lagging.map((l) => l.key)).toEqual(['community_team_coverage', 'teams_per_organization']);
    const num = await ledger.call('dashboard.records', { key: 'community_goal_rate', part: 'numerator', asOf: '2025-12-31' });
    expect([num.count, num.note]).toEqual([0, expect.stringContaining('省级标准')]);
  });
});

describe('dashboard.records', () => {
  it('drills every figure through to records whose count equals it', async () => {
    await ledger.call('dashboard.settings.update', { residentPopulation: 1000 });
    const d = await ledger.call('dashboard.get', { asOf: '2025-12-31' });
    for (const t of d.targets) {
      const num = await ledger.call('dashboard.records', { key: t.key, part: 'numerator', asOf: '2025-12-31' });
      if (t.numerator !== null) expect([t.key, num.count, num.rows.length]).toEqual([t.key, t.numerator, t.numerator]);
      const den = await ledger.call('dashboard.records', { key: t.key, part: 'denominator', asOf: '2025-12-31' });
      // The population is a setting, not records; every other denominator is the ledger's.
      if (t.denominator !== null && t.key !== 'volunteer_population_rate') expect([t.key, den.count]).toEqual([t.key, t.denominator]);
    }
    const lagging = await ledger.call('dashboard.records', { key: 'teams_per_organization', part: 'lagging', asOf: '2025-12-31' });
    expect(lagging.count).toBe(5);
  });

  it('lists the records themselves, volunteers masked', async () => {
    const teams = await ledger.call('dashboard.records', { key: 'county_direct_teams', part: 'numerator', asOf: '2025-12-30' });
    expect(teams.rows.map((r) => [r.kind, r.name, r.date, r.townshipName])).toEqual([
      ['team', '应急队', '2018-01-01', '县直及其他'],
      ['team', '救护队', '2019-01-01', '县直及其他'],
    ]);
    const volunteers = await ledger.call('dashboard.records', { key: 'volunteer_population_rate', part: 'numerator', asOf: '2025-12-31' });
    expect(volunteers.rows.map((r) => r.name)).toEqual(['甲', '乙', '戊', '己']);
    expect(volunteers.rows[0]).toMatchObject({ kind: 'volunteer', orgName: '象山社区红十字会', townshipName: '城关镇红十字会', date: '2020-01-01' });
    for (const r of volunteers.rows) {
      expect(r.idNumber).not.toMatch(/\d{17}[\dX]/);
      expect(r.idNumber).toMatch(/\*/);
    }
    const coverage = await ledger.call('dashboard.records', { key: 'community_team_coverage', part: 'numerator', asOf: '2025-12-31' });
    expect(coverage.rows).toEqual([
      { kind: 'organization', id: ids.xiangshan, name: '象山社区红十字会', typeName: '社区', orgName: null, townshipName: '城关镇红十字会', date: null, teams: 1, idNumber: null },
    ]);
  });

  it('narrows to a township or a type, and pages', async () => {
    const street = await ledger.call('dashboard.records', { key: 'community_team_coverage', part: 'lagging', asOf: '2025-12-31', townshipId: ids.street });
    expect(street.rows.map((r) => r.name)).toEqual(['翠苑社区红十字会']);
    const county = await ledger.call('dashboard.records', { key: 'teams_per_organization', part: 'denominator', asOf: '2025-12-31', townshipId: null });
    expect(county.rows.map((r) => r.name)).toEqual(['县人民医院红十字会']);
    const villages = await ledger.call('dashboard.records', { key: 'teams_per_organization', part: 'denominator', typeId: (await ledger.call('orgType.list')).find((t) => t.name === '村')!.id });
    expect(villages.rows.map((r) => r.name)).toEqual(['东村红十字会']);
    const countyVolunteers = await ledger.call('dashboard.records', { key: 'volunteer_population_rate', part: 'numerator', asOf: '2025-12-31', townshipId: null });
    expect(countyVolunteers.rows.map((r) => r.name)).toEqual(['戊', '己']);
    const page = await ledger.call('dashboard.records', { key: 'volunteer_population_rate', part: 'numerator', asOf: '2025-12-31', offset: 1, limit: 2 });
    expect([page.count, page.offset, page.rows.map((r) => r.name)]).toEqual([4, 1, ['乙', '戊']]);
  });
});

describe('dashboard settings', () => {
  it('shows the defaults: no population, the ledger communities, 五有, the five seeded targets', async () => {
    const s = await ledger.call('dashboard.settings.get');
    expect(s).toMatchObject({ residentPopulation: null, communityCount: null, communityCountInLedger: 3, templateCode: '五有' });
    expect(s.targets.map((t) => [t.key, t.comparator, t.threshold, t.unit, t.dueYear])).toEqual([
      ['community_team_coverage', '>=', 30, '%', 2024],
      ['community_goal_rate', '>', 50, '%', 2024],
      ['county_direct_teams', '>=', 3, '个', null],
      ['teams_per_organization', '>=', 1, '个', null],
      ['volunteer_population_rate', '>=', 5, '‰', null],
    ]);
  });

  it('refuses invalid values with the field named', async () => {
    const refused = async (method: string, input: unknown, text: string) => {
      const r = await ledger.raw(method, input);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(!r.ok && r.error.message).toContain(text);
    };
    await refused('dashboard.settings.update', { residentPopulation: 0 }, '「常住人口」应大于 0');
    await refused('dashboard.settings.update', { residentPopulation: 1.5 }, '「常住人口」应为整数');
    await refused('dashboard.settings.update', { communityCount: -1 }, '「社区总数」');
    await refused('dashboard.settings.update', { templateCode: '  ' }, '「达标模板」');
    await refused('dashboard.target.update', { key: 'community_team_coverage', threshold: 120 }, '不能超过 100');
    await refused('dashboard.target.update', { key: 'volunteer_population_rate', threshold: 1200 }, '不能超过 1000');
    await refused('dashboard.target.update', { key: 'county_direct_teams', threshold: 2.5 }, '应为整数');
    await refused('dashboard.target.update', { key: 'county_direct_teams', threshold: 0 }, '「目标值」应大于 0');
    await refused('dashboard.target.update', { key: 'county_direct_teams', threshold: 3, dueYear: 1999 }, '「目标年份」');
    expect(await ledger.raw('dashboard.target.update', { key: 'nope', threshold: 3 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // Nothing was stored.
    expect(await ledger.call('dashboard.settings.get')).toMatchObject({ residentPopulation: null, communityCount: null });
  });

  it('accepts a template code only if the county has that template', async () => {
    const refused = await ledger.raw('dashboard.settings.update', { templateCode: '省级标准' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // The builtins (migration 0060) are named as the choices.
    expect(!refused.ok && refused.error.message).toContain('找不到代码为“省级标准”的检查模板；现有模板：');
    expect(!refused.ok && refused.error.message).toContain('五有');
    expect((await ledger.call('dashboard.settings.update', { templateCode: '博爱家园' })).templateCode).toBe('博爱家园');
    expect((await ledger.call('dashboard.settings.get')).templateCode).toBe('博爱家园');
  });

  it('logs each change with who made it', async () => {
    await ledger.call('dashboard.settings.update', { residentPopulation: 123456 });
    await ledger.call('dashboard.target.update', { key: 'county_direct_teams', threshold: 5, dueYear: 2026 });
    const log = ledger.db.sqlite.prepare(`SELECT actor, field, old_value, new_value FROM change_log WHERE entity = 'setting' ORDER BY id`).all();
    expect(log).toEqual([
      { actor: '张敏', field: 'dashboardResidentPopulation', old_value: null, new_value: '123456' },
      { actor: '张敏', field: 'target.county_direct_teams.threshold', old_value: '3', new_value: '5' },
      { actor: '张敏', field: 'target.county_direct_teams.dueYear', old_value: null, new_value: '2026' },
    ]);
  });
});
