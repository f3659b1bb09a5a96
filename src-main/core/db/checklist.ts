import type { TemplateFileContent } from '../checklist/template-file';
import type { ReadDb, WriteDb } from './schema';

// Templates, items and manual checks (typed Kysely queries). The matrix itself is computed with
// prepared statements in core/checklist/evaluate.ts.

export async function typeIdsByName(db: ReadDb): Promise<Map<string, number>> {
  const rows = await db.selectFrom('organization_type').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function typeNamesById(db: ReadDb): Promise<Map<number, string>> {
  const rows = await db.selectFrom('organization_type').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listTemplateIds(db: ReadDb, code: string | null): Promise<number[]> {
  let q = db.selectFrom('checklist_template').select('id');
  if (code !== null) q = q.where('code', '=', code);
  return (await q.orderBy('code').orderBy('id').execute()).map((r) => r.id);
}

export async function findTemplateByCodeVersion(db: ReadDb, code: string, version: string) {
  return db.selectFrom('checklist_template').select(['id']).where('code', '=', code).where('version', '=', version).executeTakeFirst();
}

export async function templateHasChecks(db: ReadDb, templateId: number): Promise<boolean> {
  const row = await db
    .selectFrom('checklist_status as s')
    .innerJoin('checklist_item as i', 'i.id', 's.item_id')
    .select('s.id')
    .where('i.template_id', '=', templateId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTemplate(db: WriteDb, templateId: number): Promise<void> {
  const itemIds = (await db.selectFrom('checklist_item').select('id').where('template_id', '=', templateId).execute()).map((r) => r.id);
  if (itemIds.length > 0) await db.deleteFrom('checklist_item_type').where('item_id', 'in', itemIds).execute();
  await db.deleteFrom('checklist_item').where('template_id', '=', templateId).execute();
  await db.deleteFrom('checklist_template').where('id', '=', templateId).execute();
}

/** Inserts a template version with its items; type names must already be resolved to ids. */
export async function insertTemplate(
  db: WriteDb,
  t: TemplateFileContent,
  typeIds: Map<string, number>,
  origin: 'imported' | 'custom',
  createdAt: string,
): Promise<number> {
  const { id } = await db
    .insertInto('checklist_template')
    .values({ code: t.code, name: t.name, issuer: t.issuer, version: t.version, effective_on: t.effectiveOn, is_draft_default: 0, origin, confirmed_on: null, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const item of t.items) {
    const row = await db
      .insertInto('checklist_item')
      .values({ template_id: id, seq: item.seq, title: item.title, description: item.description, mode: item.mode, rule_json: item.rule ? JSON.stringify(item.rule) : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const types = item.appliesTo.map((name) => typeIds.get(name)!);
    if (types.length > 0) await db.insertInto('checklist_item_type').values(types.map((typeId) => ({ item_id: row.id, type_id: typeId }))).execute();
  }
  return id;
}

export async function confirmTemplate(db: WriteDb, templateId: number, on: string): Promise<void> {
  await db.updateTable('checklist_template').set({ confirmed_on: on }).where('id', '=', templateId).execute();
}

export async function insertCheck(
  db: WriteDb,
  values: { orgId: number; itemId: number; status: 'met' | 'not_met' | 'not_applicable'; checkedOn: string; checkedBy: string; note: string | null; recordedAt: string },
): Promise<number> {
  const { id } = await db
    .insertInto('checklist_status')
    .values({ organization_id: values.orgId, item_id: values.itemId, status: values.status, checked_on: values.checkedOn, checked_by: values.checkedBy, note: values.note, recorded_at: values.recordedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The evidence row for a hash, inserted when new: the same file twice is one row and one file. */
export async function upsertEvidence(
  db: WriteDb,
  values: { sha256: string; originalName: string; mime: string; size: number; storedPath: string; addedAt: string },
): Promise<number> {
  const existing = await db.selectFrom('evidence_file').select('id').where('sha256', '=', values.sha256).executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await db
    .insertInto('evidence_file')
    .values({ sha256: values.sha256, original_name: values.originalName, mime_type: values.mime, size_bytes: values.size, stored_path: values.storedPath, added_at: values.addedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function linkEvidence(db: WriteDb, statusId: number, evidenceIds: number[]): Promise<void> {
  const unique = [...new Set(evidenceIds)];
  if (unique.length > 0) await db.insertInto('checklist_evidence').values(unique.map((evidenceId) => ({ status_id: statusId, evidence_id: evidenceId }))).execute();
}

export async function findEvidence(db: ReadDb, evidenceId: number) {
  return db.selectFrom('evidence_file').selectAll().where('id', '=', evidenceId).executeTakeFirst();
}

export interface CheckRow {
  id: number;
  status: 'met' | 'not_met' | 'not_applicable';
  checked_on: string;
  checked_by: string;
  note: string | null;
  recorded_at: string;
}

/** Every manual check of one cell, newest first, with its evidence; itemIds: the item as titled in every version. */
export async function checkHistory(db: ReadDb, orgId: number, itemIds: number[]) {
  const checks: CheckRow[] = await db
    .selectFrom('checklist_status')
    .select(['id', 'status', 'checked_on', 'checked_by', 'note', 'recorded_at'])
    .where('organization_id', '=', orgId)
    .where('item_id', 'in', itemIds)
    .orderBy('checked_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const ids = checks.map((c) => c.id);
  const evidence =
    ids.length === 0
      ? []
      : await db
          .selectFrom('checklist_evidence as ce')
          .innerJoin('evidence_file as e', 'e.id', 'ce.evidence_id')
          .select(['ce.status_id', 'e.id', 'e.original_name', 'e.mime_type', 'e.size_bytes', 'e.sha256'])
          .where('ce.status_id', 'in', ids)
          .orderBy('e.id')
          .execute();
  return checks.map((c) => ({ ...c, evidence: evidence.filter((e) => e.status_id === c.id) }));
}
