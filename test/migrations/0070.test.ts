import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { readHistory } from '../../src-main/core/db/change-log';

let db: LedgerDb;
beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(() => db.close());

const at = '2025-01-01T00:00:00.000Z';

describe('migration 0070 (import ranges)', () => {
  it('turns the records an import created into runs of ids, keeps its updates, and derives the 导入自 line', async () => {
    await migrateTo(db.kysely, 60);
    const s = db.sqlite;
    s.prepare("INSERT INTO organization (id, name, created_at, updated_at) VALUES (1, '象山社区红十字会', ?, ?)").run(at, at);
    const batch = (id: number, changeBatch: string, file: string, lastChange: number) =>
      s
        .prepare(
          `INSERT INTO import_batch (id, kind, file_name, sheet, options_json, change_batch_id, committed_at, actor, inserted, updated, unchanged, rejected, warnings, last_change_id)
           VALUES (?, 'members', ?, '会员', '{}', ?, ?, '张敏', 5, 1, 0, 0, 0, ?)`,
        )
        .run(id, file, changeBatch, at, lastChange);
    const row = s.prepare('INSERT INTO import_row (import_id, entity, entity_id, action, before_json) VALUES (?, ?, ?, ?, ?)');
    const line = s.prepare("INSERT INTO change_log (id, batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) VALUES (?, ?, ?, '张敏', ?, ?, ?, ?, NULL, ?)");
    batch(1, 'b1', '一月.xlsx', 5);
    for (const [i, id] of [10, 11, 12, 14, 15].entries()) {
      row.run(1, 'member', id, 'insert', null);
      line.run(i + 1, 'b1', at, 'member', id, 'import', null, '导入自“一月.xlsx”');
    }
    row.run(1, 'member', 3, 'update', '{"joined_on":"2019-01-01"}');
    line.run(6, 'b1', at, 'member', 3, 'import', 'joinedOn', '2020-01-01');
    // A later change to member 11 and a checklist imported with its fields stay in the log.
    line.run(7, 'other', at, 'member', 11, 'update', 'notes', '改过');
    line.run(8, 'c1', at, 'checklist_template', 1, 'import', 'code', '双三一');

    expect(await migrateTo(db.kysely, 70)).toBe(70);
    expect(await schemaVersion(db.kysely)).toBe(70);
    expect(s.prepare('SELECT import_id, entity, first_id, last_id FROM import_range ORDER BY first_id').all()).toEqual([
      { import_id: 1, entity: 'member', first_id: 10, last_id: 12 },
      { import_id: 1, entity: 'member', first_id: 14, last_id: 15 },
    ]);
    expect(s.prepare('SELECT entity_id, action FROM import_row').all()).toEqual([{ entity_id: 3, action: 'update' }]);
    expect(s.prepare('SELECT id FROM change_log ORDER BY id').pluck().all()).toEqual([6, 7, 8]);

    // Member 11's history: the later change, then the import that created it.
    const history = await readHistory(db.kysely, 'member', 11);
    expect(history.map((h) => [h.action, h.field, h.new_value])).toEqual([
      ['update', 'notes', '改过'],
      ['import', null, '导入自“一月.xlsx”'],
    ]);
    expect((await readHistory(db.kysely, 'member', 13)).length).toBe(0);
    s.prepare("UPDATE import_batch SET undone_at = ? WHERE id = 1").run(at);
    expect((await readHistory(db.kysely, 'member', 12)).length).toBe(0);
  });
});
