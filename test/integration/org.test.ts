import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestLedger, type TestLedger } from '../helpers/backend';

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(async () => {
  await ledger.db.close();
});

async function township(name = '转塘街道红十字会') {
  return ledger.call('org.add', { name, type: '街道', foundedOn: '2019-03-01' });
}

describe('org.add', () => {
  it('adds an organisation under a parent and lists it with child counts', async () => {
    const parent = await township();
    const child = await ledger.call('org.add', {
      name: '  象山 社区红十字会 ',
      type: '社区',
      parentId: parent.id,
      divisionCode: '330106012003',
      leaderName: '李　红',
      leaderPhone: '138 1234 5678',
      status: 'preparing',
    });
    expect(child).toMatchObject({ name: '象山社区红十字会', type: '社区', parentId: parent.id, status: 'preparing', leaderName: '李红', leaderPhone: '138****5678' });
    expect(child.path.map((p) => p.name)).toEqual(['转塘街道红十字会', '象山社区红十字会']);
    const list = await ledger.call('org.list', {});
    expect(list.find((o) => o.id === parent.id)?.childCount).toBe(1);
    const revealed = await ledger.call('org.get', { id: child.id, reveal: true });
    expect(revealed.leaderPhone).toBe('13812345678');
  });

  it('refuses a duplicate name among siblings but allows it under another parent', async () => {
    const a = await township('甲街道红十字会');
    const b = await township('乙街道红十字会');
    await ledger.call('org.add', { name: '中心社区红十字会', type: '社区', parentId: a.id });
    const dup = await ledger.raw('org.add', { name: '中心社区红十字会', type: '社区', parentId: a.id });
    expect(dup).toMatchObject({ ok: false, error: { code: 'DUPLICATE_NAME' } });
    await expect(ledger.call('org.add', { name: '中心社区红十字会', type: '社区', parentId: b.id })).resolves.toBeTruthy();
  });

  it('refuses unknown types, foreign division codes, bad phones and future founding dates with the field named', async () => {
    expect(await ledger.raw('org.add', { name: '某红十字会', type: '协会' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_TYPE' } });
    const foreign = await ledger.raw('org.add', { name: '某红十字会', divisionCode: '330105001001' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!foreign.ok && foreign.error.message).toContain('330106');
    const phone = await ledger.raw('org.add', { name: '某红十字会', leaderPhone: '12345' });
    expect(!phone.ok && phone.error.message).toContain('联系电话');
    const future = await ledger.raw('org.add', { name: '某红十字会', foundedOn: '2027-01-01' });
    expect(!future.ok && future.error.message).toContain('成立日期');
    expect(await ledger.call('org.list', {})).toHaveLength(0);
  });
});

describe('org.move', () => {
  it('moves under another parent and refuses cycles', async () => {
    const a = await township('甲街道红十字会');
    const b = await township('乙街道红十字会');
    const c = await ledger.call('org.add', { name: '丙社区红十字会', type: '社区', parentId: a.id });
    const moved = await ledger.call('org.move', { id: c.id, parentId: b.id });
    expect(moved.parentId).toBe(b.id);
    expect(await ledger.raw('org.move', { id: b.id, parentId: c.id })).toMatchObject({ ok: false, error: { code: 'INVALID_MOVE' } });
    expect(await ledger.raw('org.move', { id: b.id, parentId: b.id })).toMatchObject({ ok: false, error: { code: 'INVALID_MOVE' } });
  });
});

describe('org.retire and org.restore', () => {
  it('retires a leaf, refuses a parent with active children, restores, and never deletes', async () => {
    const a = await township();
    const c = await ledger.call('org.add', { name: '丙社区红十字会', type: '社区', parentId: a.id });
    expect(await ledger.raw('org.retire', { id: a.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const retired = await ledger.call('org.retire', { id: c.id, retiredOn: '2026-06-01', reason: '村社合并' });
    expect(retired).toMatchObject({ status: 'retired', retiredOn: '2026-06-01' });
    expect(await ledger.raw('org.add', { name: '丁社区', parentId: c.id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await ledger.raw('org.update', { id: c.id, changes: { status: 'active' } })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const restored = await ledger.call('org.restore', { id: c.id });
    expect(restored).toMatchObject({ status: 'active', retiredOn: null });
    expect(await ledger.call('org.list', { includeRetired: true })).toHaveLength(2);
  });
});

describe('org.search', () => {
  it('finds by any fragment and shows the path', async () => {
    const a = await township();
    await ledger.call('org.add', { name: '象山社区红十字会', type: '社区', parentId: a.id });
    await ledger.call('org.add', { name: '50%_测试', parentId: a.id });
    const hits = await ledger.call('org.search', { query: '象山' });
    expect(hits.map((h) => h.path)).toEqual(['转塘街道红十字会 / 象山社区红十字会']);
    expect((await ledger.call('org.search', { query: '%_' })).map((h) => h.name)).toEqual(['50%_测试']);
    expect(await ledger.call('org.search', { query: '不存在' })).toEqual([]);
  });
});

describe('leaving 筹建', () => {
  it('dates the founding today when none is given, so past years\' tables do not change', async () => {
    await township();
    const prep = await ledger.call('org.add', { name: '文新社区红十字会', type: '社区', status: 'preparing' });
    const item8 = async (year: number) => (await ledger.call('stats.tables', { year })).table1[7]!.value;
    const [in2025, in2026] = [await item8(2025), await item8(2026)];
    // The township (founded 2019) only.
    expect([in2025, in2026]).toEqual([1, 1]);

    const active = await ledger.call('org.update', { id: prep.id, changes: { status: 'active' } });
    expect([active.status, active.foundedOn]).toEqual(['active', '2026-06-15']);
    expect(await item8(2025)).toBe(1);
    expect(await item8(2026)).toBe(2);
    const history = await ledger.call('org.history', { id: prep.id });
    expect(history.find((e) => e.field === 'foundedOn')).toMatchObject({ oldValue: null, newValue: '2026-06-15' });
    expect(history.find((e) => e.field === 'foundedOnNote')).toMatchObject({ fieldLabel: '成立日期说明', newValue: expect.stringContaining('未填写成立日期，按当天 2026-06-15 记为成立日期') });

    // A founding date given with the change, or recorded before, is kept.
    const given = await ledger.call('org.add', { name: '翠苑社区红十字会', type: '社区', status: 'preparing' });
    expect((await ledger.call('org.update', { id: given.id, changes: { status: 'active', foundedOn: '2026-03-01' } })).foundedOn).toBe('2026-03-01');
    const dated = await ledger.call('org.add', { name: '古荡社区红十字会', type: '社区', status: 'preparing', foundedOn: '2025-05-01' });
    expect((await ledger.call('org.update', { id: dated.id, changes: { status: 'active' } })).foundedOn).toBe('2025-05-01');
    expect((await ledger.call('org.history', { id: dated.id })).some((e) => e.field === 'foundedOnNote')).toBe(false);
  });
});

describe('org.history', () => {
  it('records who changed which field from what to what', async () => {
    const a = await township();
    await ledger.call('settings.update', { clerkName: '王芳' });
    ledger.setNow('2026-07-01T01:00:00Z');
    await ledger.call('org.update', { id: a.id, changes: { name: '转塘街道红十字会（新）', leaderPhone: '13900001111' } });
    const history = await ledger.call('org.history', { id: a.id });
    const rename = history.find((e) => e.field === 'name');
    expect(rename).toMatchObject({ actor: '王芳', action: 'update', fieldLabel: '名称', oldValue: '转塘街道红十字会', newValue: '转塘街道红十字会（新）', at: '2026-07-01T01:00:00.000Z' });
    expect(history.find((e) => e.field === 'leaderPhone')?.newValue).toBe('139****1111');
    expect(history.filter((e) => e.action === 'create').every((e) => e.actor === '张敏')).toBe(true);
  });

  it('keeps a failed action out of both the data and the history', async () => {
    const a = await township('甲街道红十字会');
    await township('乙街道红十字会');
    const before = await ledger.call('org.history', { id: a.id });
    expect(await ledger.raw('org.update', { id: a.id, changes: { name: '乙街道红十字会' } })).toMatchObject({ ok: false });
    expect(await ledger.call('org.history', { id: a.id })).toEqual(before);
  });
});
