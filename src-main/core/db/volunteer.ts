import type { Insertable, Updateable } from 'kysely';
import type { ReadDb, VolunteerTable, WriteDb } from './schema';

// 注册志愿者: one row per person who registered, with their fields of service and teams.

export function selectVolunteerRows(db: ReadDb) {
  return db
    .selectFrom('volunteer as v')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .leftJoin('organization as o', 'o.id', 'v.organization_id')
    .select([
      'v.id',
      'v.person_id',
      'v.organization_id',
      'v.registered_on',
      'v.status',
      'v.left_on',
      'v.national_system_registered',
      'v.national_system_no',
      'v.first_aid_cert_no',
      'v.first_aid_cert_expires_on',
      'v.notes',
      'p.name',
      'p.gender',
      'p.id_type',
      'p.id_number',
      'p.birth_date',
      'p.phone',
      'o.name as org_name',
    ]);
}

export type VolunteerRow = Awaited<ReturnType<ReturnType<typeof selectVolunteerRows>['executeTakeFirstOrThrow']>>;

export async function findVolunteerRow(db: ReadDb, id: number): Promise<VolunteerRow | null> {
  return (await selectVolunteerRows(db).where('v.id', '=', id).executeTakeFirst()) ?? null;
}

export async function findVolunteerIdByPerson(db: ReadDb, personId: number): Promise<number | null> {
  return (await db.selectFrom('volunteer').select('id').where('person_id', '=', personId).executeTakeFirst())?.id ?? null;
}

export async function insertVolunteer(db: WriteDb, values: Insertable<VolunteerTable>): Promise<number> {
  const { id } = await db.insertInto('volunteer').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateVolunteerRow(db: WriteDb, id: number, values: Updateable<VolunteerTable>): Promise<void> {
  await db.updateTable('volunteer').set(values).where('id', '=', id).execute();
}

export async function readServiceFields(db: ReadDb) {
  return db.selectFrom('service_field').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute();
}

export async function readActivityCategories(db: ReadDb) {
  return db.selectFrom('activity_category').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute();
}

export async function readVolunteerFields(db: ReadDb, volunteerId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('volunteer_service_field as vf')
    .innerJoin('service_field as f', 'f.id', 'vf.field_id')
    .select('f.name')
    .where('vf.volunteer_id', '=', volunteerId)
    .orderBy('f.sort_order')
    .execute();
  return rows.map((r) => r.name);
}

export async function replaceVolunteerFields(db: WriteDb, volunteerId: number, fieldIds: number[]): Promise<void> {
  await db.deleteFrom('volunteer_service_field').where('volunteer_id', '=', volunteerId).execute();
  if (fieldIds.length > 0) await db.insertInto('volunteer_service_field').values(fieldIds.map((field_id) => ({ volunteer_id: volunteerId, field_id }))).execute();
}

/** The teams the volunteer currently belongs to. */
export async function readVolunteerTeams(db: ReadDb, volunteerId: number) {
  return db
    .selectFrom('team_membership as tm')
    .innerJoin('volunteer_team as t', 't.id', 'tm.team_id')
    .select(['t.id', 't.name'])
    .where('tm.volunteer_id', '=', volunteerId)
    .where('tm.left_on', 'is', null)
    .orderBy('t.id')
    .execute();
}

export async function isMemberPerson(db: ReadDb, personId: number): Promise<boolean> {
  return (await db.selectFrom('member').select('id').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst()) !== undefined;
}

/** Cumulative minutes of service held on or before `asOf` (all service when null). */
export async function volunteerMinutes(db: ReadDb, volunteerId: number, asOf: string | null): Promise<number> {
  let q = db
    .selectFrom('service_hours as h')
    .innerJoin('service_record as r', 'r.id', 'h.service_record_id')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('h.minutes'), eb.lit(0)).as('minutes'))
    .where('h.volunteer_id', '=', volunteerId);
  if (asOf !== null) q = q.where('r.held_on', '<=', asOf);
  return Number((await q.executeTakeFirstOrThrow()).minutes);
}

/** The earliest and latest day the volunteer has recorded service, or nulls. */
export async function serviceSpan(db: ReadDb, volunteerId: number): Promise<{ first: string | null; last: string | null }> {
  const row = await db
    .selectFrom('service_hours as h')
    .innerJoin('service_record as r', 'r.id', 'h.service_record_id')
    .select((eb) => [eb.fn.min<string>('r.held_on').as('first'), eb.fn.max<string>('r.held_on').as('last')])
    .where('h.volunteer_id', '=', volunteerId)
    .executeTakeFirstOrThrow();
  return { first: row.first ?? null, last: row.last ?? null };
}
