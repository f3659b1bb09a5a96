import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { isFlaggedForLapse, unpaidYears, type DuesStatus } from '../../src-main/core/domain/dues-rule';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// The test clock is 2026-06-15: 2025 is the last completed year.
let seq = 100;
const idFor = (birth: string) => {
  const first17 = `330106${birth.replace(/-/g, '')}${String(seq++).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
};

let ledger: TestLedger;
let townId: number;
let orgId: number;
let otherId: number;
beforeEach(async () => {
  ledger = await createTestLedger();
  townId = (await ledger.call('org.add', { name: '转塘街道红十字会', type: '街道', foundedOn: '2010-01-01' })).id;
  orgId = (await ledger.call('org.add', { name: '象山社区红十字会', type: '社区', parentId: townId })).id;
  otherId = (await ledger.call('org.add', { name: '留下街道红十字会', type: '街道' })).id;
});
afterEach(() => ledger.db.close());

async function addMember(name: string, joinedOn: string, opts: { org?: number; birth?: string } = {}) {
  const m = await ledger.call('member.add', { orgId: opts.org ?? orgId, name, idNumber: idFor(opts.birth ?? '1980-05-05'), joinedOn });
  return m.id;
}

describe('dues.record', () => {
  it('defaults the amount by kind from the settings, paid today, and records the change', async () => {
    const adult = await addMember('王芳', '2020-03-01');
    const youth = await addMember('李小明', '2022-09-01', { birth: '2012-01-01' });
    expect(await ledger.call('dues.record', { memberId: adult, year: 2025, status: 'paid' })).toEqual({ memberId: adult, year: 2025, status: 'paid', amountFen: 1000, paidOn: '2026-06-15' });
    expect((await ledger.call('dues.record', { memberId: youth, year: 2025, status: 'unpaid' })).amountFen).toBe(500);
    await ledger.call('settings.update', { duesAdultFen: 1200 });
    expect((await ledger.call('settings.get', {})).duesAdultFen).toBe(1200);
    expect((await ledger.call('settings.get', {})).clerkName).toBe('张敏');
    expect((await ledger.call('dues.record', { memberId: adult, year: 2026, status: 'paid', paidOn: '2026-02-01' })).amountFen).toBe(1200);
    expect((await ledger.call('dues.record', { memberId: adult, year: 2024, status: 'exempt' })).amountFen).toBe(0);

    const history = await ledger.call('member.history', { id: adult });
    const dues = history.filter((h) => h.action === 'dues');
    expect(dues.map((d) => d.newValue)).toEqual(['2024 年 免缴', '2026 年 已缴 12.00 元（2026-02-01）', '2025 年 已缴 10.00 元（2026-06-15）']);
    expect(dues[0]).toMatchObject({ actionLabel: '登记会费', fieldLabel: '会费', actor: '张敏' });
    // Changing a year records from → to.
    await ledger.call('dues.record', { memberId: adult, year: 2025, status: 'unpaid' });
    const latest = (await ledger.call('member.history', { id: adult }))[0];
    expect(latest).toMatchObject({ oldValue: '2025 年 已缴 10.00 元（2026-06-15）', newValue: '2025 年 未缴 12.00 元' });
  });

  it('refuses years before joining, far in the future, paid dates in the future, and names the field', async () => {
    const id = await addMember('王芳', '2020-03-01');
    for (const [input, text] of [
      [{ memberId: id, year: 2019, status: 'paid' }, '「年度」'],
      [{ memberId: id, year: 2028, status: 'paid' }, '「年度」'],
      [{ memberId: id, year: 2025, status: 'paid', paidOn: '2026-07-01' }, '「缴费日期」不能晚于今天'],
      [{ memberId: id, year: 2025, status: 'exempt', amountFen: 500 }, '「金额」免缴时应为 0'],
      [{ memberId: id, year: 2025, status: 'unpaid', paidOn: '2025-07-01' }, '「缴费日期」未缴时不填'],
      [{ memberId: id, year: 2025, status: 'paid', amountFen: -1 }, '「金额」'],
    ] as const) {
      const result = await ledger.raw('dues.record', input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(text);
    }
    expect(await ledger.raw('dues.record', { memberId: 9999, year: 2025, status: 'paid' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('dues.recordMany', () => {
  it('records one status for many members of an organisation subtree in one transaction', async () => {
    const a = await addMember('王芳', '2020-03-01');
    const b = await addMember('赵强', '2021-03-01', { org: townId });
    const outsider = await addMember('钱多', '2021-03-01', { org: otherId });
    expect(await ledger.call('dues.recordMany', { orgId: townId, year: 2025, memberIds: [a, b], status: 'paid', paidOn: '2025-04-01' })).toEqual({ year: 2025, status: 'paid', count: 2 });
    const page = await ledger.call('dues.members', { orgId: townId, year: 2025 });
    expect(page.rows.map((r) => [r.name, r.status, r.amountFen, r.paidOn])).toEqual([
      ['王芳', 'paid', 1000, '2025-04-01'],
      ['赵强', 'paid', 1000, '2025-04-01'],
    ]);
    // One member outside the subtree refuses the whole batch.
    const refused = await ledger.raw('dues.recordMany', { orgId: townId, year: 2024, memberIds: [a, outsider], status: 'unpaid' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!refused.ok) expect(refused.error.message).toContain('钱多');
    expect((await ledger.call('dues.members', { orgId: townId, year: 2024 })).rows.every((r) => r.status === 'none')).toBe(true);
    // One member with a bad year refuses the batch too: nothing half-written.
    const late = await addMember('孙丽', '2025-03-01');
    expect((await ledger.raw('dues.recordMany', { orgId, year: 2024, memberIds: [a, late], status: 'paid' })).ok).toBe(false);
    expect((await ledger.call('dues.members', { orgId, year: 2024, status: 'none' })).rows.map((r) => r.name)).toEqual(['王芳']);
  });

  it('pages members with their dues by keyset without skipping or repeating', async () => {
    const names = ['王芳', '曾强', '单华', '解明', '仇敏', '区伟', '李娜'];
    for (const n of names) await addMember(n, '2020-03-01');
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await ledger.call('dues.members', { orgId, year: 2025, limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.name));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toHaveLength(names.length);
    expect(new Set(seen).size).toBe(names.length);
    expect(seen.indexOf('区伟')).toBeGreaterThan(seen.indexOf('李娜')); // 区 ōu after 李 lǐ
  });
});

describe('dues.overdue and the bulk lapse', () => {
  async function fixture() {
    const flagged = await addMember('王芳', '2021-03-01'); // 2024, 2025 unpaid → flagged
    const missing = await addMember('赵强', '2022-03-01', { org: townId }); // no rows at all → 2023–2025 unpaid
    const paidLast = await addMember('钱多', '2021-03-01'); // 2025 paid → not flagged
    const exempt = await addMember('孙丽', '2021-03-01'); // 2024 exempt → not flagged
    const recent = await addMember('周杰', '2024-03-01'); // only 2025 judged → not flagged
    for (const id of [flagged, paidLast, exempt]) {
      await ledger.call('dues.record', { memberId: id, year: 2022, status: 'paid', paidOn: '2022-03-01' });
      await ledger.call('dues.record', { memberId: id, year: 2023, status: 'paid', paidOn: '2023-03-01' });
    }
    await ledger.call('dues.record', { memberId: flagged, year: 2024, status: 'unpaid' });
    await ledger.call('dues.record', { memberId: paidLast, year: 2025, status: 'paid', paidOn: '2025-03-01' });
    await ledger.call('dues.record', { memberId: exempt, year: 2024, status: 'exempt' });
    return { flagged, missing, paidLast, exempt, recent };
  }

  it('lists flagged members (masked) with their unpaid years; flagged members still count as members', async () => {
    const f = await fixture();
    const result = await ledger.call('dues.overdue', {});
    expect(result.count).toBe(2);
    expect(result.firstYear).toBe(2022);
    expect(result.rows.map((r) => [r.memberId, r.unpaidYears])).toEqual([
      [f.flagged, [2024, 2025]],
      [f.missing, [2023, 2024, 2025]],
    ]);
    expect(result.rows[0]?.idNumber).toMatch(/^330106\*{8}\w{4}$/);
    expect((await ledger.call('dues.overdue', { orgId })).rows.map((r) => r.memberId)).toEqual([f.flagged]);
    expect((await ledger.call('dues.overdue', { limit: 1 })).rows).toHaveLength(1);
    expect((await ledger.call('dues.overdue', { limit: 1 })).count).toBe(2);
    // As of a day in 2025, 2025 is not completed yet.
    expect((await ledger.call('dues.overdue', { asOf: '2025-12-31' })).rows.map((r) => r.memberId)).toEqual([f.missing]);
    // A later first judged year (the setting) leaves out the years before it.
    await ledger.call('settings.update', { duesFirstYear: 2024 });
    const fromSetting = await ledger.call('dues.overdue', {});
    expect(fromSetting.firstYear).toBe(2024);
    expect(fromSetting.rows.map((r) => [r.memberId, r.unpaidYears])).toEqual([
      [f.flagged, [2024, 2025]],
      [f.missing, [2024, 2025]],
    ]);
    await ledger.call('settings.update', { duesFirstYear: null });
    expect((await ledger.call('member.get', { id: f.flagged })).status).toBe('active');
    const report = await ledger.call('dues.report', { year: 2025 });
    expect(report.total.due).toBe(5);
  });

  it('agrees with the pure rule for every member', async () => {
    await fixture();
    for (let i = 0; i < 12; i++) {
      const id = await addMember(`测试${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, `${2018 + (i % 6)}-0${1 + (i % 9)}-10`);
      for (let y = 2019; y <= 2026; y++) {
        const pick = (i * 7 + y * 3) % 5; // 0 paid, 1 and 4 unpaid, 2 exempt, 3 not recorded
        if (y < 2018 + (i % 6) || pick === 3) continue;
        const status: DuesStatus = pick === 0 ? 'paid' : pick === 1 ? 'unpaid' : 'exempt';
        await ledger.call('dues.record', { memberId: id, year: y, status, ...(status === 'paid' ? { paidOn: y < 2026 ? `${y}-12-01` : "2026-06-15" } : {}) });
      }
    }
    const overdue = await ledger.call('dues.overdue', {});
    const flagged = new Map(overdue.rows.map((r) => [r.memberId, r.unpaidYears]));
    const members = await ledger.call('member.list', { limit: 500 });
    let expectedCount = 0;
    for (const m of members.rows) {
      const rows = ledger.db.sqlite.prepare('SELECT year, status FROM member_dues WHERE member_id = ?').all(m.id) as Array<{ year: number; status: DuesStatus }>;
      const input = { joinedOn: m.joinedOn, asOf: '2026-06-15', firstYear: overdue.firstYear, dues: new Map(rows.map((r) => [r.year, r.status])) };
      if (isFlaggedForLapse(input)) {
        expectedCount++;
        expect(flagged.get(m.id)).toEqual(unpaidYears(input));
      } else {
        expect(flagged.has(m.id)).toBe(false);
      }
    }
    expect(overdue.count).toBe(expectedCount);
    expect(expectedCount).toBeGreaterThan(2);
  });

  it('lapses all flagged members in one confirmed action, and undoes exactly that action', async () => {
    const f = await fixture();
    expect(await ledger.raw('dues.lapseOverdue', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('dues.lapseOverdue', { confirm: true, expectedCount: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await ledger.call('dues.lapseOverdue', { confirm: true, expectedCount: 2 })).toEqual({ count: 2, lapsedOn: '2026-06-15' });
    for (const id of [f.flagged, f.missing]) {
      expect(await ledger.call('member.get', { id })).toMatchObject({ status: 'lapsed', lapsedOn: '2026-06-15', lapseReason: '视为自动退会' });
    }
    expect((await ledger.call('member.get', { id: f.paidLast })).status).toBe('active');
    const history = await ledger.call('member.history', { id: f.flagged });
    expect(history.filter((h) => h.action === 'lapse').map((h) => [h.fieldLabel, h.oldValue, h.newValue])).toEqual(
      expect.arrayContaining([['状态', '在册', '已退会'], ['退会原因', null, '视为自动退会']]),
    );
    const batches = ledger.db.sqlite.prepare(`SELECT count(DISTINCT batch_id) AS n FROM change_log WHERE action = 'lapse'`).get() as { n: number };
    expect(batches.n).toBe(1);
    expect((await ledger.call('dues.overdue', {})).count).toBe(0);
    expect(await ledger.call('dues.lastLapse', {})).toMatchObject({ undoable: true, count: 2, orgName: null });

    expect(await ledger.call('dues.undoLastLapse', {})).toEqual({ count: 2, lapsedOn: '2026-06-15' });
    for (const id of [f.flagged, f.missing]) expect(await ledger.call('member.get', { id })).toMatchObject({ status: 'active', lapsedOn: null, lapseReason: null });
    expect((await ledger.call('member.history', { id: f.flagged }))[0]).toMatchObject({ action: 'restore' });
    // Only once.
    expect(await ledger.raw('dues.undoLastLapse', {})).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('cannot be undone after any later action', async () => {
    const f = await fixture();
    await ledger.call('dues.lapseOverdue', { confirm: true, orgId });
    expect(await ledger.call('dues.lastLapse', {})).toMatchObject({ undoable: true, count: 1, orgName: '象山社区红十字会' });
    await ledger.call('member.update', { id: f.paidLast, changes: { notes: '新备注' } });
    expect((await ledger.call('dues.lastLapse', {})).undoable).toBe(false);
    const refused = await ledger.raw('dues.undoLastLapse', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((await ledger.call('member.get', { id: f.flagged })).status).toBe('lapsed');
    // The member lapsed in the subtree only.
    expect((await ledger.call('member.get', { id: f.missing })).status).toBe('active');
  });

  it('lapses nobody when nobody is flagged', async () => {
    expect(await ledger.call('dues.lapseOverdue', { confirm: true })).toEqual({ count: 0, lapsedOn: '2026-06-15' });
    expect((await ledger.call('dues.lastLapse', {})).undoable).toBe(false);
  });
});

describe('dues.report', () => {
  it('counts due, paid, unpaid, exempt and amounts per organisation with a total, and exports CSV', async () => {
    const a = await addMember('王芳', '2020-03-01');
    const b = await addMember('李小明', '2022-09-01', { birth: '2012-01-01' });
    const c = await addMember('赵强', '2021-03-01', { org: townId });
    const d = await addMember('钱多', '2021-03-01', { org: townId });
    await addMember('孙丽', '2026-01-10'); // joined after 2025: not due in 2025
    const gone = await addMember('周杰', '2021-03-01');
    await ledger.call('member.lapse', { id: gone, lapsedOn: '2024-12-31', reason: '本人申请' }); // lapsed before 2025
    await ledger.call('dues.record', { memberId: a, year: 2025, status: 'paid', amountFen: 2000, paidOn: '2025-03-01' });
    await ledger.call('dues.record', { memberId: b, year: 2025, status: 'unpaid' });
    await ledger.call('dues.record', { memberId: c, year: 2025, status: 'exempt' });
    await ledger.call('dues.record', { memberId: d, year: 2025, status: 'paid', paidOn: '2025-05-01' });

    const report = await ledger.call('dues.report', { year: 2025, orgId: townId });
    expect(report.rows.map((r) => [r.orgName, r.due, r.paid, r.unpaid, r.exempt, r.dueFen, r.paidFen])).toEqual([
      ['转塘街道红十字会', 1, 1, 0, 1, 1000, 1000],
      ['象山社区红十字会', 2, 1, 1, 0, 2500, 2000],
    ]);
    expect(report.total).toMatchObject({ orgId: null, orgName: '合计', due: 3, paid: 2, unpaid: 1, exempt: 1, dueFen: 3500, paidFen: 3000 });
    const county = await ledger.call('dues.report', { year: 2025 });
    expect(county.rows.map((r) => r.orgName)).toEqual(['转塘街道红十字会', '象山社区红十字会', '留下街道红十字会']);
    expect(county.total.due).toBe(3);

    // Recording changes the totals.
    await ledger.call('dues.record', { memberId: b, year: 2025, status: 'paid', paidOn: '2025-06-01' });
    expect((await ledger.call('dues.report', { year: 2025, orgId: townId })).total).toMatchObject({ paid: 3, unpaid: 0, paidFen: 3500 });

    const { csv, fileName } = await ledger.call('dues.reportCsv', { year: 2025, orgId: townId });
    expect(fileName).toBe('转塘街道红十字会-2025年会费统计.csv');
    expect(csv.split('\r\n')).toEqual([
      '组织,应缴人数,已缴人数,未缴人数,免缴人数,应缴金额（元）,已缴金额（元）',
      '转塘街道红十字会,1,1,0,1,10.00,10.00',
      '象山社区红十字会,2,2,0,0,25.00,25.00',
      '合计,3,3,0,1,35.00,35.00',
      '',
    ]);
  });
});
