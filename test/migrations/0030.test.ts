import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { columnsOf, databaseInterfaceColumns, userTables } from '../helpers/sqlite-inspect';

let db: LedgerDb;
beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(() => db.close());

const at = '2025-01-01T00:00:00.000Z';

describe('migration 0030 (roster indexes)', () => {
  it('indexes the members and people that exist before it, and leaves their rows unchanged', async () => {
    await migrateTo(db.kysely, 20);
    const s = db.sqlite;
    s.prepare("INSERT INTO organization (id, name, parent_id, created_at, updated_at) VALUES (1, '转塘街道红十字会', NULL, ?, ?), (2, '象山社区红十字会', 1, ?, ?)").run(at, at, at, at);
    s.prepare("INSERT INTO person (id, name, name_sort_key, id_number, phone, created_at, updated_at) VALUES (1, '买买提·艾力', 'mai mai ti', '330106800101123', '13812345678', ?, ?), (2, '王芳', NULL, NULL, NULL, ?, ?)").run(at, at, at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (1, 1, 'adult', 2, '2020-01-01', ?, ?), (2, 2, 'adult', 1, '2021-01-01', ?, ?)").run(at, at, at, at);
    const before = s.prepare('SELECT * FROM member ORDER BY id').all();

    expect(await migrateTo(db.kysely, 30)).toBe(30);
    expect(await schemaVersion(db.kysely)).toBe(30);
    expect(s.prepare('SELECT * FROM member ORDER BY id').all()).toEqual(before);
    expect(s.prepare('SELECT scope_id, name_sort_key, member_id FROM member_scope ORDER BY member_id, scope_id').all()).toEqual([
      { scope_id: 0, name_sort_key: 'mai mai ti', member_id: 1 },
      { scope_id: 1, name_sort_key: 'mai mai ti', member_id: 1 },
      { scope_id: 2, name_sort_key: 'mai mai ti', member_id: 1 },
      { scope_id: 0, name_sort_key: '王芳', member_id: 2 },
      { scope_id: 1, name_sort_key: '王芳', member_id: 2 },
    ]);
    const grams = s.prepare('SELECT gram FROM person_name_gram WHERE person_id = 1 ORDER BY gram').pluck().all();
    expect(grams).toEqual(['·', '·艾', '买', '买买', '买提', '提', '提·', '艾', '艾力', '力'].sort());
    expect(s.prepare('SELECT id_tail, phone_tail FROM person WHERE id = 1').get()).toEqual({ id_tail: '321101008601033', phone_tail: '87654321831' });
    expect(s.prepare('SELECT id_tail, phone_tail FROM person WHERE id = 2').get()).toEqual({ id_tail: null, phone_tail: null });
    expect(s.prepare("EXPLAIN QUERY PLAN SELECT * FROM member_scope WHERE scope_id = 1 AND (name_sort_key, member_id) > ('', 0) ORDER BY name_sort_key, member_id LIMIT 50").all().map((r) => (r as { detail: string }).detail).join()).toContain('USING PRIMARY KEY (scope_id=? AND (name_sort_key,member_id)>(?,?))');
  });

  it('brings the schema to exactly the Kysely Database interface', async () => {
    await migrateTo(db.kysely);
    const expected = databaseInterfaceColumns();
    expect(userTables(db.sqlite)).toEqual([...expected.keys()].sort());
    for (const [table, columns] of expected) expect(columnsOf(db.sqlite, table).sort(), table).toEqual([...columns].sort());
  });
});
