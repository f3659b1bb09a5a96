import type { ApiOutput, ParsedInput } from '../contract';
import { decodeCursor, keysetPage } from '../cursor';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { recordChanges, type FieldValue } from '../../db/change-log';
import { findOrgRow } from '../../db/org';
import type { ReadDb } from '../../db/schema';
import { deleteServiceRecord, findServiceRecord, insertServiceRecord, minutesOnDay, readServiceEntries, readServicePage, type ServiceSummaryRow } from '../../db/service';
import { findTeamRow } from '../../db/team';
import { findVolunteerRow, readActivityCategories } from '../../db/volunteer';
import { subtreeIds } from '../../db/org-subtree';
import { maskIdNumber } from '../../domain/id-number';
import { activityTitle, hoursToMinutes, serviceEntryProblems, type HoursEntryFacts } from '../../domain/service-hours';
import { minutesToHours } from '../../domain/stars';

export const serviceHandlers = {
  'service.add': mutation(addService),
  'service.get': query(getService),
  'service.list': query(listServices),
  'service.delete': mutation(deleteService),
};

function toSummary(row: ServiceSummaryRow): ApiOutput<'service.list'>['rows'][number] {
  return {
    id: row.id,
    heldOn: row.held_on,
    teamId: row.team_id,
    teamName: row.team_name,
    orgId: row.organization_id,
    orgName: row.org_name,
    category: row.category,
    title: row.title,
    place: row.place,
    households: row.beneficiary_households,
    people: row.beneficiary_people,
    volunteerCount: Number(row.volunteer_count ?? 0),
    hours: minutesToHours(Number(row.minutes ?? 0)),
  };
}

async function loadRecord(db: ReadDb, id: number): Promise<{ row: ServiceSummaryRow; record: ApiOutput<'service.get'> }> {
  const row = await findServiceRecord(db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的志愿服务记录。`);
  const entries = await readServiceEntries(db, id);
  return {
    row,
    record: {
      ...toSummary(row),
      notes: row.notes,
      entries: entries.map((e) => ({
        volunteerId: e.volunteer_id,
        name: e.name,
        idNumber: e.id_number ? maskIdNumber(e.id_number) : null,
        hours: minutesToHours(e.minutes),
        minutes: e.minutes,
      })),
    },
  };
}

/** What the change history keeps of an activity (names and hours, never ID numbers). */
function historySnapshot(record: ApiOutput<'service.get'>): Record<string, FieldValue> {
  return {
    heldOn: record.heldOn,
    team: record.teamName,
    category: record.category,
    title: record.title,
    place: record.place,
    households: record.households,
    people: record.people,
    volunteers: record.entries.map((e) => `${e.name} ${e.hours} 小时`).join('、'),
  };
}

async function addService(ctx: WriteContext, input: ParsedInput<'service.add'>): Promise<ApiOutput<'service.add'>> {
  const team = await findTeamRow(ctx.db, input.teamId);
  if (!team) fail('NOT_FOUND', `「服务队」编号 ${input.teamId} 不存在。`);
  if (team.founded_on > input.heldOn) fail('INVALID_INPUT', `「服务日期」${input.heldOn} 早于“${team.name}”的成立日期 ${team.founded_on}。`);
  if (team.dissolved_on !== null && team.dissolved_on <= input.heldOn) fail('INVALID_INPUT', `「服务日期」“${team.name}”已于 ${team.dissolved_on} 解散。`);
  const categories = await readActivityCategories(ctx.db);
  const category = categories.find((c) => c.name === input.category);
  if (!category) fail('INVALID_INPUT', `「活动类别」“${input.category}”不在列表中（${categories.map((c) => c.name).join('、')}）。`);

  const facts: HoursEntryFacts[] = [];
  const missing: string[] = [];
  const already = await minutesOnDay(ctx.db, input.entries.map((e) => e.volunteerId), input.heldOn);
  for (const [i, entry] of input.entries.entries()) {
    const volunteer = await findVolunteerRow(ctx.db, entry.volunteerId);
    if (!volunteer) {
      missing.push(`第 ${i + 1} 行：找不到编号为 ${entry.volunteerId} 的志愿者`);
      continue;
    }
    facts.push({
      row: i + 1,
      volunteerId: volunteer.id,
      name: volunteer.name,
      hours: entry.hours,
      registeredOn: volunteer.registered_on,
      leftOn: volunteer.left_on,
      otherMinutesThatDay: already.get(volunteer.id) ?? 0,
    });
  }
  const problems = [...missing, ...serviceEntryProblems(input.heldOn, ctx.today, facts)];
  if (problems.length > 0) fail('INVALID_INPUT', `服务时长不合理，未保存：${problems.join('；')}。`);

  const id = await insertServiceRecord(
    ctx.db,
    {
      heldOn: input.heldOn,
      teamId: team.id,
      orgId: team.organization_id,
      categoryId: category.id,
      title: activityTitle(input.title ?? category.name),
      place: input.place,
      households: input.households,
      people: input.people,
      notes: input.notes,
      entries: facts.map((f) => ({ volunteerId: f.volunteerId, minutes: hoursToMinutes(f.hours)! })),
    },
    ctx.now.toISOString(),
  );
  const { record } = await loadRecord(ctx.db, id);
  await recordChanges(ctx, 'service_record', id, 'create', null, historySnapshot(record));
  return record;
}

async function getService(ctx: ReadContext, input: ParsedInput<'service.get'>): Promise<ApiOutput<'service.get'>> {
  return (await loadRecord(ctx.db, input.id)).record;
}

async function listServices(ctx: ReadContext, input: ParsedInput<'service.list'>): Promise<ApiOutput<'service.list'>> {
  if (input.orgId !== undefined && !(await findOrgRow(ctx.db, input.orgId))) fail('NOT_FOUND', `「所属组织」编号 ${input.orgId} 不存在。`);
  const after = input.after ? decodeCursor(input.after, ['string', 'number'] as const) : null;
  const rows = await readServicePage(
    ctx.db,
    {
      teamId: input.teamId ?? null,
      orgIds: input.orgId === undefined ? null : subtreeIds(ctx.sqlite, input.orgId),
      volunteerId: input.volunteerId ?? null,
      from: input.from ?? null,
      to: input.to ?? null,
    },
    after ? { heldOn: after[0], id: after[1] } : null,
    input.limit + 1,
  );
  return keysetPage(rows, input.limit, toSummary, (last) => [last.held_on, last.id]);
}

/** Removes an activity entered by mistake; its content stays in the change history. Star awards already made are facts and stay. */
async function deleteService(ctx: WriteContext, input: ParsedInput<'service.delete'>): Promise<ApiOutput<'service.delete'>> {
  const { record } = await loadRecord(ctx.db, input.id);
  await deleteServiceRecord(ctx.db, record.id);
  await recordChanges(ctx, 'service_record', record.id, 'delete', historySnapshot(record), Object.fromEntries(Object.keys(historySnapshot(record)).map((k) => [k, null])));
  return { id: record.id, deleted: true };
}
