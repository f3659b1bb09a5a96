import { sql } from 'kysely';
import { escapeLike } from '../domain/text';
import type { NewOrganization, Organization, OrganizationUpdate, ReadDb, WriteDb } from './schema';

export interface OrgRow extends Organization {
  type_name: string | null;
  child_count: number;
}

function selectOrgRows(db: ReadDb) {
  return db
    .selectFrom('organization as o')
    .leftJoin('organization_type as t', 't.id', 'o.type_id')
    .selectAll('o')
    .select((eb) => [
      't.name as type_name',
      eb
        .selectFrom('organization as c')
        .whereRef('c.parent_id', '=', 'o.id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('child_count'),
    ]);
}

export async function listOrgRows(db: ReadDb, includeRetired: boolean): Promise<OrgRow[]> {
  let q = selectOrgRows(db);
  if (!includeRetired) q = q.where('o.status', '<>', 'retired');
  const rows = await q.orderBy('o.parent_id').orderBy('o.id').execute();
  return rows.map((r) => ({ ...r, child_count: Number(r.child_count ?? 0) }));
}

export async function findOrgRow(db: ReadDb, id: number): Promise<OrgRow | null> {
  const row = await selectOrgRows(db).where('o.id', '=', id).executeTakeFirst();
  return row ? { ...row, child_count: Number(row.child_count ?? 0) } : null;
}

/** Ancestors from the top down, ending with the organisation itself. */
export async function orgPath(db: ReadDb, id: number): Promise<Array<{ id: number; name: string }>> {
  const { rows } = await sql<{ id: number; name: string; depth: number }>`
    WITH RECURSIVE up(id, parent_id, name, depth) AS (
      SELECT id, parent_id, name, 0 FROM organization WHERE id = ${id}
      UNION ALL
      SELECT o.id, o.parent_id, o.name, up.depth + 1 FROM organization o JOIN up ON o.id = up.parent_id
    )
    SELECT id, name, depth FROM up ORDER BY depth DESC`.execute(db);
  return rows.map(({ id: rowId, name }) => ({ id: rowId, name }));
}

/** True when `candidateId` is `ancestorId` itself or lies anywhere beneath it. */
export async function isInSubtree(db: ReadDb, ancestorId: number, candidateId: number): Promise<boolean> {
  const { rows } = await sql<{ hit: number }>`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM organization WHERE id = ${candidateId}
      UNION ALL
      SELECT o.id, o.parent_id FROM organization o JOIN up ON o.id = up.parent_id
    )
    SELECT 1 AS hit FROM up WHERE id = ${ancestorId} LIMIT 1`.execute(db);
  return rows.length > 0;
}

export async function siblingWithName(db: ReadDb, parentId: number | null, name: string, exceptId?: number): Promise<number | null> {
  let q = db.selectFrom('organization').select('id').where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst())?.id ?? null;
}

export async function countActiveChildren(db: ReadDb, id: number): Promise<number> {
  const row = await db
    .selectFrom('organization')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('status', '<>', 'retired')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrg(db: WriteDb, values: NewOrganization): Promise<number> {
  const { id } = await db.insertInto('organization').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateOrgRow(db: WriteDb, id: number, values: OrganizationUpdate): Promise<void> {
  await db.updateTable('organization').set(values).where('id', '=', id).execute();
}

export async function findTypeByName(db: ReadDb, name: string) {
  return db.selectFrom('organization_type').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listTypes(db: ReadDb) {
  return db.selectFrom('organization_type').selectAll().where('retired', '=', 0).orderBy('sort_order').orderBy('id').execute();
}

/**
 * Name fragment search. Organisations number in the low thousands per county, so a LIKE scan
 * stays well under a millisecond; people rosters (millions) get their own FTS index.
 */
export async function searchOrgRows(db: ReadDb, fragment: string, limit: number): Promise<OrgRow[]> {
  const pattern = `%${escapeLike(fragment)}%`;
  const rows = await selectOrgRows(db)
    .where(sql<boolean>`o.name LIKE ${pattern} ESCAPE '\\'`)
    .orderBy(sql`CASE WHEN o.name = ${fragment} THEN 0 WHEN o.name LIKE ${`${escapeLike(fragment)}%`} ESCAPE '\\' THEN 1 ELSE 2 END`)
    .orderBy(sql`length(o.name)`)
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, child_count: Number(r.child_count ?? 0) }));
}

export async function allOrgNames(db: ReadDb): Promise<Map<number, { name: string; parentId: number | null }>> {
  const rows = await db.selectFrom('organization').select(['id', 'name', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, parentId: r.parent_id }]));
}
