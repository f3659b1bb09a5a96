import type { ChangeLogEntry, ReadDb, WriteDb } from './schema';

/** The entity a table's records are logged under in change_log, where it differs from the table's name. */
const loggedAs: Readonly<Record<string, string>> = { volunteer_team: 'team' };

/** change_log's entity for a record of `table` (import_row and import_range name tables). */
export function loggedEntity(table: string): string {
  return loggedAs[table] ?? table;
}

/** The table whose records change_log lists under `entity`. */
function tableOf(entity: string): string {
  return Object.keys(loggedAs).find((table) => loggedAs[table] === entity) ?? entity;
}

export interface ChangeSource {
  db: WriteDb;
  actor: string;
  batchId: string;
  now: Date;
}

export type FieldValue = string | number | boolean | null | undefined;

function show(value: FieldValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/**
 * Writes one row per changed field (from → to). `before` is null for a newly created record,
 * in which case every non-empty field of `after` is recorded as set.
 */
export async function recordChanges(
  source: ChangeSource,
  entity: string,
  entityId: number,
  action: string,
  before: Record<string, FieldValue> | null,
  after: Record<string, FieldValue>,
): Promise<number> {
  const rows = [];
  for (const [field, value] of Object.entries(after)) {
    const oldValue = before ? show(before[field]) : null;
    const newValue = show(value);
    if (oldValue === newValue) continue;
    rows.push({
      batch_id: source.batchId,
      at: source.now.toISOString(),
      actor: source.actor,
      entity,
      entity_id: entityId,
      action,
      field,
      old_value: oldValue,
      new_value: newValue,
    });
  }
  if (rows.length > 0) await source.db.insertInto('change_log').values(rows).execute();
  return rows.length;
}

/**
 * A record's history, newest first: its change_log lines, and 导入自“…” when an import created it
 * (from import_range, see migration 0070), placed after the changes made before that import.
 */
export async function readHistory(db: ReadDb, entity: string, entityId: number): Promise<ChangeLogEntry[]> {
  const logged = await db.selectFrom('change_log').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id', 'desc').execute();
  const imports = await db
    .selectFrom('import_range as g')
    .innerJoin('import_batch as b', 'b.id', 'g.import_id')
    .select(['b.id', 'b.change_batch_id', 'b.committed_at', 'b.actor', 'b.file_name', 'b.last_change_id'])
    .where('g.entity', '=', tableOf(entity))
    .where('g.first_id', '<=', entityId)
    .where('g.last_id', '>=', entityId)
    .where('b.undone_at', 'is', null)
    .execute();
  if (imports.length === 0) return logged;
  const created = imports.map((b) => ({
    // Negative: no change_log line has this id, so it stays a unique key.
    id: -b.id,
    batch_id: b.change_batch_id,
    at: b.committed_at,
    actor: b.actor,
    entity,
    entity_id: entityId,
    action: 'import',
    field: null,
    old_value: null,
    new_value: `导入自“${b.file_name}”`,
    position: b.last_change_id + 0.5,
  }));
  return [...logged.map((row) => ({ ...row, position: row.id })), ...created].sort((a, b) => b.position - a.position).map(({ position: _position, ...row }) => row);
}

/** The contract's history entries, with Chinese labels for actions and the area's fields. */
export function toChangeEntries(rows: ChangeLogEntry[], actionLabels: Record<string, string>, fieldLabels: Record<string, string>) {
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    actionLabel: actionLabels[r.action] ?? r.action,
    field: r.field,
    fieldLabel: r.field ? (fieldLabels[r.field] ?? r.field) : null,
    oldValue: r.old_value,
    newValue: r.new_value,
  }));
}

/** Records that the clerk viewed a record's full ID number and phones (never the values themselves). */
export async function recordReveal(ctx: ChangeSource, entity: string, entityId: number): Promise<void> {
  await ctx.db
    .insertInto('change_log')
    .values({ batch_id: ctx.batchId, at: ctx.now.toISOString(), actor: ctx.actor, entity, entity_id: entityId, action: 'reveal', field: null, old_value: null, new_value: null })
    .execute();
}
