import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';

let db: LedgerDb;
beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(() => db.close());

const at = '2025-01-01T00:00:00.000Z';

function plan(sql: string, params: Record<string, unknown>): string {
  return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

describe('migration 0030 (roster indexes)', () => {
  beforeEach(async () => {
    await migrateTo(db.kysely, 20);
    const s = db.sqlite;
    s.prepare("INSERT INTO organization (id, name, parent_id, created_at, updated_at) VALUES (1, '转塘街道红十字会', NULL, ?, ?), (2, '象山社区红十字会', 1, ?, ?)").run(at, at, at, at);
    s.prepare("INSERT INTO person (id, name, name_sort_key, id_number, phone, created_at, updated_at) VALUES (1, '买买提·艾力', 'mai mai ti', '330106800101123', '13812345678', ?, ?), (2, '王芳', NULL, NULL, NULL, ?, ?)").run(at, at, at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (1, 1, 'adult', 2, '2020-01-01', ?, ?), (2, 2, 'adult', 1, '2021-01-01', ?, ?)").run(at, at, at, at);
    s.prepare("INSERT INTO volunteer (id, person_id, registered_on, created_at, updated_at) VALUES (1, 1, '2021-05-01', ?, ?)").run(at, at);
    expect(await migrateTo(db.kysely, 30)).toBe(30);
  });

  it('indexes the people, members and volunteers that exist before it', async () => {
    const s = db.sqlite;
    expect(await schemaVersion(db.kysely)).toBe(30);
    expect(s.prepare('SELECT id, name_sort_key FROM member ORDER BY id').all()).toEqual([
      { id: 1, name_sort_key: 'mai mai ti' },
      // A person without a key gets the name itself, so the roster order stays total.
      { id: 2, name_sort_key: '王芳' },
    ]);
    expect(s.prepare('SELECT name_sort_key FROM volunteer').pluck().all()).toEqual(['mai mai ti']);
    const grams = s.prepare('SELECT gram FROM person_name_gram WHERE person_id = 1 ORDER BY gram').pluck().all();
    expect(grams).toEqual(['·', '·艾', '买', '买买', '买提', '提', '提·', '艾', '艾力', '力'].sort());
    expect(s.prepare('SELECT id_tail, phone_tail FROM person WHERE id = 1').get()).toEqual({ id_tail: '321101008601', phone_tail: '87654321831' });
    expect(s.prepare('SELECT id_tail, phone_tail FROM person WHERE id = 2').get()).toEqual({ id_tail: null, phone_tail: null });
  });

  it('keeps grams and copied sort keys current through its triggers', () => {
    const s = db.sqlite;
    s.prepare("INSERT INTO person (id, name, name_sort_key, created_at, updated_at) VALUES (3, '曾小明', 'zeng xiao ming', ?, ?)").run(at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (3, 3, 'adult', 2, '2022-01-01', ?, ?)").run(at, at);
    expect(s.prepare('SELECT name_sort_key FROM member WHERE id = 3').pluck().get()).toBe('zeng xiao ming');
    expect(s.prepare('SELECT gram FROM person_name_gram WHERE person_id = 3 ORDER BY gram').pluck().all()).toEqual(['小', '小明', '明', '曾', '曾小'].sort());
    s.prepare("UPDATE person SET name = '曾晓明', name_sort_key = 'zeng xiao ming 2' WHERE id = 3").run();
    expect(s.prepare('SELECT gram || name_sort_key FROM person_name_gram WHERE person_id = 3 ORDER BY gram').pluck().all()).toEqual(
      ['晓', '晓明', '明', '曾', '曾晓'].sort().map((g) => `${g}zeng xiao ming 2`),
    );
    expect(s.prepare('SELECT name_sort_key FROM member WHERE id = 3').pluck().get()).toBe('zeng xiao ming 2');
  });

  it('serves each roster request shape from its index, without a sort of the county', () => {
    const page = { key: '', id: 0 };
    expect(plan('SELECT id FROM member INDEXED BY member_sorted WHERE (name_sort_key, person_id) > (:key, :id) ORDER BY name_sort_key, person_id LIMIT 50', page)).not.toContain('TEMP B-TREE');
    expect(plan(`SELECT id FROM member INDEXED BY member_roster WHERE organization_id IN (1, 2) AND status IN ('active', 'lapsed') AND (name_sort_key, person_id) > (:key, :id) ORDER BY name_sort_key, person_id LIMIT 50`, page)).toContain('USING COVERING INDEX member_roster (organization_id=? AND status=? AND (name_sort_key,person_id)>(?,?))');
    expect(plan("SELECT person_id FROM person_name_gram WHERE gram = '王' AND (name_sort_key, person_id) > (:key, :id) ORDER BY name_sort_key, person_id LIMIT 50", page)).toMatch(/USING PRIMARY KEY \(gram=\? AND \(name_sort_key,person_id\)>\(\?,\?\)\)$/);
    expect(plan("SELECT id FROM person WHERE id_number IS NOT NULL AND id_tail >= '4321' AND id_tail < '4321~'", {})).toContain('USING INDEX person_id_tail (id_tail>? AND id_tail<?)');
    expect(plan("SELECT id FROM person WHERE phone IS NOT NULL AND phone_tail >= '4321' AND phone_tail < '4321~'", {})).toContain('USING INDEX person_phone_tail (phone_tail>? AND id_tail<?)'.replace('id_tail<', 'phone_tail<'));
  });
});
