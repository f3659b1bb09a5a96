import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// The test clock is 2026-06-15.
const uscc = (first17: string) => first17 + usccCheckChar(first17);
const huawei = '914403001922038216';
const tencent = '91440300708461136T';
const legacyBody = '19220382';
const legacy = `${legacyBody}${orgCodeCheckChar(legacyBody)}`;

let ledger: TestLedger;
let orgId: number;
beforeEach(async () => {
  ledger = await createTestLedger();
  orgId = (await ledger.call('org.add', { name: '转塘街道红十字会', type: '街道' })).id;
});
afterEach(() => ledger.db.close());

describe('group members', () => {
  it('adds a unit with a normalised credit code and masks the contact phone', async () => {
    const g = await ledger.call('group.add', { unitName: '华为技术有限公司', uscc: ` ${huawei.toLowerCase()} `, orgId, contactName: '王芳', contactPhone: '13812345678', joinedOn: '2020-01-01' });
    expect(g).toMatchObject({ unitName: '华为技术有限公司', uscc: huawei, legacyOrgCode: null, orgName: '转塘街道红十字会', contactPhone: '138****5678', status: 'active', notices: [] });
    expect(JSON.stringify(await ledger.call('group.list', {}))).not.toContain('13812345678');
  });

  it('refuses invalid codes with the reason on the field, and a duplicate code', async () => {
    for (const [code, text] of [
      ['914403001922038217', '校验码应为 6'],
      ['91440300192203821', '应为 18 位'],
      ['9144030019220382I6', '不使用 I、O、S、V、Z'],
      [uscc('91H4030019220382X'), '第 3–8 位应为 6 位数字'],
    ] as const) {
      const result = await ledger.raw('group.add', { unitName: '某公司', uscc: code });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!result.ok) {
        expect(result.error.message).toContain('「统一社会信用代码」');
        expect(result.error.message).toContain(text);
      }
    }
    await ledger.call('group.add', { unitName: '华为技术有限公司', uscc: huawei });
    const dup = await ledger.raw('group.add', { unitName: '华为', uscc: huawei });
    expect(dup).toMatchObject({ ok: false, error: { code: 'DUPLICATE_NAME' } });
    expect(await ledger.raw('group.add', { unitName: '某公司', uscc: tencent, joinedOn: '2026-07-01' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('accepts a legacy 9-character 组织机构代码 with a warning and keeps it as legacy', async () => {
    const g = await ledger.call('group.add', { unitName: '老字号商店', uscc: `${legacyBody}-${legacy.slice(8)}` });
    expect(g).toMatchObject({ uscc: null, legacyOrgCode: `${legacyBody}-${legacy.slice(8)}` });
    expect(g.notices.join()).toContain('9 位组织机构代码');
    expect((await ledger.raw('group.add', { unitName: '另一家', uscc: legacy })).ok).toBe(false);
    // Moving to the new code keeps the old one on record.
    const updated = await ledger.call('group.update', { id: g.id, changes: { uscc: huawei } });
    expect(updated).toMatchObject({ uscc: huawei, legacyOrgCode: `${legacyBody}-${legacy.slice(8)}`, notices: [] });
    const history = await ledger.call('group.history', { id: g.id });
    expect(history[0]).toMatchObject({ action: 'update', fieldLabel: '统一社会信用代码', oldValue: null, newValue: huawei });
  });

  it('lists by keyset, searches by name fragment and code, filters by organisation', async () => {
    const names = ['甲公司', '乙公司', '丙协会', '丁中心', '戊商店'];
    for (const [i, n] of names.entries()) {
      await ledger.call('group.add', { unitName: n, uscc: uscc(`9133010600000000${i}`), ...(i % 2 === 0 ? { orgId } : {}) });
    }
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await ledger.call('group.list', { limit: 2, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.unitName));
      after = page.nextCursor ?? undefined;
    } while (after);
    // Pinyin order: 丙 bǐng, 丁 dīng, 甲 jiǎ, 戊 wù, 乙 yǐ.
    expect(seen).toEqual(['丙协会', '丁中心', '甲公司', '戊商店', '乙公司']);
    expect((await ledger.call('group.list', { search: '协会' })).rows.map((r) => r.unitName)).toEqual(['丙协会']);
    expect((await ledger.call('group.list', { search: '000000003' })).rows.map((r) => r.unitName)).toEqual(['丁中心']);
    expect((await ledger.call('group.list', { orgId })).rows).toHaveLength(3);
  });

  it('lapses, restores and records dues with the amount the clerk entered', async () => {
    const g = await ledger.call('group.add', { unitName: '华为技术有限公司', uscc: huawei, joinedOn: '2020-01-01' });
    expect(await ledger.raw('group.dues.record', { groupId: g.id, year: 2025, status: 'paid' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.call('group.dues.record', { groupId: g.id, year: 2025, status: 'paid', amountFen: 100_000, paidOn: '2025-03-01' })).toEqual({
      groupId: g.id, year: 2025, status: 'paid', amountFen: 100_000, paidOn: '2025-03-01',
    });
    expect((await ledger.call('group.get', { id: g.id })).dues).toEqual([{ year: 2025, status: 'paid', amountFen: 100_000, paidOn: '2025-03-01' }]);
    const lapsed = await ledger.call('group.lapse', { id: g.id, reason: '单位注销' });
    expect(lapsed).toMatchObject({ status: 'lapsed', lapsedOn: '2026-06-15' });
    expect(await ledger.raw('group.lapse', { id: g.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect((await ledger.call('group.restore', { id: g.id })).status).toBe('active');
    const actions = (await ledger.call('group.history', { id: g.id })).map((h) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'dues', 'lapse', 'restore']));
    expect((await ledger.call('group.history', { id: g.id })).find((h) => h.field === 'lapseReason')?.newValue).toBe('单位注销');
  });
});
