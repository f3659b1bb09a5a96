import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';

let db: LedgerDb;
beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(() => db.close());

const at = '2025-01-01T00:00:00.000Z';

describe('migration 0040 (import history)', () => {
  it('adds the import tables and leaves the rosters as they were', async () => {
    await migrateTo(db.kysely, 30);
    const s = db.sqlite;
    s.prepare("INSERT INTO organization (id, name, created_at, updated_at) VALUES (1, '象山社区红十字会', ?, ?)").run(at, at);
    s.prepare("INSERT INTO person (id, name, id_number, created_at, updated_at) VALUES (1, '王芳', '33010619850312002X', ?, ?)").run(at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (1, 1, 'adult', 1, '2020-01-01', ?, ?)").run(at, at);
    const before = s.prepare('SELECT * FROM member JOIN person ON person.id = member.person_id').all();

    expect(await migrateTo(db.kysely, 40)).toBe(40);
    expect(await schemaVersion(db.kysely)).toBe(40);
    expect(s.prepare('SELECT * FROM member JOIN person ON person.id = member.person_id').all()).toEqual(before);

    const columns = (table: string) => (s.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('import_batch')).toEqual(['id', 'kind', 'file_name', 'sheet', 'options_json', 'change_batch_id', 'committed_at', 'actor', 'inserted', 'updated', 'unchanged', 'rejected', 'warnings', 'backup_file', 'last_change_id', 'undone_at']);
    expect(columns('import_row')).toEqual(['import_id', 'entity', 'entity_id', 'action', 'before_json']);
    expect(columns('import_mapping')).toEqual(['kind', 'signature', 'mapping_json', 'updated_at']);

    // An import row names its batch, and only 'insert' or 'update'.
    s.pragma('foreign_keys = ON');
    expect(() => s.prepare("INSERT INTO import_row (import_id, entity, entity_id, action) VALUES (99, 'member', 1, 'insert')").run()).toThrow(/FOREIGN KEY/);
    s.prepare("INSERT INTO import_batch (id, kind, file_name, sheet, options_json, change_batch_id, committed_at, actor, inserted, updated, unchanged, rejected, warnings, last_change_id) VALUES (1, 'members', 'a.xlsx', 'Sheet1', '{}', 'b', ?, '张敏', 1, 0, 0, 0, 0, 0)").run(at);
    expect(() => s.prepare("INSERT INTO import_row (import_id, entity, entity_id, action) VALUES (1, 'member', 1, 'delete')").run()).toThrow(/CHECK/);
    const plan = (s.prepare("EXPLAIN QUERY PLAN SELECT import_id FROM import_row WHERE entity = 'member' AND entity_id = 1").all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toContain('import_row_entity');
  });
});
