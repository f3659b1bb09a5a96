import type { MemberTable, ReadDb, WriteDb } from './schema';
import type { Insertable, Updateable } from 'kysely';

export function selectMemberRows(db: ReadDb) {
  return db
    .selectFrom('member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .select([
      'm.id',
      'm.person_id',
      'm.kind',
      'm.organization_id',
      'm.joined_on',
      'm.status',
      'm.lapsed_on',
      'm.lapse_reason',
      'm.notes',
      'p.name',
      'p.gender',
      'p.id_type',
      'p.id_number',
      'p.birth_date',
      'p.phone',
      'p.guardian_name',
      'p.guardian_relation',
      'p.guardian_phone',
      'p.guardian_consent_on',
      'p.guardian_consent_method',
      'o.name as org_name',
    ]);
}

export type MemberRow = Awaited<ReturnType<ReturnType<typeof selectMemberRows>['executeTakeFirstOrThrow']>>;

export async function findMemberRow(db: ReadDb, id: number): Promise<MemberRow | null> {
  return (await selectMemberRows(db).where('m.id', '=', id).executeTakeFirst()) ?? null;
}

export async function findMemberIdByPerson(db: ReadDb, personId: number): Promise<number | null> {
  return (await db.selectFrom('member').select('id').where('person_id', '=', personId).executeTakeFirst())?.id ?? null;
}

export async function insertMember(db: WriteDb, values: Insertable<MemberTable>): Promise<number> {
  const { id } = await db.insertInto('member').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateMemberRow(db: WriteDb, id: number, values: Updateable<MemberTable>): Promise<void> {
  await db.updateTable('member').set(values).where('id', '=', id).execute();
}
