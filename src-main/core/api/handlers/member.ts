import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { decodeCursor, keysetPage } from '../cursor';
import { readHistory, recordChanges, recordReveal, toChangeEntries, type FieldValue } from '../../db/change-log';
import { findMemberIdByPerson, findMemberRow, insertMember, updateMemberRow, type MemberRow } from '../../db/member';
import { readRosterPage, type RosterCursor, type RosterOrder } from '../../db/member-roster';
import { subtreeIds } from '../../db/org-subtree';
import { findOrgRow } from '../../db/org';
import { findPersonByIdNumber, insertPerson } from '../../db/person';
import type { ReadDb } from '../../db/schema';
import { readSettings } from '../../db/settings';
import { ageOn } from '../../domain/dates';
import { maskIdNumber } from '../../domain/id-number';
import { personNameOrFail, phoneOrFail, resolveIdentity } from '../../domain/identity';
import { actionLabels, memberFieldLabels } from '../../domain/labels';
import { maskPhone } from '../../domain/phone';
import { nameSortKey } from '../../domain/pinyin';
import { normalizePersonName } from '../../domain/text';

export const memberHandlers = {
  'member.list': query(listMembers),
  'member.add': mutation(addMember),
  'member.get': query(getMember),
  'member.reveal': mutation(revealMember),
  'member.update': mutation(updateMember),
  'member.lapse': mutation(lapseMember),
  'member.restore': mutation(restoreMember),
  'member.transfer': mutation(transferMember),
  'member.convertToAdult': mutation(convertToAdult),
  'member.history': query(memberHistory),
};

/** Personal Information Protection Law art. 31: a guardian consents for a child under 14. */
const guardianAge = 14;
const adultAge = 18;

async function youthReferenceDate(ctx: ReadContext): Promise<string> {
  return (await readSettings(ctx.db)).youthReferenceDate ?? ctx.today;
}

function toMember(row: MemberRow, referenceDate: string): ApiOutput<'member.get'> {
  return {
    id: row.id,
    personId: row.person_id,
    name: row.name,
    kind: row.kind,
    gender: row.gender,
    idType: row.id_type === 'none' ? 'passport' : row.id_type,
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    birthDate: row.birth_date,
    phone: row.phone ? maskPhone(row.phone) : null,
    orgId: row.organization_id,
    orgName: row.org_name,
    status: row.status,
    joinedOn: row.joined_on,
    lapsedOn: row.lapsed_on,
    lapseReason: row.lapse_reason,
    guardianName: row.guardian_name,
    guardianRelation: row.guardian_relation,
    guardianPhone: row.guardian_phone ? maskPhone(row.guardian_phone) : null,
    guardianConsentOn: row.guardian_consent_on,
    guardianConsentMethod: row.guardian_consent_method,
    dueForAdultConversion: row.kind === 'youth' && row.birth_date !== null && ageOn(row.birth_date, referenceDate) >= adultAge,
    notes: row.notes,
  };
}

