import type { Insertable, Updateable } from 'kysely';
import type { DuesStatus, GroupMemberTable, ReadDb, WriteDb } from './schema';

export function selectGroupRows(db: ReadDb) {
  return db
    .selectFrom('group_member as g')
    .leftJoin('organization as o', 'o.id', 'g.organization_id')
    .selectAll('g')
    .select('o.name as org_name');
}

export type GroupRow = Awaited<ReturnType<ReturnType<typeof selectGroupRows>['executeTakeFirstOrThrow']>>;

export async function findGroupRow(db: ReadDb, id: number): Promise<GroupRow | null> {
  return (await selectGroupRows(db).where('g.id', '=', id).executeTakeFirst()) ?? null;
}

/** Another unit already holding this credit code or legacy organisation code. */
export async function findGroupByCode(db: ReadDb, code: { uscc: string | null; legacy: string | null }, exceptId?: number) {
  let q = db.selectFrom('group_member').select(['id', 'unit_name']);
  q = code.uscc !== null ? q.where('uscc', '=', code.uscc) : q.where('legacy_org_code', '=', code.legacy).where('uscc', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) ?? null;
}

export async function insertGroup(db: WriteDb, values: Insertable<GroupMemberTable>): Promise<number> {
  const { id } = await db.insertInto('group_member').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateGroupRow(db: WriteDb, id: number, values: Updateable<GroupMemberTable>): Promise<void> {
  await db.updateTable('group_member').set(values).where('id', '=', id).execute();
}

export async function readGroupDues(db: ReadDb, groupId: number) {
  return db.selectFrom('group_member_dues').selectAll().where('group_member_id', '=', groupId).orderBy('year', 'desc').execute();
}

export async function upsertGroupDues(db: WriteDb, row: { group_member_id: number; year: number; status: DuesStatus; amount_fen: number; paid_on: string | null }) {
  await db
    .insertInto('group_member_dues')
    .values(row)
    .onConflict((oc) => oc.columns(['group_member_id', 'year']).doUpdateSet({ status: row.status, amount_fen: row.amount_fen, paid_on: row.paid_on }))
    .execute();
}
