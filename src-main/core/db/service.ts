import { priorHoursTitle } from '../domain/service-hours';
import type { ReadDb, WriteDb } from './schema';

// 志愿服务记录: one activity and each participant's minutes (integers, so sums stay exact).

export interface NewServiceRecord {
  heldOn: string;
  teamId: number;
  orgId: number | null;
  categoryId: number;
  title: string;
  place: string | null;
  households: number | null;
  people: number | null;
  notes: string | null;
  entries: Array<{ volunteerId: number; minutes: number }>;
}

export async function insertServiceRecord(db: WriteDb, record: NewServiceRecord, at: string): Promise<number> {
  const { id } = await db
    .insertInto('service_record')
    .values({
      held_on: record.heldOn,
      team_id: record.teamId,
      organization_id: record.orgId,
      category_id: record.categoryId,
      title: record.title,
      place: record.place,
      beneficiary_households: record.households,
      beneficiary_people: record.people,
      notes: record.notes,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('service_hours')
    .values(record.entries.map((e) => ({ service_record_id: id, volunteer_id: e.volunteerId, minutes: e.minutes })))
    .execute();
  return id;
}

export async function deleteServiceRecord(db: WriteDb, id: number): Promise<void> {
  await db.deleteFrom('service_hours').where('service_record_id', '=', id).execute();
  await db.deleteFrom('service_record').where('id', '=', id).execute();
}

function selectServiceSummaries(db: ReadDb) {
  return db
    .selectFrom('service_record as r')
    .leftJoin('volunteer_team as t', 't.id', 'r.team_id')
    .leftJoin('organization as o', 'o.id', 'r.organization_id')
    .leftJoin('activity_category as c', 'c.id', 'r.category_id')
    .select((eb) => [
      'r.id',
      'r.held_on',
      'r.team_id',
      't.name as team_name',
      'r.organization_id',
      'o.name as org_name',
      'c.name as category',
      'r.title',
      'r.place',
      'r.beneficiary_households',
      'r.beneficiary_people',
      'r.notes',
      eb.selectFrom('service_hours as h').select((c) => c.fn.countAll<number>().as('n')).whereRef('h.service_record_id', '=', 'r.id').as('volunteer_count'),
      eb
        .selectFrom('service_hours as h')
        .select((c) => c.fn.coalesce(c.fn.sum<number>('h.minutes'), c.lit(0)).as('m'))
        .whereRef('h.service_record_id', '=', 'r.id')
        .as('minutes'),
    ]);
}

export type ServiceSummaryRow = Awaited<ReturnType<ReturnType<typeof selectServiceSummaries>['executeTakeFirstOrThrow']>>;

export async function findServiceRecord(db: ReadDb, id: number): Promise<ServiceSummaryRow | null> {
  return (await selectServiceSummaries(db).where('r.id', '=', id).executeTakeFirst()) ?? null;
}

export async function readServiceEntries(db: ReadDb, recordId: number) {
  return db
    .selectFrom('service_hours as h')
    .innerJoin('volunteer as v', 'v.id', 'h.volunteer_id')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .select(['h.volunteer_id', 'h.minutes', 'p.name', 'p.id_number'])
    .where('h.service_record_id', '=', recordId)
    .orderBy('p.name_sort_key')
    .orderBy('p.id')
    .execute();
}

export interface ServiceListFilter {
  teamId: number | null;
  orgIds: number[] | null;
  volunteerId: number | null;
  from: string | null;
  to: string | null;
}

/** Newest first, keyset on (held_on desc, id desc): the held_on index serves every page. */
export async function readServicePage(db: ReadDb, filter: ServiceListFilter, after: { heldOn: string; id: number } | null, limit: number) {
  let q = selectServiceSummaries(db);
  if (filter.teamId !== null) q = q.where('r.team_id', '=', filter.teamId);
  if (filter.orgIds !== null) q = q.where('r.organization_id', 'in', filter.orgIds.length > 0 ? filter.orgIds : [0]);
  if (filter.volunteerId !== null) {
    const volunteerId = filter.volunteerId;
    q = q.where((eb) => eb.exists(eb.selectFrom('service_hours as vh').select('vh.minutes').whereRef('vh.service_record_id', '=', 'r.id').where('vh.volunteer_id', '=', volunteerId)));
  }
  if (filter.from !== null) q = q.where('r.held_on', '>=', filter.from);
  if (filter.to !== null) q = q.where('r.held_on', '<=', filter.to);
  if (after) {
    q = q.where((eb) => eb.or([eb('r.held_on', '<', after.heldOn), eb.and([eb('r.held_on', '=', after.heldOn), eb('r.id', '<', after.id)])]));
  }
  return q.orderBy('r.held_on', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
}

/** Minutes each of `volunteerIds` already has on `day`, across all stored activities. */
export async function minutesOnDay(db: ReadDb, volunteerIds: number[], day: string): Promise<Map<number, number>> {
  if (volunteerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('service_hours as h')
    .innerJoin('service_record as r', 'r.id', 'h.service_record_id')
    .select((eb) => ['h.volunteer_id', eb.fn.sum<number>('h.minutes').as('minutes')])
    .where('r.held_on', '=', day)
    // A 累计服务时长 spread over days is a total, not hours served on those days.
    .where('r.title', '<>', priorHoursTitle)
    .where('h.volunteer_id', 'in', volunteerIds)
    .groupBy('h.volunteer_id')
    .execute();
  return new Map(rows.map((r) => [r.volunteer_id, Number(r.minutes)]));
}
