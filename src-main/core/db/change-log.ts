import type { ChangeLogEntry, ReadDb, WriteDb } from './schema';

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

export async function readHistory(db: ReadDb, entity: string, entityId: number): Promise<ChangeLogEntry[]> {
  return db
    .selectFrom('change_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .execute();
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
