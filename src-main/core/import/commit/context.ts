import type BetterSqlite3 from 'better-sqlite3';
import { maskPhone } from '../../domain/phone';

// What every kind's writer shares inside the one import transaction: the import's id for
// import_row, and one change_log row per record so each record's 历史 says it came from this
// file. Updates are written as they happen (they carry the old values); created records are
// gathered and written set-based at the end, the bulk path of a 100,000-row import.

export interface CommitContext {
  sqlite: BetterSqlite3.Database;
  importId: number;
  batchId: string;
  actor: string;
  at: string;
  fileName: string;
  /** Negative org refs of the plan → the ids the commit created. */
  orgIds: Map<number, number>;
  teamIds: Map<number, number>;
}

export class ImportRecorder {
  private readonly row: BetterSqlite3.Statement;
  private readonly change: BetterSqlite3.Statement;
  /** Created records, written set-based by flush(): one statement per entity instead of two per record. */
  private readonly created = new Map<string, { ids: number[]; logged: boolean }>();

  constructor(private readonly ctx: CommitContext) {
    this.row = ctx.sqlite.prepare('INSERT INTO import_row (import_id, entity, entity_id, action, before_json) VALUES (?, ?, ?, ?, ?)');
    this.change = ctx.sqlite.prepare(
      'INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  inserted(entity: string, id: number, logged = true): void {
    const key = `${logged ? 1 : 0}${entity}`;
    let group = this.created.get(key);
    if (!group) this.created.set(key, (group = { ids: [], logged }));
    group.ids.push(id);
  }

  /** Writes the import_row and change_log rows of the created records; called once, before COMMIT. */
  flush(): void {
    const { sqlite, importId, batchId, at, actor, fileName } = this.ctx;
    const rows = sqlite.prepare(`INSERT INTO import_row (import_id, entity, entity_id, action, before_json) SELECT ?, ?, value, 'insert', NULL FROM json_each(?)`);
    const changes = sqlite.prepare(
      `INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) SELECT ?, ?, ?, ?, value, 'import', NULL, NULL, ? FROM json_each(?)`,
    );
    const note = `导入自“${fileName}”`;
    for (const [key, { ids, logged }] of this.created) {
      const entity = key.slice(1);
      for (let i = 0; i < ids.length; i += 50_000) {
        const json = JSON.stringify(ids.slice(i, i + 50_000));
        rows.run(importId, entity, json);
        if (logged) changes.run(batchId, at, actor, entity, note, json);
      }
    }
    this.created.clear();
  }

  /** `before` holds the database columns as they were, to put back on undo. */
  updated(entity: string, id: number, before: Record<string, unknown>, shown: { field: string; old: string | null; new: string | null }[]): void {
    this.row.run(this.ctx.importId, entity, id, 'update', JSON.stringify(before));
    for (const c of shown) this.change.run(this.ctx.batchId, this.ctx.at, this.ctx.actor, entity, id, 'import', c.field, c.old, c.new);
  }

  /** An org or team reference of the plan as a real id. */
  org(ref: number): number {
    return ref < 0 ? (this.ctx.orgIds.get(ref) as number) : ref;
  }

  team(ref: number): number {
    return ref < 0 ? (this.ctx.teamIds.get(ref) as number) : ref;
  }
}

export function shownPhone(phone: string | null): string | null {
  return phone ? maskPhone(phone) : null;
}
