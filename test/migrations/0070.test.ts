import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { readHistory } from '../../src-main/core/db/change-log';
import { undoBlockedBy } from '../../src-main/core/import/history';

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
    // As an import wrote them: its updates' lines, then one 导入自 line per created record, the
    // last of them the top of the log (last_change_id 7).
    line.run(1, 'c1', at, 'checklist_template', 1, 'import', 'code', '双三一');
    batch(1, 'b1', '一月.xlsx', 7);
    row.run(1, 'member', 3, 'update', '{"joined_on":"2019-01-01"}');
    line.run(2, 'b1', at, 'member', 3, 'import', 'joinedOn', '2020-01-01');
    for (const [i, id] of [10, 11, 12, 14, 15].entries()) {
      row.run(1, 'member', id, 'insert', null);
      line.run(i + 3, 'b1', at, 'member', id, 'import', null, '导入自“一月.xlsx”');
    }
    s.prepare("INSERT INTO change_log (id, batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) VALUES (0, 'b0', ?, '张敏', 'volunteer_team', 4, 'import', 'name', '旧名', '新名')").run(at);

    expect(await migrateTo(db.kysely, 70)).toBe(70);
    expect(await schemaVersion(db.kysely)).toBe(70);
    expect(s.prepare('SELECT import_id, entity, first_id, last_id FROM import_range ORDER BY first_id').all()).toEqual([
      { import_id: 1, entity: 'member', first_id: 10, last_id: 12 },
      { import_id: 1, entity: 'member', first_id: 14, last_id: 15 },
    ]);
    expect(s.prepare('SELECT entity_id, action FROM import_row').all()).toEqual([{ entity_id: 3, action: 'update' }]);
    // The creation lines are gone but the top one, now the import's own line, so the log's
    // highest id stays where the import left it; a team's import line moved to 'team'.
    expect(s.prepare('SELECT id, entity, entity_id FROM change_log ORDER BY id').all()).toEqual([
      { id: 0, entity: 'team', entity_id: 4 },
      { id: 1, entity: 'checklist_template', entity_id: 1 },
      { id: 2, entity: 'member', entity_id: 3 },
      { id: 7, entity: 'import_batch', entity_id: 1 },
    ]);

    // A later change to member 11 gets an id above the import's, so it shows first and blocks the undo.
    const later = s.prepare("INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) VALUES ('other', ?, '张敏', 'member', 11, 'update', 'notes', NULL, '改过')").run(at);
    expect(Number(later.lastInsertRowid)).toBeGreaterThan(7);
    const history = await readHistory(db.kysely, 'member', 11);
    expect(history.map((h) => [h.action, h.field, h.new_value])).toEqual([
      ['update', 'notes', '改过'],
      ['import', null, '导入自“一月.xlsx”'],
    ]);
    expect(undoBlockedBy(s, { id: 1, last_change_id: 7, undone_at: null })).toMatch(/会员（编号 11）之后又被修改过/);
    expect((await readHistory(db.kysely, 'member', 13)).length).toBe(0);
    s.prepare('UPDATE import_batch SET undone_at = ? WHERE id = 1').run(at);
    expect((await readHistory(db.kysely, 'member', 12)).length).toBe(0);
  });
});
