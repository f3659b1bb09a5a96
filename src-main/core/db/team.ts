import type { Insertable, Updateable } from 'kysely';
import type { ReadDb, VolunteerTeamTable, WriteDb } from './schema';

// 志愿服务队 and who belongs to them. Leaving a team closes the membership (left_on) rather
// than deleting it, so past activities keep their context.

export function selectTeamRows(db: ReadDb) {
  return db
    .selectFrom('volunteer_team as t')
    .leftJoin('organization as o', 'o.id', 't.organization_id')
    .leftJoin('service_field as f', 'f.id', 't.field_id')
    .leftJoin('person as lp', 'lp.id', 't.leader_person_id')
    .leftJoin('volunteer as lv', 'lv.person_id', 't.leader_person_id')
    .select((eb) => [
      't.id',
      't.name',
      't.field_id',
      'f.name as field_name',
      't.organization_id',
      'o.name as org_name',
      't.led_by_county',
      't.leader_person_id',
      'lv.id as leader_volunteer_id',
      'lp.name as leader_name',
      't.has_party_branch',
      't.is_registered_org',
      't.registration_no',
      't.founded_on',
      't.status',
      't.dissolved_on',
      't.notes',
      eb
        .selectFrom('team_membership as tm')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('tm.team_id', '=', 't.id')
        .where('tm.left_on', 'is', null)
        .as('member_count'),
    ]);
}

export type TeamRow = Awaited<ReturnType<ReturnType<typeof selectTeamRows>['executeTakeFirstOrThrow']>>;

export async function findTeamRow(db: ReadDb, id: number): Promise<TeamRow | null> {
  return (await selectTeamRows(db).where('t.id', '=', id).executeTakeFirst()) ?? null;
}

export async function listTeamRows(db: ReadDb, filter: { orgIds: number[] | null; ledByCounty: boolean | undefined; includeDissolved: boolean }) {
  let q = selectTeamRows(db);
  if (filter.orgIds) q = q.where('t.organization_id', 'in', filter.orgIds.length > 0 ? filter.orgIds : [0]);
  if (filter.ledByCounty !== undefined) q = q.where('t.led_by_county', '=', filter.ledByCounty ? 1 : 0);
  if (!filter.includeDissolved) q = q.where('t.status', '=', 'active');
  return q.orderBy('t.led_by_county', 'desc').orderBy('t.organization_id').orderBy('t.name').orderBy('t.id').execute();
}

export async function findTeamByName(db: ReadDb, orgId: number | null, name: string) {
  let q = db.selectFrom('volunteer_team').select('id').where('name', '=', name);
  q = orgId === null ? q.where('organization_id', 'is', null) : q.where('organization_id', '=', orgId);
  return (await q.executeTakeFirst())?.id ?? null;
}

export async function insertTeam(db: WriteDb, values: Insertable<VolunteerTeamTable>): Promise<number> {
  const { id } = await db.insertInto('volunteer_team').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTeamRow(db: WriteDb, id: number, values: Updateable<VolunteerTeamTable>): Promise<void> {
  await db.updateTable('volunteer_team').set(values).where('id', '=', id).execute();
}

export async function findMembership(db: ReadDb, teamId: number, volunteerId: number) {
  return db.selectFrom('team_membership').selectAll().where('team_id', '=', teamId).where('volunteer_id', '=', volunteerId).executeTakeFirst();
}

/** Joins (or rejoins) a team: a closed membership is reopened from the new date. */
export async function openMembership(db: WriteDb, teamId: number, volunteerId: number, joinedOn: string): Promise<void> {
  await db
    .insertInto('team_membership')
    .values({ team_id: teamId, volunteer_id: volunteerId, joined_on: joinedOn, left_on: null })
    .onConflict((oc) => oc.columns(['team_id', 'volunteer_id']).doUpdateSet({ joined_on: joinedOn, left_on: null }))
    .execute();
}

export async function closeMembership(db: WriteDb, teamId: number, volunteerId: number, leftOn: string): Promise<void> {
  await db.updateTable('team_membership').set({ left_on: leftOn }).where('team_id', '=', teamId).where('volunteer_id', '=', volunteerId).execute();
}

/** Closes every open membership of a team (dissolved) or of a volunteer (left). */
export async function closeAllMemberships(db: WriteDb, by: { teamId: number } | { volunteerId: number }, leftOn: string): Promise<void> {
  let q = db.updateTable('team_membership').set({ left_on: leftOn }).where('left_on', 'is', null);
  q = 'teamId' in by ? q.where('team_id', '=', by.teamId) : q.where('volunteer_id', '=', by.volunteerId);
  await q.execute();
}
