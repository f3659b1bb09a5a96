import type BetterSqlite3 from 'better-sqlite3';
import { loggedEntity } from '../../db/change-log';
import { maskPhone } from '../../domain/phone';

// What every kind's writer shares inside the one import transaction: the import's id, and the
// import's record of what it did, for 撤销本次导入 and each record's 历史. Updated records get an
// import_row with their old values, and change_log lines, as they happen. Created records are
// gathered and written at the end as runs of consecutive ids (import_range): a 100,000-row
// import creates its records with consecutive ids, so it writes a few rows instead of 200,000,
// and their 导入自 history line is read from there (db/change-log.ts).

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

/** One changed field as 历史 shows it (phones masked). */
export interface Shown {
  field: string;
  old: string | null;
  new: string | null;
}

export class ImportRecorder {
  private readonly row: BetterSqlite3.Statement;
  private readonly change: BetterSqlite3.Statement;
  /** Ids of created records by entity, written as runs by flush(). */
  private readonly created = new Map<string, number[]>();

  constructor(private readonly ctx: CommitContext) {
    this.row = ctx.sqlite.prepare('INSERT INTO import_row (import_id, entity, entity_id, action, before_json) VALUES (?, ?, ?, ?, ?)');
    this.change = ctx.sqlite.prepare(
      'INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  inserted(entity: string, id: number): void {
    let ids = this.created.get(entity);
    if (!ids) this.created.set(entity, (ids = []));
    ids.push(id);
  }

  /**
   * Writes the created records' runs of ids, and the import's own line in change_log; called
   * once, before COMMIT. That line holds the log's highest id while the import stands: change_log
   * ids are rowids, which SQLite hands out again once the highest rows are deleted (an earlier
   * import undone), and a later change must always get an id above the import's last_change_id.
   */
  flush(): void {
    const { sqlite, importId, batchId, at, actor, fileName } = this.ctx;
    const range = sqlite.prepare('INSERT INTO import_range (import_id, entity, first_id, last_id) VALUES (?, ?, ?, ?)');
    for (const [entity, ids] of this.created) {
      for (const [first, last] of idRuns(ids)) range.run(importId, entity, first, last);
    }
    this.created.clear();
    this.change.run(batchId, at, actor, 'import_batch', importId, 'import', null, null, `导入自“${fileName}”`);
  }

  /** `before` holds the database columns as they were, to put back on undo. */
  updated(entity: string, id: number, before: Record<string, unknown>, shown: readonly Shown[]): void {
    this.row.run(this.ctx.importId, entity, id, 'update', JSON.stringify(before));
    this.log(entity, id, shown);
  }

  /** 历史 lines only: for a change whose undo another record's import_row already holds. */
  log(entity: string, id: number, shown: readonly Shown[]): void {
    for (const c of shown) this.change.run(this.ctx.batchId, this.ctx.at, this.ctx.actor, loggedEntity(entity), id, 'import', c.field, c.old, c.new);
  }

  /** An org or team reference of the plan as a real id. */
  org(ref: number): number {
    return ref < 0 ? (this.ctx.orgIds.get(ref) as number) : ref;
  }

  team(ref: number): number {
    return ref < 0 ? (this.ctx.teamIds.get(ref) as number) : ref;
  }
}

/** Sorted runs of consecutive ids, [first, last] each; repeats are dropped. */
export function idRuns(ids: readonly number[]): [number, number][] {
  const sorted = Float64Array.from(ids).sort();
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && id <= last[1] + 1) last[1] = Math.max(last[1], id);
    else runs.push([id, id]);
  }
  return runs;
}

export function shownPhone(phone: string | null): string | null {
  return phone ? maskPhone(phone) : null;
}
