import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { readHistory, recordChanges, toChangeEntries, type FieldValue } from '../../db/change-log';
import { findOrgRow } from '../../db/org';
import type { ReadDb } from '../../db/schema';
import {
  closeAllMemberships,
  closeMembership,
  findMembership,
  findTeamByName,
  findTeamRow,
  insertTeam,
  listTeamRows,
  openMembership,
  updateTeamRow,
  type TeamRow,
} from '../../db/team';
import { findVolunteerRow, readServiceFields } from '../../db/volunteer';
import { subtreeIds } from '../../db/org-subtree';
import { normalizeName } from '../../domain/text';
import { teamFieldLabels, volunteerActionLabels } from '../../domain/volunteer-labels';

export const teamHandlers = {
  'team.list': query(listTeams),
  'team.add': mutation(addTeam),
  'team.get': query(getTeam),
  'team.update': mutation(updateTeam),
  'team.dissolve': mutation(dissolveTeam),
  'team.addMembers': mutation(addMembers),
  'team.removeMember': mutation(removeMember),
  'team.history': query(teamHistory),
};

type TeamOut = ApiOutput<'team.get'>;

function toTeam(row: TeamRow): TeamOut {
  return {
    id: row.id,
    name: row.name,
    field: row.field_name,
    orgId: row.organization_id,
    orgName: row.org_name,
    ledByCounty: row.led_by_county === 1,
    leaderPersonId: row.leader_person_id,
    leaderVolunteerId: row.leader_volunteer_id,
    leaderName: row.leader_name,
    hasPartyBranch: row.has_party_branch === 1,
    isRegisteredOrg: row.is_registered_org === 1,
    registrationNo: row.registration_no,
    foundedOn: row.founded_on,
    status: row.status,
    dissolvedOn: row.dissolved_on,
    memberCount: Number(row.member_count ?? 0),
    notes: row.notes,
  };
}

function historySnapshot(row: TeamRow): Record<string, FieldValue> {
  return {
    name: row.name,
    field: row.field_name,
    org: row.org_name,
    ledByCounty: row.led_by_county === 1,
    leader: row.leader_name,
    hasPartyBranch: row.has_party_branch === 1,
    isRegisteredOrg: row.is_registered_org === 1,
    registrationNo: row.registration_no,
    foundedOn: row.founded_on,
    status: row.status === 'active' ? '活动中' : '已解散',
    dissolvedOn: row.dissolved_on,
    notes: row.notes,
  };
}

