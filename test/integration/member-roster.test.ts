import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRow } from '../../src-main/core/api/contract';
import { seedLedger } from '../../src-main/core/seed/seed-ledger';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// Roster pages against a reference computed directly from the tables of a seeded county.
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await createTestLedger({ setup: false });
  seedLedger(ledger.db.sqlite, { scale: 'small', seed: 11, today: '2026-06-01', countyCode: '330106' });
});
afterAll(() => ledger.db.close());

type Input = Parameters<TestLedger['call']>[1] & object;

async function allPages(input: Record<string, unknown>, limit = 37): Promise<MemberRow[]> {
  const rows: MemberRow[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await ledger.call('member.list', { ...input, limit, ...(after ? { after } : {}) } as Input as never);
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    expect(page.nextCursor).toMatch(/^\S+$/);
    after = page.nextCursor;
  }
  throw new Error('no end of pages');
}

function reference(where: string, params: unknown[] = [], order = 'p.name_sort_key, p.id'): number[] {
  return ledger.db.sqlite
    .prepare(`SELECT m.id FROM member m JOIN person p ON p.id = m.person_id WHERE ${where} ORDER BY ${order}`)
    .pluck()
    .all(...params) as number[];
}

describe('member.list', () => {
  it('pages through the whole county in pinyin order, every member exactly once', async () => {
    const rows = await allPages({});
    expect(rows.map((r) => r.id)).toEqual(reference('1'));
  });

  it('filters by an organisation subtree, status and kind', async () => {
    const township = ledger.db.sqlite.prepare("SELECT o.id FROM organization o WHERE o.parent_id IS NULL AND EXISTS (SELECT 1 FROM organization c WHERE c.parent_id = o.id) LIMIT 1").pluck().get() as number;
    const subtree = `m.organization_id IN (WITH RECURSIVE d(id) AS (SELECT ${township} UNION ALL SELECT o.id FROM organization o JOIN d ON o.parent_id = d.id) SELECT id FROM d)`;
    expect((await allPages({ orgId: township })).map((r) => r.id)).toEqual(reference(subtree));
    expect((await allPages({ orgId: township, status: 'lapsed' })).map((r) => r.id)).toEqual(reference(`${subtree} AND m.status = 'lapsed'`));
    expect((await allPages({ kind: 'youth', status: 'active' }, 200)).map((r) => r.id)).toEqual(reference(`m.kind = 'youth' AND m.status = 'active'`));
  });

  it('sorts by name or join date in either direction, in the county and in a subtree', async () => {
    const township = ledger.db.sqlite.prepare('SELECT parent_id FROM organization WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const subtree = `m.organization_id IN (WITH RECURSIVE d(id) AS (SELECT ${township} UNION ALL SELECT o.id FROM organization o JOIN d ON o.parent_id = d.id) SELECT id FROM d)`;
    expect((await allPages({ sort: '-name' }, 500)).map((r) => r.id)).toEqual(reference('1', [], 'p.name_sort_key DESC, p.id DESC'));
    expect((await allPages({ sort: 'joinedOn' }, 500)).map((r) => r.id)).toEqual(reference('1', [], 'm.joined_on, m.id'));
    expect((await allPages({ sort: '-joinedOn', status: 'lapsed' })).map((r) => r.id)).toEqual(reference(`m.status = 'lapsed'`, [], 'm.joined_on DESC, m.id DESC'));
    expect((await allPages({ sort: '-joinedOn', orgId: township })).map((r) => r.id)).toEqual(reference(subtree, [], 'm.joined_on DESC, m.id DESC'));
    expect((await allPages({ sort: '-name', orgId: township, kind: 'youth' }, 10)).map((r) => r.id)).toEqual(reference(`${subtree} AND m.kind = 'youth'`, [], 'p.name_sort_key DESC, p.id DESC'));
    expect((await allPages({ sort: '-name', search: '王' }, 20)).map((r) => r.id)).toEqual(reference("instr(p.name, '王') > 0", [], 'p.name_sort_key DESC, p.id DESC'));
    // Joined in one year, in any order and scope.
    expect((await allPages({ joinedYear: 2022 }, 300)).map((r) => r.id)).toEqual(reference(`m.joined_on LIKE '2022-%'`));
    expect((await allPages({ joinedYear: 2022, sort: '-joinedOn', orgId: township })).map((r) => r.id)).toEqual(reference(`m.joined_on LIKE '2022-%' AND ${subtree}`, [], 'm.joined_on DESC, m.id DESC'));
    expect((await allPages({ joinedYear: 2022, search: '王' })).map((r) => r.id)).toEqual(reference(`m.joined_on LIKE '2022-%' AND instr(p.name, '王') > 0`));
    // A cursor belongs to its order.
    const first = await ledger.call('member.list', { sort: 'joinedOn', limit: 5 });
    await expect(ledger.call('member.list', { sort: 'name', after: first.nextCursor! })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(ledger.call('member.list', { sort: 'joinedOn', search: '王' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('finds name fragments of one, two and three characters and trailing digits', async () => {
    const sample = ledger.db.sqlite.prepare("SELECT p.name, p.id_number, p.phone FROM member m JOIN person p ON p.id = m.person_id WHERE length(p.name) = 3 AND p.phone IS NOT NULL LIMIT 1").get() as { name: string; id_number: string; phone: string };
    for (const fragment of [sample.name.slice(0, 1), sample.name.slice(1, 2), sample.name.slice(1, 3), sample.name]) {
      const rows = await allPages({ search: fragment }, 25);
      expect(rows.map((r) => r.id), fragment).toEqual(reference('instr(p.name, ?) > 0', [fragment]));
      expect(rows.length).toBeGreaterThan(0);
    }
    const idTail = sample.id_number.slice(-6);
    expect((await allPages({ search: idTail })).map((r) => r.id)).toEqual(reference('substr(p.id_number, -6) = ? OR substr(p.phone, -6) = ?', [idTail, idTail]));
    const phoneTail = sample.phone.slice(-4);
    expect((await allPages({ search: phoneTail })).map((r) => r.id)).toEqual(reference('substr(p.id_number, -4) = ? OR substr(p.phone, -4) = ?', [phoneTail, phoneTail]));
  });

  it('masks every ID number and phone it returns', async () => {
    const full = new Set(ledger.db.sqlite.prepare('SELECT id_number FROM person WHERE id_number IS NOT NULL UNION SELECT phone FROM person WHERE phone IS NOT NULL').pluck().all() as string[]);
    const rows = await allPages({}, 500);
    const text = JSON.stringify(rows);
    for (const row of rows) {
      if (row.idNumber) expect(full.has(row.idNumber)).toBe(false);
      if (row.phone) expect(full.has(row.phone)).toBe(false);
    }
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
  });

  it('never skips or repeats a row while members are added between pages', async () => {
    await ledger.call('county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' }).catch(() => undefined);
    const orgId = ledger.db.sqlite.prepare("SELECT id FROM organization WHERE status <> 'retired' LIMIT 1").pluck().get() as number;
    const existing = reference('1');
    const seen: number[] = [];
    let after: string | undefined;
    let added = 0;
    for (;;) {
      const page = await ledger.call('member.list', { limit: 200, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      after = page.nextCursor;
      // Someone adds a member whose name sorts anywhere, while the clerk scrolls.
      const first17 = `33010619900101${String(100 + added).padStart(3, '0')}`;
      await ledger.call('member.add', { orgId, name: ['阿宝', '张三', '朱一', '郑重'][added % 4]!, idNumber: first17 + residentIdCheckChar(first17) });
      added++;
    }
    expect(added).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(seen.length);
    // Every member that existed before the scroll began was seen, in order.
    expect(seen.filter((id) => existing.includes(id))).toEqual(existing);
  });

  it('follows members when they transfer and when their organisation moves', async () => {
    const [a, b] = ledger.db.sqlite.prepare("SELECT id FROM organization WHERE parent_id IS NULL AND status <> 'retired' LIMIT 2").pluck().all() as number[];
    const leaf = ledger.db.sqlite.prepare("SELECT id FROM organization WHERE parent_id = ? AND status <> 'retired' LIMIT 1").pluck().get(a) as number;
    const inLeaf = reference('m.organization_id = ?', [leaf]);
    expect(inLeaf.length).toBeGreaterThan(0);
    await ledger.call('org.move', { id: leaf, parentId: b! });
    const underB = (await allPages({ orgId: b! }, 500)).map((r) => r.id);
    expect(inLeaf.every((id) => underB.includes(id))).toBe(true);
    const underA = (await allPages({ orgId: a! }, 500)).map((r) => r.id);
    expect(inLeaf.some((id) => underA.includes(id))).toBe(false);
    const member = inLeaf[0]!;
    const activeMember = ledger.db.sqlite.prepare("SELECT status FROM member WHERE id = ?").pluck().get(member);
    if (activeMember === 'active') {
      await ledger.call('member.transfer', { id: member, orgId: a! });
      expect((await allPages({ orgId: a! }, 500)).map((r) => r.id)).toContain(member);
      expect((await allPages({ orgId: leaf }, 500)).map((r) => r.id)).not.toContain(member);
    }
  });
});
