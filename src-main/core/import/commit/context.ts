import type BetterSqlite3 from 'better-sqlite3';
import { maskPhone } from '../../domain/phone';

// What every kind's writer shares inside the one import transaction: the import's id for
// import_row, and one change_log row per record so each record's 历史 says it came from this
// file, written with cached prepared statements (the bulk path; Kysely would re-prepare per row).

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

  constructor(private readonly ctx: CommitContext) {
    this.row = ctx.sqlite.prepare('INSERT INTO import_row (import_id, entity, entity_id, action, before_json) VALUES (?, ?, ?, ?, ?)');
    this.change = ctx.sqlite.prepare(
      'INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  inserted(entity: string, id: number, logged = true): void {
    this.row.run(this.ctx.importId, entity, id, 'insert', null);
    if (logged) this.change.run(this.ctx.batchId, this.ctx.at, this.ctx.actor, entity, id, 'import', null, null, `导入自“${this.ctx.fileName}”`);
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