async function loadTeam(db: ReadDb, id: number): Promise<TeamRow> {
  const row = await findTeamRow(db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的志愿服务队。`);
  return row;
}

async function fieldIdFor(db: ReadDb, name: string | null): Promise<number | null> {
  if (name === null) return null;
  const known = await readServiceFields(db);
  const field = known.find((f) => f.name === name);
  if (!field) fail('INVALID_INPUT', `「服务领域」“${name}”不在标准列表中（${known.map((f) => f.name).join('、')}）。`);
  return field.id;
}

/** A team belongs to a grassroots organisation or is led directly by the county society, never both. */
async function checkParent(db: ReadDb, orgId: number | null, ledByCounty: boolean): Promise<void> {
  if (orgId !== null && ledByCounty) fail('INVALID_INPUT', '「所属组织」服务队属于基层组织或由县红十字会直属，只能选其一。');
  if (orgId === null && !ledByCounty) fail('INVALID_INPUT', '「所属组织」请选择所属基层组织，或标记为县红十字会直属。');
  if (orgId !== null) {
    const org = await findOrgRow(db, orgId);
    if (!org) fail('NOT_FOUND', `「所属组织」编号 ${orgId} 不存在。`);
    if (org.status === 'retired') fail('INVALID_STATE', `「所属组织」“${org.name}”已撤销，不能再设服务队。`);
  }
}

async function leaderPersonFor(db: ReadDb, volunteerId: number | null): Promise<number | null> {
  if (volunteerId === null) return null;
  const volunteer = await findVolunteerRow(db, volunteerId);
  if (!volunteer) fail('NOT_FOUND', `「负责人」志愿者编号 ${volunteerId} 不存在。`);
  if (volunteer.status === 'left') fail('INVALID_STATE', `「负责人」“${volunteer.name}”已退出志愿者队伍。`);
  return volunteer.person_id;
}

async function checkUniqueName(db: ReadDb, orgId: number | null, name: string, exceptId?: number): Promise<void> {
  const other = await findTeamByName(db, orgId, name);
  if (other !== null && other !== exceptId) fail('DUPLICATE_NAME', `「名称」${orgId === null ? '县红十字会直属' : '该组织下'}已有名为“${name}”的服务队。`);
}

async function listTeams(ctx: ReadContext, input: ParsedInput<'team.list'>): Promise<ApiOutput<'team.list'>> {
  if (input.orgId !== undefined && !(await findOrgRow(ctx.db, input.orgId))) fail('NOT_FOUND', `「所属组织」编号 ${input.orgId} 不存在。`);
  const rows = await listTeamRows(ctx.db, {
    orgIds: input.orgId === undefined ? null : subtreeIds(ctx.sqlite, input.orgId),
    ledByCounty: input.ledByCounty,
    includeDissolved: input.includeDissolved,
  });
  return rows.map(toTeam);
}

async function addTeam(ctx: WriteContext, input: ParsedInput<'team.add'>): Promise<ApiOutput<'team.add'>> {
  const name = normalizeName(input.name);
  if (!name) fail('INVALID_INPUT', '「名称」不能为空。');
  await checkParent(ctx.db, input.orgId, input.ledByCounty);
  await checkUniqueName(ctx.db, input.orgId, name);
  const foundedOn = input.foundedOn ?? ctx.today;
  if (foundedOn > ctx.today) fail('INVALID_INPUT', '「成立日期」不能晚于今天。');
  if (input.isRegisteredOrg && !input.registrationNo) fail('INVALID_INPUT', '「登记证号」已登记为志愿服务组织的，请填写登记证号。');
  const at = ctx.now.toISOString();
  const id = await insertTeam(ctx.db, {
    name,
    field_id: await fieldIdFor(ctx.db, input.field),
    organization_id: input.orgId,
    led_by_county: input.ledByCounty ? 1 : 0,
    leader_person_id: await leaderPersonFor(ctx.db, input.leaderVolunteerId),
    is_registered_org: input.isRegisteredOrg ? 1 : 0,
    registration_no: input.registrationNo,
    has_party_branch: input.hasPartyBranch ? 1 : 0,
    founded_on: foundedOn,
    notes: input.notes,
    created_at: at,
    updated_at: at,
  });
  // The leader serves in the team they lead.
  if (input.leaderVolunteerId !== null) await openMembership(ctx.db, id, input.leaderVolunteerId, foundedOn);
  const row = await loadTeam(ctx.db, id);
  await recordChanges(ctx, 'team', id, 'create', null, historySnapshot(row));
  return toTeam(row);
}

async function getTeam(ctx: ReadContext, input: ParsedInput<'team.get'>): Promise<ApiOutput<'team.get'>> {
  return toTeam(await loadTeam(ctx.db, input.id));
}

async function updateTeam(ctx: WriteContext, input: ParsedInput<'team.update'>): Promise<ApiOutput<'team.update'>> {
  const before = await loadTeam(ctx.db, input.id);
  const c = input.changes;
  const orgId = c.orgId !== undefined ? c.orgId : before.organization_id;
  const ledByCounty = c.ledByCounty ?? (c.orgId === null ? true : c.orgId !== undefined ? false : before.led_by_county === 1);
  if (c.orgId !== undefined || c.ledByCounty !== undefined) await checkParent(ctx.db, orgId, ledByCounty);
  const name = c.name !== undefined ? normalizeName(c.name) : before.name;
  if (!name) fail('INVALID_INPUT', '「名称」不能为空。');
  await checkUniqueName(ctx.db, orgId, name, before.id);
  if (c.foundedOn !== undefined && c.foundedOn > ctx.today) fail('INVALID_INPUT', '「成立日期」不能晚于今天。');
  const isRegisteredOrg = c.isRegisteredOrg ?? before.is_registered_org === 1;
  const registrationNo = c.registrationNo !== undefined ? c.registrationNo : before.registration_no;
  if (isRegisteredOrg && !registrationNo) fail('INVALID_INPUT', '「登记证号」已登记为志愿服务组织的，请填写登记证号。');
  await updateTeamRow(ctx.db, before.id, {
    name,
    organization_id: orgId,
    led_by_county: ledByCounty ? 1 : 0,
    field_id: c.field !== undefined ? await fieldIdFor(ctx.db, c.field) : before.field_id,
    leader_person_id: c.leaderVolunteerId !== undefined ? await leaderPersonFor(ctx.db, c.leaderVolunteerId) : before.leader_person_id,
    has_party_branch: (c.hasPartyBranch ?? before.has_party_branch === 1) ? 1 : 0,
    is_registered_org: isRegisteredOrg ? 1 : 0,
    registration_no: registrationNo,
    founded_on: c.foundedOn ?? before.founded_on,
    notes: c.notes !== undefined ? c.notes : before.notes,
    updated_at: ctx.now.toISOString(),
  });
  return finishChange(ctx, before, 'update');
}

async function finishChange(ctx: WriteContext, before: TeamRow, action: string): Promise<TeamOut> {
  const row = await loadTeam(ctx.db, before.id);
  await recordChanges(ctx, 'team', row.id, action, historySnapshot(before), historySnapshot(row));
  return toTeam(row);
}

async function dissolveTeam(ctx: WriteContext, input: ParsedInput<'team.dissolve'>): Promise<ApiOutput<'team.dissolve'>> {
  const before = await loadTeam(ctx.db, input.id);
  if (before.status === 'dissolved') fail('INVALID_STATE', `“${before.name}”已于 ${before.dissolved_on ?? '此前'} 解散。`);
  const dissolvedOn = input.dissolvedOn ?? ctx.today;
  if (dissolvedOn > ctx.today) fail('INVALID_INPUT', '「解散日期」不能晚于今天。');
  if (dissolvedOn < before.founded_on) fail('INVALID_INPUT', `「解散日期」不能早于成立日期 ${before.founded_on}。`);
  const later = await ctx.db.selectFrom('service_record').select('held_on').where('team_id', '=', before.id).where('held_on', '>', dissolvedOn).orderBy('held_on', 'desc').executeTakeFirst();
  if (later) fail('INVALID_INPUT', `「解散日期」应不早于该队最后一次服务日期 ${later.held_on}。`);
  await updateTeamRow(ctx.db, before.id, { status: 'dissolved', dissolved_on: dissolvedOn, updated_at: ctx.now.toISOString() });
  await closeAllMemberships(ctx.db, { teamId: before.id }, dissolvedOn);
  return finishChange(ctx, before, 'dissolve');
}

async function addMembers(ctx: WriteContext, input: ParsedInput<'team.addMembers'>): Promise<ApiOutput<'team.addMembers'>> {
  const team = await loadTeam(ctx.db, input.teamId);
  if (team.status === 'dissolved') fail('INVALID_STATE', `“${team.name}”已解散，不能再加入队员。`);
  const joinedOn = input.joinedOn ?? ctx.today;
  if (joinedOn > ctx.today) fail('INVALID_INPUT', '「加入日期」不能晚于今天。');
  for (const [i, volunteerId] of [...new Set(input.volunteerIds)].entries()) {
    const volunteer = await findVolunteerRow(ctx.db, volunteerId);
    if (!volunteer) fail('NOT_FOUND', `第 ${i + 1} 名：找不到编号为 ${volunteerId} 的志愿者。`);
    if (volunteer.status === 'left') fail('INVALID_STATE', `第 ${i + 1} 名（${volunteer.name}）：已退出志愿者队伍，不能加入服务队。`);
    const membership = await findMembership(ctx.db, team.id, volunteerId);
    if (membership && membership.left_on === null) continue;
    await openMembership(ctx.db, team.id, volunteerId, joinedOn < volunteer.registered_on ? volunteer.registered_on : joinedOn);
    await recordChanges(ctx, 'team', team.id, 'join', null, { member: volunteer.name });
    await recordChanges(ctx, 'volunteer', volunteerId, 'join', null, { team: team.name });
  }
  return toTeam(await loadTeam(ctx.db, team.id));
}

async function removeMember(ctx: WriteContext, input: ParsedInput<'team.removeMember'>): Promise<ApiOutput<'team.removeMember'>> {
  const team = await loadTeam(ctx.db, input.teamId);
  const volunteer = await findVolunteerRow(ctx.db, input.volunteerId);
  if (!volunteer) fail('NOT_FOUND', `找不到编号为 ${input.volunteerId} 的志愿者。`);
  const membership = await findMembership(ctx.db, team.id, volunteer.id);
  if (!membership || membership.left_on !== null) fail('INVALID_STATE', `“${volunteer.name}”不是“${team.name}”的现有队员。`);
  const leftOn = input.leftOn ?? ctx.today;
  if (leftOn > ctx.today) fail('INVALID_INPUT', '「退出日期」不能晚于今天。');
  if (membership.joined_on !== null && leftOn < membership.joined_on) fail('INVALID_INPUT', `「退出日期」不能早于加入日期 ${membership.joined_on}。`);
  await closeMembership(ctx.db, team.id, volunteer.id, leftOn);
  await recordChanges(ctx, 'team', team.id, 'quit', { member: volunteer.name }, { member: null });
  await recordChanges(ctx, 'volunteer', volunteer.id, 'quit', { team: team.name }, { team: null });
  return toTeam(await loadTeam(ctx.db, team.id));
}

async function teamHistory(ctx: ReadContext, input: ParsedInput<'team.history'>): Promise<ApiOutput<'team.history'>> {
  await loadTeam(ctx.db, input.id);
  return toChangeEntries(await readHistory(ctx.db, 'team', input.id), volunteerActionLabels, teamFieldLabels);
}
