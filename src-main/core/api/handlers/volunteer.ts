import type { ApiOutput, ParsedInput } from '../contract';
import { decodeCursor, keysetPage } from '../cursor';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { readHistory, recordChanges, recordReveal, toChangeEntries, type FieldValue } from '../../db/change-log';
import { findOrgRow } from '../../db/org';
import { findPersonByIdNumber, insertPerson } from '../../db/person';
import type { ReadDb } from '../../db/schema';
import { readSettings } from '../../db/settings';
import { highestAward } from '../../db/star';
import { findTeamRow, openMembership, closeAllMemberships } from '../../db/team';
import {
  findVolunteerIdByPerson,
  findVolunteerRow,
  insertVolunteer,
  isMemberPerson,
  readActivityCategories,
  readServiceFields,
  readVolunteerFields,
  readVolunteerTeams,
  replaceVolunteerFields,
  serviceSpan,
  updateVolunteerRow,
  volunteerMinutes,
  type VolunteerRow,
} from '../../db/volunteer';
import { subtreeIds } from '../../db/org-subtree';
import { readVolunteerRosterPage, type RosterSearch } from '../../db/volunteer-roster';
import { certExpiringSoon, certWarningLimit } from '../../domain/first-aid-cert';
import { maskIdNumber } from '../../domain/id-number';
import { personNameOrFail, phoneOrFail, resolveIdentity } from '../../domain/identity';
import { maskPhone } from '../../domain/phone';
import { nameSortKey } from '../../domain/pinyin';
import { minutesToHours, starLevelFor } from '../../domain/stars';
import { normalizePersonName } from '../../domain/text';
import { volunteerActionLabels, volunteerFieldLabels } from '../../domain/volunteer-labels';

export const volunteerHandlers = {
  'volunteer.lookups': query(lookups),
  'volunteer.list': query(listVolunteers),
  'volunteer.add': mutation(addVolunteer),
  'volunteer.get': query(getVolunteer),
  'volunteer.update': mutation(updateVolunteer),
  'volunteer.leave': mutation(leaveVolunteer),
  'volunteer.restore': mutation(restoreVolunteer),
  'volunteer.history': query(volunteerHistory),
  'volunteer.reveal': mutation(revealVolunteer),
};

type VolunteerOut = ApiOutput<'volunteer.get'>;

async function lookups(ctx: ReadContext): Promise<ApiOutput<'volunteer.lookups'>> {
  return {
    fields: (await readServiceFields(ctx.db)).map((f) => f.name),
    categories: (await readActivityCategories(ctx.db)).map((c) => c.name),
    starThresholdsHours: (await readSettings(ctx.db)).starThresholdsHours,
  };
}

