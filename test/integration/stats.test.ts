import { beforeEach, describe, expect, it } from 'vitest';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { buildStatsCounty } from '../fixtures/stats/county';
import { memberActiveAt, memberKindAt, volunteerActiveAt } from '../../src-main/core/db/active-at';
import { computeTables } from '../../src-main/core/stats/compute';

// Hand-computed from test/fixtures/stats/county.ts (today is 2026-06-15 in the test ledger).
const table1In2025 = [1, 0, 0, 0, 1, 0, 0, 5, 3, 4, 3, 3, 2, 28];
const table2In2025 = [1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 27];
const countItems = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];

let ledger: TestLedger;
let ids: Record<string, number>;
beforeEach(async () => {
  ledger = await createTestLedger();
  ({ ids } = await buildStatsCounty(ledger));
});

describe('annual tables on the fixture county', () => {
  it('computes every item of 附件1 and 附件2 for 2025 as of 31 Dec, with the seed names', async () => {
    const t = await ledger.call('stats.tables', { year: 2025 });
    expect(t).toMatchObject({ year: 2025, baselineYear: 2020, asOf: '2025-12-31', provisional: false, countyCode: '330106', finalised: null });
    expect(t.table1.map((r) => r.value)).toEqual(table1In2025);
    expect(t.table2.map((r) => r.value)).toEqual(table2In2025);
    expect(t.table1[0]).toEqual({ item: 1, name: '县级红十字会理顺管理体制数', unit: '个', value: 1 });
    expect(t.table1[2]!.name).toBe('县级红十字会应换届个数');
    expect(t.table1[13]).toEqual({ item: 14, name: '红十字会志愿服务总时长', unit: '小时', value: 28 });
    expect(t.table2[1]!.name).toBe('市级红十字会完成换届增加数');
    expect(t.table2[2]!.name).toBe('县级红十字会完成换届增加数');
    expect(t.table2[13]!.name).toBe('红十字会志愿服务总时长增加数');
    expect(t.notes.find((n) => n.item === 13)!.breakdown).toContain('志愿服务组织（已登记）1 个，志愿服务队（未登记）1 个');
  });

  it('reads 2020 as its own year: 应换届 1 (term due 2020-05-01, next began 2021)', async () => {
    const t = await ledger.call('stats.tables', { year: 2020, baselineYear: 2019 });
    expect(t.table1.map((r) => r.value)).toEqual([0, 0, 1, 0, 1, 0, 0, 4, 2, 3, 2, 2, 2, 1]);
  });

  it('counts 应换届 for the year the term fell due and while overdue, even once the 换届 is held later that year', async () => {
    // Term 3 fell due 2020-05-01; term 4 began 2021-07-15 and falls due 2026-07-15.
    const due = async (year: number) => (await ledger.call('stats.tables', { year })).table1[2]!.value;
    expect(await due(2019)).toBe(0);
    expect(await due(2021)).toBe(1);
    expect(await due(2022)).toBe(0);
    const trace = await ledger.call('stats.trace', { year: 2021, item: 3, table: 1 });
    expect(trace.records).toHaveLength(1);
    expect(trace.records[0]!.note).toBe('应于 2020-05-01 换届，已于 2021-07-15 完成换届');
    // Provisional 2026 (today 2026-06-15): term 4 is not due until July.
    expect((await ledger.call('stats.tables', { year: 2026 })).table1[2]!.value).toBe(0);
  });

  it('shows the current year provisionally, as of today', async () => {
    const t = await ledger.call('stats.tables', { year: 2026 });
    expect(t).toMatchObject({ provisional: true, asOf: '2026-06-15' });
    // m2 joined 1 Jan 2026, m4 became adult 1 Mar 2026, m9 lapsed 1 May 2026.
    expect(t.table1[9]!.value).toBe(5);
    expect(t.table1[10]!.value).toBe(2);
    expect(t.table1[13]!.value).toBe(10);
    expect((await ledger.raw('stats.tables', { year: 2027 })).ok).toBe(false);
    expect(await ledger.raw('stats.tables', { year: 2025, baselineYear: 2025 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('traces every figure: the list length is the count, the minutes add up to the hours', async () => {
    const t = await ledger.call('stats.tables', { year: 2025 });
    for (const item of countItems) {
      const tr = await ledger.call('stats.trace', { year: 2025, item, table: 1 });
      expect(tr.records.length, `item ${item}`).toBe(t.table1[item - 1]!.value);
      const t2 = await ledger.call('stats.trace', { year: 2025, item, table: 2 });
      const year = t2.records.filter((r) => r.side === 'year').length;
      const base = t2.records.filter((r) => r.side === 'baseline').length;
      expect(item === 3 ? year : year - base, `附件2 item ${item}`).toBe(t.table2[item - 1]!.value);
    }
    const hours = await ledger.call('stats.trace', { year: 2025, item: 14 });
    expect(hours.records.map((r) => r.date)).toEqual(['2025-01-01', '2025-01-01', '2025-03-03', '2025-03-03', '2025-12-31']);
    expect(hours.records.reduce((sum, r) => sum + r.hours!, 0)).toBe(28);
    const members = await ledger.call('stats.trace', { year: 2025, item: 10 });
    expect(members.records.map((r) => r.name).sort()).toEqual(['吴霞', '周杰', '王芳', '陈静'].sort());
    expect(members.records[0]!.idNumber).not.toMatch(/^\d{17}[\dX]$/);
    expect(members.records.every((r) => r.phone === null || r.phone.includes('*'))).toBe(true);
    expect((await ledger.call('stats.trace', { year: 2025, item: 4 })).records).toEqual([]);
  });

  it('keeps the day-deltas equal to the shared as-of predicates through inserts, updates and deletes', async () => {
    const s = ledger.db.sqlite;
    const direct = (asOf: string) => ({
      adult: s.prepare(`SELECT count(*) FROM member m WHERE ${memberActiveAt('m')} AND ${memberKindAt('m')} = 'adult'`).pluck().get({ asOf }),
      youth: s.prepare(`SELECT count(*) FROM member m WHERE ${memberActiveAt('m')} AND ${memberKindAt('m')} = 'youth'`).pluck().get({ asOf }),
      volunteers: s.prepare(`SELECT count(*) FROM volunteer v WHERE ${volunteerActiveAt('v')}`).pluck().get({ asOf }),
    });
    const viaDeltas = (year: number) => {
      const t = computeTables(s, { year, baselineYear: 2000, today: '2030-01-01' });
      return { adult: t.table1.values[10], youth: t.table1.values[11], volunteers: t.table1.values[12] };
    };
    const compare = () => {
      for (let year = 2017; year <= 2027; year++) expect(viaDeltas(year), String(year)).toEqual(direct(`${year}-12-31`));
    };
    compare();
    s.prepare("UPDATE member SET lapsed_on = '2023-01-01' WHERE id = ?").run(ids.m3);
    s.prepare("UPDATE member SET status = 'active', lapsed_on = NULL WHERE id = ?").run(ids.m8);
    s.prepare("UPDATE member SET kind = 'youth' WHERE id = ?").run(ids.m5);
    s.prepare("UPDATE member SET converted_to_adult_on = '2019-01-01' WHERE id = ?").run(ids.m4);
    s.prepare('DELETE FROM member WHERE id = ?').run(ids.m1);
    s.prepare("UPDATE volunteer SET status = 'active', left_on = NULL WHERE id = ?").run(ids.v2);
    s.prepare("UPDATE volunteer SET registered_on = '2027-01-01' WHERE id = ?").run(ids.v1);
    compare();
  });
});

describe('validation, explanations, finalise and reopen', () => {
  it('lists the fixture issues with counts and drill-down', async () => {
    const v = await ledger.call('stats.validate', { year: 2025 });
    const byCode = Object.fromEntries(v.issues.map((i) => [i.code, i]));
    expect(Object.keys(byCode).sort()).toEqual(
      ['ENDED_WITHOUT_DATE', 'HOURS_OVER_24_A_DAY', 'LOWER_THAN_LAST_YEAR_11', 'LOWER_THAN_LAST_YEAR_13', 'LOWER_THAN_LAST_YEAR_9', 'MEMBER_WITHOUT_ORG', 'ORG_WITHOUT_FOUNDING_DATE', 'ORG_WITHOUT_TYPE', 'YOUTH_NON_SCHOOL'].sort(),
    );
    expect(byCode.YOUTH_NON_SCHOOL).toMatchObject({ severity: 'warning', count: 1 });
    expect(byCode.YOUTH_NON_SCHOOL!.records[0]!.name).toContain('赵磊');
    expect(byCode.HOURS_OVER_24_A_DAY).toMatchObject({ severity: 'error', count: 1 });
    expect(byCode.ORG_WITHOUT_TYPE!.records.map((r) => r.name)).toEqual(['某单位红十字会']);
    expect(byCode.MEMBER_WITHOUT_ORG!.records[0]!.name).toContain('吴霞');
    expect(byCode.ENDED_WITHOUT_DATE!.records[0]!.name).toContain('黄敏');
    expect(v.blocking).toBe(3);
  });

  it('reports missing governance facts as an error', async () => {
    const fresh = await createTestLedger();
    const v = await fresh.call('stats.validate', { year: 2025 });
    expect(v.issues.find((i) => i.code === 'GOVERNANCE_MISSING')).toMatchObject({ severity: 'error' });
  });

  it('refuses to finalise until errors are explained, freezes the figures, and logs a reopen with its reason', async () => {
    expect(await ledger.raw('stats.finalise', { year: 2025 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    for (const code of ['HOURS_OVER_24_A_DAY', 'ORG_WITHOUT_TYPE', 'ENDED_WITHOUT_DATE']) await ledger.call('stats.explain', { year: 2025, code, text: '已核实，系历史数据' });
    expect((await ledger.call('stats.validate', { year: 2025 })).blocking).toBe(0);
    expect(await ledger.raw('stats.finalise', { year: 2026 })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const final = await ledger.call('stats.finalise', { year: 2025 });
    expect(final.finalised).toMatchObject({ by: '张敏', liveDiffers: false });
    expect(await ledger.raw('stats.explain', { year: 2025, code: 'YOUTH_NON_SCHOOL', text: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    ledger.db.sqlite.prepare("INSERT INTO person (name, created_at, updated_at) VALUES ('新会员', 'x', 'x')").run();
    const pid = ledger.db.sqlite.prepare('SELECT max(id) FROM person').pluck().get();
    ledger.db.sqlite.prepare("INSERT INTO member (person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (?, 'adult', ?, '2025-06-01', 'x', 'x')").run(pid, ids.o1);
    const after = await ledger.call('stats.tables', { year: 2025 });
    expect(after.table1[9]!.value).toBe(4);
    expect(after.finalised).toMatchObject({ liveDiffers: true });
    expect(after.finalised!.liveDifferences[0]).toContain('附件1 第 10 项');

    expect(await ledger.raw('stats.reopen', { year: 2025, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const reopened = await ledger.call('stats.reopen', { year: 2025, reason: '补录一名年中入会的会员' });
    expect(reopened.finalised).toBeNull();
    expect(reopened.table1[9]!.value).toBe(5);
    const log = await ledger.call('stats.log', { year: 2025 });
    expect(log.map((l) => [l.action, l.reason])).toEqual([
      ['finalise', null],
      ['reopen', '补录一名年中入会的会员'],
    ]);
    expect(() => ledger.db.sqlite.prepare('DELETE FROM stats_finalise_log').run()).toThrow(/append-only/);
    const history = ledger.db.sqlite.prepare("SELECT action, field, new_value FROM change_log WHERE entity = 'stats_year' AND entity_id = 2025 ORDER BY id").all();
    expect(history).toContainEqual({ action: 'finalise', field: '定稿', new_value: '是' });
    expect(history).toContainEqual({ action: 'reopen', field: '重新打开原因', new_value: '补录一名年中入会的会员' });
    expect(history).toContainEqual({ action: 'explain', field: '说明 ORG_WITHOUT_TYPE', new_value: '已核实，系历史数据' });
  });
});

describe('a finalised year: frozen figures, live records', () => {
  const finalise2025 = async () => {
    for (const code of ['HOURS_OVER_24_A_DAY', 'ORG_WITHOUT_TYPE', 'ENDED_WITHOUT_DATE']) await ledger.call('stats.explain', { year: 2025, code, text: '已核实' });
    await ledger.call('stats.finalise', { year: 2025 });
  };

  it('traces the frozen figure beside the live one, with a note, after a back-dated lapse', async () => {
    await finalise2025();
    const same = await ledger.call('stats.trace', { year: 2025, item: 10 });
    expect(same).toMatchObject({ value: 4, liveValue: 4, note: null, total: 4, baselineYear: 2020 });
    // 吴霞 (m10) is recorded late as having lapsed on 1 Mar 2025: the ledger changes, the report does not.
    ledger.db.sqlite.prepare("UPDATE member SET status = 'lapsed', lapsed_on = '2025-03-01' WHERE id = ?").run(ids.m10);
    const t = await ledger.call('stats.tables', { year: 2025 });
    expect(t.table1[9]!.value).toBe(4);
    expect(t.finalised!.liveDiffers).toBe(true);
    const tr = await ledger.call('stats.trace', { year: 2025, item: 10 });
    expect(tr).toMatchObject({ value: 4, liveValue: 3, total: 3 });
    expect(tr.records.map((r) => r.name).sort()).toEqual(['周杰', '王芳', '陈静'].sort());
    expect(tr.note).toBe('定稿后台账有变化：定稿数 4，现有记录 3 条。如需更正，请重新打开后再定稿。');
    // 附件2 item 10: frozen 4 - 3 = 1, live 3 - 3 = 0.
    const t2 = await ledger.call('stats.trace', { year: 2025, item: 10, table: 2 });
    expect(t2).toMatchObject({ value: 1, liveValue: 0 });
    expect(t2.note).toContain('定稿数 1');
    // An item the change did not touch has no note.
    expect((await ledger.call('stats.trace', { year: 2025, item: 12 })).note).toBeNull();
  });

  it('refuses another baseline for a finalised year instead of ignoring it; none or the frozen one is fine', async () => {
    await finalise2025();
    for (const method of ['stats.tables', 'stats.trace'] as const) {
      const input = method === 'stats.trace' ? { year: 2025, baselineYear: 2022, item: 10 } : { year: 2025, baselineYear: 2022 };
      expect(await ledger.raw(method, input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_STATE', message: '2025 年统计表已定稿（基准年度 2020）。如需按其他基准年度查看，请先重新打开。' },
      });
    }
    expect((await ledger.call('stats.tables', { year: 2025 })).baselineYear).toBe(2020);
    expect((await ledger.call('stats.tables', { year: 2025, baselineYear: 2020 })).baselineYear).toBe(2020);
    expect((await ledger.call('stats.trace', { year: 2025, item: 10, table: 2 })).baselineYear).toBe(2020);
    // Another year that is not finalised takes any earlier baseline.
    expect((await ledger.call('stats.tables', { year: 2024, baselineYear: 2022 })).baselineYear).toBe(2022);
  });
});

describe('default baseline', () => {
  it('is 2020, or the year before for years up to 2020; an explicit invalid one is refused naming the field', async () => {
    expect((await ledger.call('stats.tables', { year: 2021 })).baselineYear).toBe(2020);
    const y2020 = await ledger.call('stats.tables', { year: 2020 });
    expect(y2020).toMatchObject({ baselineYear: 2019, baselineAsOf: '2019-12-31' });
    expect(y2020.table1.map((r) => r.value)).toEqual([0, 0, 1, 0, 1, 0, 0, 4, 2, 3, 2, 2, 2, 1]);
    expect((await ledger.call('stats.tables', { year: 2018 })).baselineYear).toBe(2017);
    expect((await ledger.call('stats.trace', { year: 2020, item: 10 })).baselineYear).toBe(2019);
    expect((await ledger.call('stats.validate', { year: 2020 })).year).toBe(2020);
    const bad = await ledger.raw('stats.tables', { year: 2020, baselineYear: 2020 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(bad)).toContain('基准年度');
  });
});

describe('trace pages', () => {
  it('pages through each list, across the year/baseline boundary, to the same records as the whole list', async () => {
    for (const [table, item] of [[1, 10], [2, 10], [1, 14], [2, 14], [2, 8], [2, 3], [1, 1]] as const) {
      const whole = await ledger.call('stats.trace', { year: 2025, table, item });
      const pages = [];
      for (let offset = 0; offset < whole.total + 2; offset += 2) {
        const p = await ledger.call('stats.trace', { year: 2025, table, item, offset, limit: 2 });
        expect(p.total, `table ${table} item ${item}`).toBe(whole.total);
        pages.push(...p.records);
      }
      expect(pages, `table ${table} item ${item}`).toEqual(whole.records);
      expect(whole.records).toHaveLength(whole.total);
    }
    // 附件2 item 10: 4 records of 2025, then 3 of 2020; the page from 3 holds both sides.
    const across = await ledger.call('stats.trace', { year: 2025, table: 2, item: 10, offset: 3, limit: 2 });
    expect(across.records.map((r) => r.side)).toEqual(['year', 'baseline']);
    expect(across.total).toBe(7);
    expect((await ledger.call('stats.trace', { year: 2025, item: 14, offset: 4, limit: 10 })).records.map((r) => r.date)).toEqual(['2025-12-31']);
  });
});