async function loadMember(ctx: ReadContext, id: number) {
  const row = await findMemberRow(ctx.db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的会员。`);
  return { row, member: toMember(row, await youthReferenceDate(ctx)) };
}

/** What the change history shows of a member: masked numbers, names instead of ids. */
function historySnapshot(row: MemberRow): Record<string, FieldValue> {
  return {
    name: row.name,
    kind: row.kind === 'youth' ? '青少年会员' : '成人会员',
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    gender: row.gender === 'M' ? '男' : row.gender === 'F' ? '女' : null,
    birthDate: row.birth_date,
    phone: row.phone ? maskPhone(row.phone) : null,
    org: row.org_name,
    status: row.status === 'active' ? '在册' : '已退会',
    joinedOn: row.joined_on,
    lapsedOn: row.lapsed_on,
    lapseReason: row.lapse_reason,
    guardianName: row.guardian_name,
    guardianPhone: row.guardian_phone ? maskPhone(row.guardian_phone) : null,
    notes: row.notes,
  };
}

async function requireOpenOrg(db: ReadDb, orgId: number) {
  const org = await findOrgRow(db, orgId);
  if (!org) fail('NOT_FOUND', `「所属组织」编号 ${orgId} 不存在。`);
  if (org.status === 'retired') fail('INVALID_STATE', `「所属组织」“${org.name}”已撤销，不能再加入或转入会员。`);
  return org;
}

async function addMember(ctx: WriteContext, input: ParsedInput<'member.add'>): Promise<ApiOutput<'member.add'>> {
  const org = await requireOpenOrg(ctx.db, input.orgId);
  const name = personNameOrFail(input.name);
  const identity = resolveIdentity(input, ctx.today);
  const referenceDate = await youthReferenceDate(ctx);

  // One person, one record across the county: an existing number opens that person.
  const existing = await findPersonByIdNumber(ctx.db, identity.idType, identity.idNumber);
  if (existing) {
    const memberId = await findMemberIdByPerson(ctx.db, existing.id);
    if (memberId !== null) {
      const { member } = await loadMember(ctx, memberId);
      return { ...member, alreadyExisted: true, notices: [`证件号码 ${maskIdNumber(identity.idNumber)} 已在台账中（${member.name}，${member.orgName}），没有重复新增。`] };
    }
  }

  const joinedOn = input.joinedOn ?? ctx.today;
  if (joinedOn > ctx.today) fail('INVALID_INPUT', '「入会日期」不能晚于今天。');
  if (joinedOn < identity.birthDate) fail('INVALID_INPUT', '「入会日期」不能早于出生日期。');
  const isYouth = ageOn(identity.birthDate, referenceDate) < adultAge;
  const kind = input.kind ?? (isYouth ? 'youth' : 'adult');
  if (kind === 'youth' && !isYouth) fail('INVALID_INPUT', `「会员类别」按出生日期 ${identity.birthDate}，已满 18 周岁，应为成人会员。`);
  if (kind === 'adult' && isYouth) fail('INVALID_INPUT', `「会员类别」按出生日期 ${identity.birthDate}，未满 18 周岁，应为青少年会员。`);

  const guardianPhone = phoneOrFail(input.guardianPhone, '监护人电话');
  if (ageOn(identity.birthDate, ctx.today) < guardianAge) {
    const missing = [
      [input.guardianName, '监护人姓名'],
      [input.guardianRelation, '与本人关系'],
      [guardianPhone, '监护人电话'],
      [input.guardianConsentOn, '监护人同意日期'],
      [input.guardianConsentMethod, '同意方式'],
    ].filter(([value]) => !value).map(([, label]) => label);
    if (missing.length > 0) fail('INVALID_INPUT', `未满 14 周岁的会员须有监护人同意（个人信息保护法第三十一条），请填写：${missing.join('、')}。`);
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
        guardianName: input.guardianName,
        guardianRelation: input.guardianRelation,
        guardianPhone,
        guardianConsentOn: input.guardianConsentOn,
        guardianConsentMethod: input.guardianConsentMethod,
      },
      at,
    ));
  const id = await insertMember(ctx.db, {
    person_id: personId,
    kind,
    organization_id: org.id,
    joined_on: joinedOn,
    notes: input.notes,
    created_at: at,
    updated_at: at,
  });
  const { row, member } = await loadMember(ctx, id);
  await recordChanges(ctx, 'member', id, 'create', null, historySnapshot(row));
  const notices = [...identity.notices, ...(existing ? [`该人员已在台账中（如志愿者），已直接登记为会员，未新建人员。`] : [])];
  return { ...member, alreadyExisted: false, notices };
}

async function getMember(ctx: ReadContext, input: ParsedInput<'member.get'>): Promise<ApiOutput<'member.get'>> {
  return (await loadMember(ctx, input.id)).member;
}

/** The full numbers, on the clerk's explicit request; the viewing itself is recorded (never the values). */
async function revealMember(ctx: WriteContext, input: ParsedInput<'member.reveal'>): Promise<ApiOutput<'member.reveal'>> {
  const { row } = await loadMember(ctx, input.id);
  await recordReveal(ctx, 'member', row.id);
  return { idNumber: row.id_number, phone: row.phone, guardianPhone: row.guardian_phone };
}

async function updateMember(ctx: WriteContext, input: ParsedInput<'member.update'>): Promise<ApiOutput<'member.update'>> {
  const { row } = await loadMember(ctx, input.id);
  const changes = input.changes;
  const ruledByIdNumber = row.id_type === 'resident_id' || row.id_type === 'hmt_residence_permit';
  if (ruledByIdNumber && (changes.birthDate !== undefined || changes.gender !== undefined)) {
    fail('INVALID_INPUT', '持居民身份证或港澳台居民居住证的会员，出生日期和性别由证件号码决定，不能单独修改。');
  }
  const person: Record<string, unknown> = {};
  if (changes.name !== undefined) {
    const name = personNameOrFail(changes.name);
    person.name = name;
    person.name_sort_key = nameSortKey(name);
  }
  if (changes.phone !== undefined) person.phone = phoneOrFail(changes.phone, '联系电话');
  if (changes.guardianPhone !== undefined) person.guardian_phone = phoneOrFail(changes.guardianPhone, '监护人电话');
  if (changes.gender !== undefined) person.gender = changes.gender;
  if (changes.birthDate !== undefined) person.birth_date = changes.birthDate;
  if (changes.guardianName !== undefined) person.guardian_name = changes.guardianName;
  if (changes.guardianRelation !== undefined) person.guardian_relation = changes.guardianRelation;
  if (changes.guardianConsentOn !== undefined) person.guardian_consent_on = changes.guardianConsentOn;
  if (changes.guardianConsentMethod !== undefined) person.guardian_consent_method = changes.guardianConsentMethod;
  const at = ctx.now.toISOString();
  if (Object.keys(person).length > 0) await ctx.db.updateTable('person').set({ ...person, updated_at: at }).where('id', '=', row.person_id).execute();
  if (changes.notes !== undefined) await updateMemberRow(ctx.db, row.id, { notes: changes.notes, updated_at: at });
  return finishChange(ctx, row, 'update');
}

async function finishChange(ctx: WriteContext, before: MemberRow, action: string): Promise<ApiOutput<'member.get'>> {
  const { row, member } = await loadMember(ctx, before.id);
  await recordChanges(ctx, 'member', row.id, action, historySnapshot(before), historySnapshot(row));
  return member;
}

async function lapseMember(ctx: WriteContext, input: ParsedInput<'member.lapse'>): Promise<ApiOutput<'member.lapse'>> {
  const { row } = await loadMember(ctx, input.id);
  if (row.status === 'lapsed') fail('INVALID_STATE', `“${row.name}”已于 ${row.lapsed_on ?? '此前'} 退会。`);
  const lapsedOn = input.lapsedOn ?? ctx.today;
  if (lapsedOn > ctx.today) fail('INVALID_INPUT', '「退会日期」不能晚于今天。');
  if (lapsedOn < row.joined_on) fail('INVALID_INPUT', `「退会日期」不能早于入会日期 ${row.joined_on}。`);
  await updateMemberRow(ctx.db, row.id, { status: 'lapsed', lapsed_on: lapsedOn, lapse_reason: input.reason ?? null, updated_at: ctx.now.toISOString() });
  return finishChange(ctx, row, 'lapse');
}

async function restoreMember(ctx: WriteContext, input: ParsedInput<'member.restore'>): Promise<ApiOutput<'member.restore'>> {
  const { row } = await loadMember(ctx, input.id);
  if (row.status !== 'lapsed') fail('INVALID_STATE', `“${row.name}”在册，无需恢复。`);
  await requireOpenOrg(ctx.db, row.organization_id);
  await updateMemberRow(ctx.db, row.id, { status: 'active', lapsed_on: null, lapse_reason: null, updated_at: ctx.now.toISOString() });
  return finishChange(ctx, row, 'restore');
}

async function transferMember(ctx: WriteContext, input: ParsedInput<'member.transfer'>): Promise<ApiOutput<'member.transfer'>> {
  const { row } = await loadMember(ctx, input.id);
  if (row.organization_id === input.orgId) return (await loadMember(ctx, row.id)).member;
  if (row.status === 'lapsed') fail('INVALID_STATE', `“${row.name}”已退会，请先恢复再转移。`);
  await requireOpenOrg(ctx.db, input.orgId);
  await updateMemberRow(ctx.db, row.id, { organization_id: input.orgId, updated_at: ctx.now.toISOString() });
  return finishChange(ctx, row, 'transfer');
}

async function convertToAdult(ctx: WriteContext, input: ParsedInput<'member.convertToAdult'>): Promise<ApiOutput<'member.convertToAdult'>> {
  const { row, member } = await loadMember(ctx, input.id);
  if (row.kind !== 'youth') fail('INVALID_STATE', `“${row.name}”已是成人会员。`);
  if (row.status === 'lapsed') fail('INVALID_STATE', `“${row.name}”已退会，请先恢复再转为成人会员。`);
  const on = input.convertedOn ?? ctx.today;
  if (on > ctx.today) fail('INVALID_INPUT', '「转成人日期」不能晚于今天。');
  if (!member.dueForAdultConversion && (row.birth_date === null || ageOn(row.birth_date, on) < adultAge)) {
    fail('INVALID_STATE', `“${row.name}”${row.birth_date ? `（出生日期 ${row.birth_date}）` : ''}尚未满 18 周岁，仍为青少年会员。`);
  }
  await updateMemberRow(ctx.db, row.id, { kind: 'adult', converted_to_adult_on: on, updated_at: ctx.now.toISOString() });
  return finishChange(ctx, row, 'convert');
}

async function memberHistory(ctx: ReadContext, input: ParsedInput<'member.history'>): Promise<ApiOutput<'member.history'>> {
  await loadMember(ctx, input.id);
  return toChangeEntries(await readHistory(ctx.db, 'member', input.id), actionLabels, memberFieldLabels);
}

/** A member cursor carries its order, so a cursor from another sort is refused rather than misread. */
function memberCursor(sort: string, text: string): RosterCursor {
  const [order, key, id] = decodeCursor(text, ['string', 'string', 'number'] as const);
  if (order !== sort) fail('INVALID_INPUT', '「翻页位置」与排序方式不符，请从第一页重新查询。');
  return { key, id };
}

async function listMembers(ctx: ReadContext, input: ParsedInput<'member.list'>): Promise<ApiOutput<'member.list'>> {
  const search = input.search ? normalizePersonName(input.search) : '';
  const digits = /^[0-9Xx]{3,18}$/.test(search);
  const sort = { by: input.sort.replace('-', '') as RosterOrder, descending: input.sort.startsWith('-') };
  if (search && !digits && sort.by !== 'name') fail('INVALID_INPUT', '「排序」按姓名片段查找时只能按姓名排序。');
  if (input.orgId !== undefined && !(await findOrgRow(ctx.db, input.orgId))) fail('NOT_FOUND', `「所属组织」编号 ${input.orgId} 不存在。`);
  const rows = readRosterPage(
    ctx.sqlite,
    {
      orgIds: input.orgId === undefined ? null : subtreeIds(ctx.sqlite, input.orgId),
      status: input.status ?? null,
      kind: input.kind ?? null,
      joinedYear: input.joinedYear ?? null,
      nameFragment: search && !digits ? search : null,
      digitsTail: digits ? search.toUpperCase() : null,
    },
    sort,
    input.after ? memberCursor(input.sort, input.after) : null,
    input.limit + 1,
  );
  return keysetPage(rows, input.limit, (r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    gender: r.gender,
    idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
    phone: r.phone ? maskPhone(r.phone) : null,
    orgId: r.organization_id,
    orgName: r.org_name,
    status: r.status,
    joinedOn: r.joined_on,
  }), (last) => [input.sort, last.cursor_key, last.cursor_id]);
}