async function loadVolunteer(ctx: ReadContext, id: number): Promise<{ row: VolunteerRow; volunteer: VolunteerOut; fields: string[] }> {
  const row = await findVolunteerRow(ctx.db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的志愿者。`);
  const fields = await readVolunteerFields(ctx.db, id);
  const minutes = await volunteerMinutes(ctx.db, id, null);
  const award = await highestAward(ctx.db, id);
  const awarded = award?.star_level ?? 0;
  const reached = starLevelFor(minutes, (await readSettings(ctx.db)).starThresholdsHours);
  const volunteer: VolunteerOut = {
    id: row.id,
    personId: row.person_id,
    name: row.name,
    gender: row.gender,
    idType: row.id_type === 'none' ? 'passport' : row.id_type,
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    birthDate: row.birth_date,
    phone: row.phone ? maskPhone(row.phone) : null,
    orgId: row.organization_id,
    orgName: row.org_name,
    status: row.status,
    registeredOn: row.registered_on,
    leftOn: row.left_on,
    isMember: await isMemberPerson(ctx.db, row.person_id),
    fields,
    teams: await readVolunteerTeams(ctx.db, id),
    nationalRegistered: row.national_system_registered === 1,
    nationalNo: row.national_system_no,
    certNo: row.first_aid_cert_no,
    certExpiresOn: row.first_aid_cert_expires_on,
    certExpiringSoon: certExpiringSoon(row.first_aid_cert_expires_on, ctx.today),
    hours: minutesToHours(minutes),
    starLevel: award ? award.star_level : null,
    starAwardedOn: award ? award.awarded_on : null,
    eligibleStarLevel: reached > awarded && row.status === 'active' ? reached : null,
    notes: row.notes,
  };
  return { row, volunteer, fields };
}

/** What the change history shows of a volunteer: masked numbers, names instead of ids. */
function historySnapshot(row: VolunteerRow, fields: string[]): Record<string, FieldValue> {
  return {
    name: row.name,
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    phone: row.phone ? maskPhone(row.phone) : null,
    org: row.org_name ?? '县红十字会',
    status: row.status === 'active' ? '在册' : '已退出',
    registeredOn: row.registered_on,
    leftOn: row.left_on,
    fields: fields.join('、') || null,
    nationalRegistered: row.national_system_registered === 1,
    nationalNo: row.national_system_no,
    certNo: row.first_aid_cert_no,
    certExpiresOn: row.first_aid_cert_expires_on,
    notes: row.notes,
  };
}

async function requireOpenOrg(db: ReadDb, orgId: number) {
  const org = await findOrgRow(db, orgId);
  if (!org) fail('NOT_FOUND', `「所属组织」编号 ${orgId} 不存在。`);
  if (org.status === 'retired') fail('INVALID_STATE', `「所属组织」“${org.name}”已撤销，不能再登记志愿者。`);
  return org;
}

async function fieldIdsFor(db: ReadDb, names: string[]): Promise<number[]> {
  const known = await readServiceFields(db);
  const ids: number[] = [];
  for (const name of names) {
    const field = known.find((f) => f.name === name);
    if (!field) fail('INVALID_INPUT', `「服务领域」“${name}”不在标准列表中（${known.map((f) => f.name).join('、')}）。`);
    if (!ids.includes(field.id)) ids.push(field.id);
  }
  return ids;
}

/** 全国志愿服务信息系统 number with the yes/no; 救护员证 number with its expiry. */
function checkRegistrations(v: { nationalRegistered: boolean; nationalNo: string | null; certNo: string | null; certExpiresOn: string | null }): void {
  if (v.nationalRegistered && !v.nationalNo) fail('INVALID_INPUT', '「全国系统注册编号」已在全国志愿服务信息系统注册的，请填写注册编号。');
  if (!v.nationalRegistered && v.nationalNo) fail('INVALID_INPUT', '「全国系统注册编号」填写了编号，但未标记为已在全国系统注册。');
  if (v.certNo && !v.certExpiresOn) fail('INVALID_INPUT', '「救护员证有效期至」填写了救护员证编号，请同时填写有效期。');
  if (!v.certNo && v.certExpiresOn) fail('INVALID_INPUT', '「救护员证编号」填写了有效期，请同时填写证书编号。');
}

async function addVolunteer(ctx: WriteContext, input: ParsedInput<'volunteer.add'>): Promise<ApiOutput<'volunteer.add'>> {
  const name = personNameOrFail(input.name);
  const identity = resolveIdentity(input, ctx.today);

  // One person, one record across the county: a known number links to that person.
  const existing = await findPersonByIdNumber(ctx.db, identity.idType, identity.idNumber);
  if (existing) {
    const volunteerId = await findVolunteerIdByPerson(ctx.db, existing.id);
    if (volunteerId !== null) {
      const { volunteer } = await loadVolunteer(ctx, volunteerId);
      return { ...volunteer, alreadyExisted: true, notices: [`证件号码 ${maskIdNumber(identity.idNumber)} 已登记为志愿者（${volunteer.name}），没有重复新增。`] };
    }
  }

  if (input.orgId !== null) await requireOpenOrg(ctx.db, input.orgId);
  const registeredOn = input.registeredOn ?? ctx.today;
  if (registeredOn > ctx.today) fail('INVALID_INPUT', '「注册日期」不能晚于今天。');
  const birthDate = existing?.birth_date ?? identity.birthDate;
  if (registeredOn < birthDate) fail('INVALID_INPUT', '「注册日期」不能早于出生日期。');
  const fieldIds = await fieldIdsFor(ctx.db, input.fields);
  checkRegistrations(input);
  const teams = [];
  for (const teamId of new Set(input.teamIds)) {
    const team = await findTeamRow(ctx.db, teamId);
    if (!team) fail('NOT_FOUND', `「服务队」编号 ${teamId} 不存在。`);
    if (team.status === 'dissolved') fail('INVALID_STATE', `「服务队」“${team.name}”已解散，不能再加入。`);
    teams.push(team);
  }

  const at = ctx.now.toISOString();
  const personId =
    existing?.id ??
    (await insertPerson(
      ctx.db,
      {
        name,
        gender: identity.gender,
        idType: identity.idType,
        idNumber: identity.idNumber,
        birthDate: identity.birthDate,
        phone: phoneOrFail(input.phone, '联系电话'),
        guardianName: null,
        guardianRelation: null,
        guardianPhone: null,
        guardianConsentOn: null,
        guardianConsentMethod: null,
      },
      at,
    ));
  const id = await insertVolunteer(ctx.db, {
    person_id: personId,
    organization_id: input.orgId,
    registered_on: registeredOn,
    national_system_registered: input.nationalRegistered ? 1 : 0,
    national_system_no: input.nationalNo,
    first_aid_cert_no: input.certNo,
    first_aid_cert_expires_on: input.certExpiresOn,
    notes: input.notes,
    created_at: at,
    updated_at: at,
  });
  await replaceVolunteerFields(ctx.db, id, fieldIds);
  for (const team of teams) {
    await openMembership(ctx.db, team.id, id, registeredOn > team.founded_on ? registeredOn : team.founded_on);
    await recordChanges(ctx, 'team', team.id, 'join', null, { member: name });
  }
  const { row, volunteer, fields } = await loadVolunteer(ctx, id);
  await recordChanges(ctx, 'volunteer', id, 'create', null, { ...historySnapshot(row, fields), team: teams.map((t) => t.name).join('、') || null });
  const notices = [...identity.notices];
  if (existing) notices.push(`该人员已在台账中${volunteer.isMember ? '（会员）' : ''}，已直接登记为志愿者，未新建人员。`);
  return { ...volunteer, alreadyExisted: false, notices };
}

async function getVolunteer(ctx: ReadContext, input: ParsedInput<'volunteer.get'>): Promise<ApiOutput<'volunteer.get'>> {
  return (await loadVolunteer(ctx, input.id)).volunteer;
}

async function updateVolunteer(ctx: WriteContext, input: ParsedInput<'volunteer.update'>): Promise<ApiOutput<'volunteer.update'>> {
  const { row, fields } = await loadVolunteer(ctx, input.id);
  const changes = input.changes;
  const at = ctx.now.toISOString();
  const person: { name?: string; name_sort_key?: string; phone?: string | null } = {};
  if (changes.name !== undefined) {
    const name = personNameOrFail(changes.name);
    person.name = name;
    person.name_sort_key = nameSortKey(name);
  }
  if (changes.phone !== undefined) person.phone = phoneOrFail(changes.phone, '联系电话');
  if (changes.orgId !== undefined && changes.orgId !== null && changes.orgId !== row.organization_id) await requireOpenOrg(ctx.db, changes.orgId);
  if (changes.registeredOn !== undefined && changes.registeredOn !== row.registered_on) {
    if (changes.registeredOn > ctx.today) fail('INVALID_INPUT', '「注册日期」不能晚于今天。');
    if (row.birth_date && changes.registeredOn < row.birth_date) fail('INVALID_INPUT', '「注册日期」不能早于出生日期。');
    const { first } = await serviceSpan(ctx.db, row.id);
    if (first !== null && changes.registeredOn > first) fail('INVALID_INPUT', `「注册日期」不能晚于已登记的最早服务日期 ${first}。`);
  }
  const merged = {
    nationalRegistered: changes.nationalRegistered ?? row.national_system_registered === 1,
    nationalNo: changes.nationalNo !== undefined ? changes.nationalNo : row.national_system_no,
    certNo: changes.certNo !== undefined ? changes.certNo : row.first_aid_cert_no,
    certExpiresOn: changes.certExpiresOn !== undefined ? changes.certExpiresOn : row.first_aid_cert_expires_on,
  };
  // Clearing the yes also clears the number, so the clerk need not do both.
  if (changes.nationalRegistered === false && changes.nationalNo === undefined) merged.nationalNo = null;
  checkRegistrations(merged);
  const fieldIds = changes.fields !== undefined ? await fieldIdsFor(ctx.db, changes.fields) : null;

  if (Object.keys(person).length > 0) await ctx.db.updateTable('person').set({ ...person, updated_at: at }).where('id', '=', row.person_id).execute();
  await updateVolunteerRow(ctx.db, row.id, {
    organization_id: changes.orgId !== undefined ? changes.orgId : row.organization_id,
    registered_on: changes.registeredOn ?? row.registered_on,
    national_system_registered: merged.nationalRegistered ? 1 : 0,
    national_system_no: merged.nationalNo,
    first_aid_cert_no: merged.certNo,
    first_aid_cert_expires_on: merged.certExpiresOn,
    notes: changes.notes !== undefined ? changes.notes : row.notes,
    updated_at: at,
  });
  if (fieldIds !== null) await replaceVolunteerFields(ctx.db, row.id, fieldIds);
  return finishChange(ctx, row, fields, 'update');
}

async function finishChange(ctx: WriteContext, before: VolunteerRow, beforeFields: string[], action: string, extra: Record<string, FieldValue> = {}): Promise<VolunteerOut> {
  const { row, volunteer, fields } = await loadVolunteer(ctx, before.id);
  await recordChanges(ctx, 'volunteer', row.id, action, historySnapshot(before, beforeFields), { ...historySnapshot(row, fields), ...extra });
  return volunteer;
}

async function leaveVolunteer(ctx: WriteContext, input: ParsedInput<'volunteer.leave'>): Promise<ApiOutput<'volunteer.leave'>> {
  const { row, fields } = await loadVolunteer(ctx, input.id);
  if (row.status === 'left') fail('INVALID_STATE', `“${row.name}”已于 ${row.left_on ?? '此前'} 退出志愿者队伍。`);
  const leftOn = input.leftOn ?? ctx.today;
  if (leftOn > ctx.today) fail('INVALID_INPUT', '「退出日期」不能晚于今天。');
  if (leftOn < row.registered_on) fail('INVALID_INPUT', `「退出日期」不能早于注册日期 ${row.registered_on}。`);
  const { last } = await serviceSpan(ctx.db, row.id);
  if (last !== null && last >= leftOn) fail('INVALID_INPUT', `「退出日期」应晚于已登记的最后一次服务日期 ${last}。`);
  await updateVolunteerRow(ctx.db, row.id, { status: 'left', left_on: leftOn, updated_at: ctx.now.toISOString() });
  await closeAllMemberships(ctx.db, { volunteerId: row.id }, leftOn);
  return finishChange(ctx, row, fields, 'leave', { leaveReason: input.reason ?? null });
}

async function restoreVolunteer(ctx: WriteContext, input: ParsedInput<'volunteer.restore'>): Promise<ApiOutput<'volunteer.restore'>> {
  const { row, fields } = await loadVolunteer(ctx, input.id);
  if (row.status !== 'left') fail('INVALID_STATE', `“${row.name}”在册，无需恢复。`);
  if (row.organization_id !== null) await requireOpenOrg(ctx.db, row.organization_id);
  await updateVolunteerRow(ctx.db, row.id, { status: 'active', left_on: null, updated_at: ctx.now.toISOString() });
  return finishChange(ctx, row, fields, 'restore');
}

/** The full numbers, on the clerk's explicit request; the viewing itself is recorded (never the values). */
async function revealVolunteer(ctx: WriteContext, input: ParsedInput<'volunteer.reveal'>): Promise<ApiOutput<'volunteer.reveal'>> {
  const { row } = await loadVolunteer(ctx, input.id);
  await recordReveal(ctx, 'volunteer', row.id);
  return { idNumber: row.id_number, phone: row.phone };
}

async function volunteerHistory(ctx: ReadContext, input: ParsedInput<'volunteer.history'>): Promise<ApiOutput<'volunteer.history'>> {
  await loadVolunteer(ctx, input.id);
  return toChangeEntries(await readHistory(ctx.db, 'volunteer', input.id), volunteerActionLabels, volunteerFieldLabels);
}

/** Digits (3 or more, X allowed last) are the tail of an ID number or phone; anything else a name fragment. */
function rosterSearch(text: string | undefined): RosterSearch | null {
  const search = text ? normalizePersonName(text) : '';
  if (!search) return null;
  return /^[0-9Xx]{3,18}$/.test(search) ? { digitsTail: search.toUpperCase() } : { nameFragment: search };
}

async function listVolunteers(ctx: ReadContext, input: ParsedInput<'volunteer.list'>): Promise<ApiOutput<'volunteer.list'>> {
  if (input.orgId !== undefined && !(await findOrgRow(ctx.db, input.orgId))) fail('NOT_FOUND', `「所属组织」编号 ${input.orgId} 不存在。`);
  const fieldId = input.field === undefined ? null : (await fieldIdsFor(ctx.db, [input.field]))[0]!;
  const search = rosterSearch(input.search);
  const sort = { by: input.sort.replace('-', '') as 'name' | 'registeredOn', descending: input.sort.startsWith('-') };
  if (search && 'nameFragment' in search && sort.by !== 'name') fail('INVALID_INPUT', '「排序」按姓名片段查找时只能按姓名排序。');
  let after: { key: string; id: number } | null = null;
  if (input.after) {
    const [order, key, id] = decodeCursor(input.after, ['string', 'string', 'number'] as const);
    if (order !== input.sort) fail('INVALID_INPUT', '「翻页位置」与排序方式不符，请从第一页重新查询。');
    after = { key, id };
  }
  const rows = readVolunteerRosterPage(
    ctx.sqlite,
    {
      orgIds: input.orgId === undefined ? null : subtreeIds(ctx.sqlite, input.orgId),
      status: input.status ?? null,
      fieldId,
      teamId: input.teamId ?? null,
      cert: input.cert ? { kind: input.cert, today: ctx.today, expiringBy: certWarningLimit(ctx.today) } : null,
      search,
    },
    sort,
    after,
    input.limit + 1,
  );
  return keysetPage(rows, input.limit, (r) => ({
    id: r.id,
    personId: r.person_id,
    name: r.name,
    gender: r.gender,
    idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
    phone: r.phone ? maskPhone(r.phone) : null,
    orgId: r.organization_id,
    orgName: r.org_name,
    status: r.status,
    registeredOn: r.registered_on,
    hours: minutesToHours(r.minutes),
    starLevel: r.star_level,
    certExpiresOn: r.first_aid_cert_expires_on,
  }), (last) => [input.sort, last.sort_key, last.tie]);
}
