import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// The test clock is 2026-06-15.
const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const wangFang = id18('33010619850312002');
const liMing = id18('33010619900101003');
const zhaoLei = id18('33010619751120005');

let ledger: TestLedger;
let orgId: number;
let townId: number;
let teamId: number;
beforeEach(async () => {
  ledger = await createTestLedger();
  townId = (await ledger.call('org.add', { name: '转塘街道红十字会', type: '街道' })).id;
  orgId = (await ledger.call('org.add', { name: '象山社区红十字会', type: '社区', parentId: townId })).id;
  teamId = (await ledger.call('team.add', { name: '象山社区红十字志愿服务队', orgId, field: '应急救护', foundedOn: '2019-01-01' })).id;
});
afterEach(() => ledger.db.close());

const count = (sql: string) => (ledger.db.sqlite.prepare(sql).pluck().get() as number);

async function addVolunteer(name: string, idNumber: string, extra: Record<string, unknown> = {}) {
  return ledger.call('volunteer.add', { name, idNumber, orgId, registeredOn: '2020-01-01', ...extra });
}

/** One activity per day, `hours` each, starting on `from`; returns the last day used. */
async function recordDays(volunteerId: number, days: number, hours: number, from = '2024-01-01') {
  const start = Date.parse(`${from}T00:00:00Z`);
  let day = from;
  for (let i = 0; i < days; i++) {
    day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    await ledger.call('service.add', { heldOn: day, teamId, category: '关爱老人', entries: [{ volunteerId, hours }] });
  }
  return day;
}

describe('volunteer.add', () => {
  it('registers a person with fields, team, national number and certificate, masked on the way out', async () => {
    const v = await addVolunteer('王　芳', wangFang, {
      phone: '13812345678',
      fields: ['应急救护', '无偿献血'],
      teamIds: [teamId],
      nationalRegistered: true,
      nationalNo: '3301062020000001',
      certNo: 'JH2024001',
      certExpiresOn: '2026-08-01',
    });
    expect(v).toMatchObject({
      name: '王芳', gender: 'F', birthDate: '1985-03-12', phone: '138****5678', orgId, orgName: '象山社区红十字会', status: 'active',
      registeredOn: '2020-01-01', isMember: false, fields: ['应急救护', '无偿献血'], teams: [{ id: teamId, name: '象山社区红十字志愿服务队' }],
      nationalRegistered: true, certExpiringSoon: true, hours: 0, starLevel: null, eligibleStarLevel: null, alreadyExisted: false,
    });
    expect(v.idNumber).toBe(`${wangFang.slice(0, 6)}********${wangFang.slice(-4)}`);
    expect(JSON.stringify(v)).not.toContain(wangFang);
    expect(await ledger.call('volunteer.get', { id: v.id })).toMatchObject({ certExpiringSoon: true });
  });

  it('links to the existing member instead of creating a person, and never registers one twice', async () => {
    const member = await ledger.call('member.add', { orgId, name: '王芳', idNumber: wangFang });
    const v = await addVolunteer('王芳', wangFang.toLowerCase());
    expect(v).toMatchObject({ personId: member.personId, isMember: true, alreadyExisted: false });
    expect(v.notices.join()).toContain('会员');
    const again = await addVolunteer('王 芳', ` ${wangFang} `);
    expect(again).toMatchObject({ id: v.id, alreadyExisted: true });
    expect(count('SELECT count(*) FROM person')).toBe(1);
    expect(count('SELECT count(*) FROM volunteer')).toBe(1);
  });

  it('refuses a bad ID number, unknown field, missing national number or cert expiry, and a retired organisation', async () => {
    const wrong = wangFang.slice(0, 17) + (wangFang.endsWith('1') ? '2' : '1');
    const bad = await ledger.raw('volunteer.add', { name: '张三', idNumber: wrong });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toContain('证件号码');
    expect(!((await ledger.raw('volunteer.add', { name: '张三', idNumber: liMing, fields: ['唱歌'] })) as { ok: boolean }).ok).toBe(true);
    const national = await ledger.raw('volunteer.add', { name: '张三', idNumber: liMing, nationalRegistered: true });
    expect(!national.ok && national.error.message).toContain('全国系统注册编号');
    const cert = await ledger.raw('volunteer.add', { name: '张三', idNumber: liMing, certNo: 'JH1' });
    expect(!cert.ok && cert.error.message).toContain('救护员证有效期至');
    expect(await ledger.raw('volunteer.add', { name: '张三', idNumber: liMing, registeredOn: '2026-07-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ledger.call('org.retire', { id: orgId });
    expect(await ledger.raw('volunteer.add', { name: '张三', idNumber: liMing, orgId })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(count('SELECT count(*) FROM person')).toBe(0);
  });

  it('registers a volunteer directly with the county society (no organisation)', async () => {
    const v = await ledger.call('volunteer.add', { name: '李明', idNumber: liMing });
    expect(v).toMatchObject({ orgId: null, orgName: null, registeredOn: '2026-06-15' });
  });
});

describe('volunteer life cycle', () => {
  it('updates, leaves (closing team memberships), restores, and keeps a masked history', async () => {
    const v = await addVolunteer('王芳', wangFang, { teamIds: [teamId], phone: '13812345678' });
    const updated = await ledger.call('volunteer.update', { id: v.id, changes: { fields: ['养老服务'], certNo: 'JH9', certExpiresOn: '2029-01-01', phone: '13900001111' } });
    expect(updated).toMatchObject({ fields: ['养老服务'], certNo: 'JH9', certExpiringSoon: false, phone: '139****1111' });
    await recordDays(v.id, 1, 3, '2026-05-01');
    expect(await ledger.raw('volunteer.leave', { id: v.id, leftOn: '2026-04-30' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const left = await ledger.call('volunteer.leave', { id: v.id, leftOn: '2026-06-01', reason: '外出务工' });
    expect(left).toMatchObject({ status: 'left', leftOn: '2026-06-01', teams: [] });
    expect(await ledger.raw('service.add', { heldOn: '2026-06-02', teamId, category: '关爱老人', entries: [{ volunteerId: v.id, hours: 2 }] })).toMatchObject({ ok: false });
    expect(await ledger.call('volunteer.restore', { id: v.id })).toMatchObject({ status: 'active', leftOn: null });
    const history = await ledger.call('volunteer.history', { id: v.id });
    expect(new Set(history.map((h) => h.action))).toEqual(new Set(['create', 'update', 'leave', 'restore']));
    expect(history.find((h) => h.field === 'leaveReason')).toMatchObject({ newValue: '外出务工', fieldLabel: '退出原因' });
    const logged = ledger.db.sqlite.prepare("SELECT group_concat(ifnull(old_value, '') || ifnull(new_value, '')) FROM change_log").pluck().get() as string;
    expect(logged).not.toContain(wangFang);
    expect(logged).not.toContain('13812345678');
  });
});

describe('teams', () => {
  it('is either under an organisation or led by the county, never both; names are unique per parent', async () => {
    expect(await ledger.raw('team.add', { name: '甲队', orgId, ledByCounty: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('team.add', { name: '甲队' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('team.add', { name: '象山社区红十字志愿服务队', orgId })).toMatchObject({ ok: false, error: { code: 'DUPLICATE_NAME' } });
    const county = await ledger.call('team.add', { name: '西湖区红十字应急救援队', ledByCounty: true, field: '应急救援', hasPartyBranch: true });
    expect(county).toMatchObject({ orgId: null, ledByCounty: true, field: '应急救援', hasPartyBranch: true, memberCount: 0, status: 'active' });
    const list = await ledger.call('team.list', {});
    expect(list.map((t) => t.name)).toEqual(['西湖区红十字应急救援队', '象山社区红十字志愿服务队']);
    expect((await ledger.call('team.list', { orgId: townId })).map((t) => t.id)).toEqual([teamId]);
  });

  it('lets a volunteer be in several teams, with a leader, members added and removed, and dissolution', async () => {
    const v = await addVolunteer('王芳', wangFang);
    const w = await addVolunteer('李明', liMing);
    const second = await ledger.call('team.add', { name: '西湖区红十字博爱志愿服务总队', ledByCounty: true, leaderVolunteerId: v.id });
    expect(second).toMatchObject({ leaderVolunteerId: v.id, leaderName: '王芳', memberCount: 1 });
    await ledger.call('team.addMembers', { teamId, volunteerIds: [v.id, w.id] });
    expect((await ledger.call('volunteer.get', { id: v.id })).teams.map((t) => t.id).sort()).toEqual([teamId, second.id].sort());
    expect((await ledger.call('volunteer.list', { teamId })).rows.map((r) => r.name)).toEqual(['李明', '王芳']);
    expect(await ledger.call('team.removeMember', { teamId, volunteerId: w.id })).toMatchObject({ memberCount: 1 });
    expect(await ledger.raw('team.removeMember', { teamId, volunteerId: w.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const dissolved = await ledger.call('team.dissolve', { id: second.id });
    expect(dissolved).toMatchObject({ status: 'dissolved', dissolvedOn: '2026-06-15', memberCount: 0 });
    expect(await ledger.raw('team.addMembers', { teamId: second.id, volunteerIds: [w.id] })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const history = await ledger.call('team.history', { id: teamId });
    expect(history.filter((h) => h.action === 'join').map((h) => h.newValue).sort()).toEqual(['李明', '王芳']);
    expect(await ledger.call('team.update', { id: teamId, changes: { hasPartyBranch: true, leaderVolunteerId: v.id } })).toMatchObject({ hasPartyBranch: true, leaderName: '王芳' });
  });
});

describe('service records', () => {
  it('stores an activity with each volunteer’s minutes and totals them', async () => {
    const v = await addVolunteer('王芳', wangFang);
    const w = await addVolunteer('李明', liMing);
    const r = await ledger.call('service.add', {
      heldOn: '2026-06-01', teamId, category: '关爱老人', title: '走访慰问空巢老人', place: '象山社区', households: 12, people: 30,
      entries: [{ volunteerId: v.id, hours: 2.5 }, { volunteerId: w.id, hours: 1 / 3 }],
    });
    expect(r).toMatchObject({ heldOn: '2026-06-01', teamName: '象山社区红十字志愿服务队', orgName: '象山社区红十字会', category: '关爱老人', volunteerCount: 2, hours: 2.83, households: 12 });
    expect(r.entries.map((e) => [e.name, e.minutes])).toEqual([['李明', 20], ['王芳', 150]]);
    expect(JSON.stringify(r)).not.toContain(wangFang);
    expect(ledger.db.sqlite.prepare('SELECT minutes FROM service_hours ORDER BY minutes').pluck().all()).toEqual([20, 150]);
    expect((await ledger.call('volunteer.get', { id: v.id })).hours).toBe(2.5);
  });

  it('refuses implausible hours with the row and the volunteer named, and writes nothing', async () => {
    const v = await addVolunteer('王芳', wangFang);
    const w = await addVolunteer('李明', liMing);
    await ledger.call('service.add', { heldOn: '2026-06-01', teamId, category: '关爱老人', entries: [{ volunteerId: v.id, hours: 20 }] });
    const before = count('SELECT count(*) FROM service_record');
    const overDay = await ledger.raw('service.add', { heldOn: '2026-06-01', teamId, category: '世界急救日', entries: [{ volunteerId: w.id, hours: 3 }, { volunteerId: v.id, hours: 5 }] });
    expect(overDay).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!overDay.ok && overDay.error.message).toContain('第 2 行（王芳）：2026-06-01 已登记 20 小时');
    const zero = await ledger.raw('service.add', { heldOn: '2026-06-02', teamId, category: '关爱老人', entries: [{ volunteerId: w.id, hours: 0 }] });
    expect(!zero.ok && zero.error.message).toContain('第 1 行（李明）：「服务时长」应大于 0');
    const future = await ledger.raw('service.add', { heldOn: '2026-06-16', teamId, category: '关爱老人', entries: [{ volunteerId: w.id, hours: 1 }] });
    expect(!future.ok && future.error.message).toContain('晚于今天');
    const early = await ledger.raw('service.add', { heldOn: '2019-12-31', teamId, category: '关爱老人', entries: [{ volunteerId: w.id, hours: 1 }] });
    expect(!early.ok && early.error.message).toContain('第 1 行（李明）：2020-01-01 才注册为志愿者');
    const unknown = await ledger.raw('service.add', { heldOn: '2026-06-02', teamId, category: '关爱老人', entries: [{ volunteerId: 999, hours: 1 }] });
    expect(!unknown.ok && unknown.error.message).toContain('第 1 行：找不到编号为 999 的志愿者');
    expect(await ledger.raw('service.add', { heldOn: '2026-06-02', teamId, category: '跳舞', entries: [{ volunteerId: w.id, hours: 1 }] })).toMatchObject({ ok: false });
    expect(count('SELECT count(*) FROM service_record')).toBe(before);
    expect(count('SELECT count(*) FROM service_hours')).toBe(1);
  });

  it('lists newest first in keyset pages with filters, and deletes with an audit trail', async () => {
    const v = await addVolunteer('王芳', wangFang);
    const w = await addVolunteer('李明', liMing);
    await recordDays(v.id, 5, 2, '2026-05-01');
    await ledger.call('service.add', { heldOn: '2026-05-03', teamId, category: '世界红十字日', entries: [{ volunteerId: w.id, hours: 1 }] });
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await ledger.call('service.list', { limit: 2, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => `${r.heldOn}#${r.id}`));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toHaveLength(6);
    expect([...seen].sort((a, b) => (a < b ? 1 : -1))).toEqual(seen);
    expect((await ledger.call('service.list', { volunteerId: w.id })).rows.map((r) => r.heldOn)).toEqual(['2026-05-03']);
    expect((await ledger.call('service.list', { from: '2026-05-04' })).rows).toHaveLength(2);
    const target = (await ledger.call('service.list', { volunteerId: w.id })).rows[0]!;
    expect(await ledger.call('service.delete', { id: target.id })).toEqual({ id: target.id, deleted: true });
    expect(await ledger.raw('service.get', { id: target.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const audit = ledger.db.sqlite.prepare("SELECT field, old_value FROM change_log WHERE entity = 'service_record' AND action = 'delete' AND entity_id = ?").all(target.id) as Array<{ field: string; old_value: string }>;
    expect(audit.find((a) => a.field === 'volunteers')?.old_value).toBe('李明 1 小时');
  });
});

describe('stars', () => {
  it('counts eligibility as of a date, awards 1–3 stars with the hours kept, and lists 4–5 star candidates', async () => {
    const v = await addVolunteer('王芳', wangFang);
    const w = await addVolunteer('李明', liMing);
    const z = await addVolunteer('赵磊', zhaoLei);
    // 王芳: 105 hours by 2024-01-07; 李明: 320 hours; 赵磊: 1,010 hours.
    await recordDays(v.id, 7, 15, '2024-01-01');
    await recordDays(w.id, 16, 20, '2024-01-01');
    await recordDays(z.id, 50, 20, '2024-02-01');
    await recordDays(z.id, 1, 10, '2024-03-30');

    const before = await ledger.call('star.overview', { asOf: '2024-01-05' });
    expect(before.levels.map((l) => l.eligible)).toEqual([1, 0, 0, 0, 0]); // 李明 has 100 h by then; 王芳 75 h
    const now = await ledger.call('star.overview', {});
    expect(now).toMatchObject({ asOf: '2026-06-15', thresholds: [100, 300, 600, 1000, 1500] });
    expect(now.levels.map((l) => [l.level, l.thresholdHours, l.eligible, l.awarded])).toEqual([
      [1, 100, 3, 0], [2, 300, 2, 0], [3, 600, 1, 0], [4, 1000, 1, 0], [5, 1500, 0, 0],
    ]);
    expect(now.candidates).toEqual([{ volunteerId: z.id, name: '赵磊', idNumber: `${zhaoLei.slice(0, 6)}********${zhaoLei.slice(-4)}`, orgName: '象山社区红十字会', hours: 1010, level: 4, awardedLevel: null }]);
    expect(now.candidateCount).toBe(1);

    const award = await ledger.call('star.award', { volunteerId: w.id, level: 2, awardedOn: '2024-06-01', documentNo: '西红〔2024〕12号' });
    expect(award).toMatchObject({ level: 2, awardedOn: '2024-06-01', awardingLevel: 'county', documentNo: '西红〔2024〕12号', hoursAtAward: 320 });
    const after = await ledger.call('star.overview', {});
    expect(after.levels.map((l) => [l.eligible, l.awarded])).toEqual([[2, 0], [1, 1], [1, 0], [1, 0], [0, 0]]);
    expect((await ledger.call('volunteer.get', { id: w.id })).starLevel).toBe(2);
    expect((await ledger.call('volunteer.get', { id: z.id })).eligibleStarLevel).toBe(4);
    expect((await ledger.call('volunteer.list', {})).rows.find((r) => r.id === w.id)).toMatchObject({ starLevel: 2, hours: 320 });
  });

  it('refuses awards above 3 stars, without the hours, below or at a level already held, or after leaving', async () => {
    const v = await addVolunteer('王芳', wangFang);
    await recordDays(v.id, 7, 15, '2024-01-01'); // 105 h on 2024-01-07
    const four = await ledger.raw('star.award', { volunteerId: v.id, level: 4, awardedOn: '2025-01-01' });
    expect(!four.ok && four.error.message).toContain('只能授予 1–3 星');
    const early = await ledger.raw('star.award', { volunteerId: v.id, level: 1, awardedOn: '2024-01-06' });
    expect(!early.ok && early.error.message).toContain('截至 2024-01-06 累计服务 90 小时，未达到 1 星所需的 100 小时');
    expect(await ledger.raw('star.award', { volunteerId: v.id, level: 2, awardedOn: '2025-01-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ledger.call('star.award', { volunteerId: v.id, level: 1, awardedOn: '2024-12-05' });
    const twice = await ledger.raw('star.award', { volunteerId: v.id, level: 1, awardedOn: '2025-12-05' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(count('SELECT count(*) FROM star_award')).toBe(1);
  });

  it('keeps awards as facts when hours change later, and follows the threshold settings', async () => {
    const v = await addVolunteer('王芳', wangFang);
    await recordDays(v.id, 7, 15, '2024-01-01');
    await ledger.call('star.award', { volunteerId: v.id, level: 1, awardedOn: '2024-12-05', documentNo: '西红〔2024〕30号' });
    const records = await ledger.call('service.list', { volunteerId: v.id });
    for (const r of records.rows.slice(0, 3)) await ledger.call('service.delete', { id: r.id });
    const register = await ledger.call('star.register', {});
    expect(register.rows).toEqual([expect.objectContaining({ volunteerId: v.id, level: 1, hoursAtAward: 105, documentNo: '西红〔2024〕30号' })]);
    expect(await ledger.call('volunteer.get', { id: v.id })).toMatchObject({ hours: 60, starLevel: 1, eligibleStarLevel: null });
    expect(await ledger.raw('star.setThresholds', { thresholdsHours: [100, 50, 600, 1000, 1500] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ledger.call('star.setThresholds', { thresholdsHours: [20, 50, 80, 100, 150] });
    const overview = await ledger.call('star.overview', {});
    expect(overview.thresholds).toEqual([20, 50, 80, 100, 150]);
    expect(overview.levels.map((l) => l.eligible)).toEqual([0, 1, 0, 0, 0]);
    expect(await ledger.call('volunteer.get', { id: v.id })).toMatchObject({ starLevel: 1, eligibleStarLevel: 2 });
  });
});
