import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { decodeCursor, keysetPage } from '../cursor';
import { fail } from '../../errors';
import { readHistory, recordChanges, recordReveal, toChangeEntries, type FieldValue } from '../../db/change-log';
import { describeDues } from '../../db/dues';
import { findGroupByCode, findGroupRow, insertGroup, readGroupDues, updateGroupRow, upsertGroupDues, type GroupRow } from '../../db/group-member';
import { groupSearchText, readGroupPage } from '../../db/group-roster';
import { subtreeIds } from '../../db/org-subtree';
import { findOrgRow } from '../../db/org';
import { actionLabels, groupFieldLabels } from '../../domain/labels';
import { maskPhone, normalizePhone } from '../../domain/phone';
import { normalizeName } from '../../domain/text';
import { checkUscc } from '../../domain/uscc';

export const groupHandlers = {
  'group.add': mutation(addGroup),
  'group.update': mutation(updateGroup),
  'group.get': query(getGroup),
  'group.list': query(listGroups),
  'group.lapse': mutation(lapseGroup),
  'group.restore': mutation(restoreGroup),
  'group.history': query(groupHistory),
  'group.reveal': mutation(revealGroup),
  'group.dues.record': mutation(recordGroupDues),
};

async function toGroup(ctx: ReadContext, row: GroupRow): Promise<ApiOutput<'group.get'>> {
  const dues = await readGroupDues(ctx.db, row.id);
  return {
    id: row.id,
    unitName: row.unit_name,
    uscc: row.uscc,
    legacyOrgCode: row.legacy_org_code,
    orgId: row.organization_id,
    orgName: row.org_name,
    contactName: row.contact_name,
    contactPhone: row.contact_phone ? maskPhone(row.contact_phone) : null,
    joinedOn: row.joined_on,
    status: row.status,
    lapsedOn: row.lapsed_on,
    notes: row.notes,
    dues: dues.map((d) => ({ year: d.year, status: d.status, amountFen: d.amount_fen, paidOn: d.paid_on })),
  };
}

async function loadGroup(ctx: ReadContext, id: number) {
  const row = await findGroupRow(ctx.db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的团体会员。`);
  return row;
}

function historySnapshot(row: GroupRow): Record<string, FieldValue> {
  return {
    unitName: row.unit_name,
    uscc: row.uscc,
    legacyOrgCode: row.legacy_org_code,
    org: row.org_name,
    contactName: row.contact_name,
    contactPhone: row.contact_phone ? maskPhone(row.contact_phone) : null,
    joinedOn: row.joined_on,
    status: row.status === 'active' ? '在册' : '已退会',
    lapsedOn: row.lapsed_on,
    notes: row.notes,
  };
}

interface Code {
  uscc: string | null;
  legacy: string | null;
  notices: string[];
}

/** GB 32100 check; a valid 9-character 组织机构代码 is kept as legacy with a warning. */
function resolveCode(raw: string): Code {
  const check = checkUscc(raw);
  if (!check.ok) fail('INVALID_INPUT', `「统一社会信用代码」${check.reason}。`);
  if (check.legacy) return { uscc: null, legacy: check.code, notices: [`「统一社会信用代码」${check.warning}。`] };
  return { uscc: check.code, legacy: null, notices: [] };
}

async function requireUniqueCode(ctx: ReadContext, code: Code, exceptId?: number) {
  const other = await findGroupByCode(ctx.db, code, exceptId);
  if (other) fail('DUPLICATE_NAME', `「统一社会信用代码」${code.uscc ?? code.legacy} 已登记为团体会员“${other.unit_name}”（编号 ${other.id}）。`);
}

async function requireOrg(ctx: ReadContext, orgId: number | null) {
  if (orgId === null) return null;
  const org = await findOrgRow(ctx.db, orgId);
  if (!org) fail('NOT_FOUND', `「所属组织」编号 ${orgId} 不存在。`);
  if (org.status === 'retired') fail('INVALID_STATE', `「所属组织」“${org.name}”已撤销，不能再加入团体会员。`);
  return org;
}

function phoneOrFail(raw: string | null): string | null {
  if (raw === null) return null;
  const phone = normalizePhone(raw);
  if (!phone) fail('INVALID_INPUT', '「联系电话」应为 11 位手机号或带区号的固定电话。');
  return phone;
}

/** As organisation names: the dots of 杭州3.0 or Co., Ltd. and the spaces between Latin words are the unit's own. */
function unitNameOrFail(raw: string): string {
  const name = normalizeName(raw);
  if (!name) fail('INVALID_INPUT', '「单位名称」不能为空。');
  return name;
}

async function addGroup(ctx: WriteContext, input: ParsedInput<'group.add'>): Promise<ApiOutput<'group.add'>> {
  const unitName = unitNameOrFail(input.unitName);
  const code = resolveCode(input.uscc);
  await requireUniqueCode(ctx, code);
  await requireOrg(ctx, input.orgId);
  const joinedOn = input.joinedOn ?? ctx.today;
  if (joinedOn > ctx.today) fail('INVALID_INPUT', '「入会日期」不能晚于今天。');
  const at = ctx.now.toISOString();
  const id = await insertGroup(ctx.db, {
    unit_name: unitName,
    uscc: code.uscc,
    legacy_org_code: code.legacy,
    organization_id: input.orgId,
    contact_name: input.contactName,
    contact_phone: phoneOrFail(input.contactPhone),
    joined_on: joinedOn,
    notes: input.notes,
    created_at: at,
    updated_at: at,
  });
  const row = await loadGroup(ctx, id);
  await recordChanges(ctx, 'group_member', id, 'create', null, historySnapshot(row));
  return { ...(await toGroup(ctx, row)), notices: code.notices };
}

async function updateGroup(ctx: WriteContext, input: ParsedInput<'group.update'>): Promise<ApiOutput<'group.update'>> {
  const before = await loadGroup(ctx, input.id);
  const c = input.changes;
  const values: Record<string, unknown> = {};
  let notices: string[] = [];
  if (c.unitName !== undefined) values.unit_name = unitNameOrFail(c.unitName);
  if (c.uscc !== undefined) {
    const code = resolveCode(c.uscc);
    const same = code.uscc !== null ? code.uscc === before.uscc : code.legacy === before.legacy_org_code && before.uscc === null;
    if (!same) {
      await requireUniqueCode(ctx, code, before.id);
      // A unit that moves to the 统一社会信用代码 keeps its old code on record; one typed back to legacy loses the new one.
      values.uscc = code.uscc;
      values.legacy_org_code = code.legacy ?? (code.uscc !== null ? before.legacy_org_code : null);
      notices = code.notices;
    }
  }
  if (c.orgId !== undefined && c.orgId !== before.organization_id) {
    await requireOrg(ctx, c.orgId);
    values.organization_id = c.orgId;
  }
  if (c.contactName !== undefined) values.contact_name = c.contactName;
  if (c.contactPhone !== undefined) values.contact_phone = phoneOrFail(c.contactPhone);
  if (c.joinedOn !== undefined) {
    if (c.joinedOn > ctx.today) fail('INVALID_INPUT', '「入会日期」不能晚于今天。');
    values.joined_on = c.joinedOn;
  }
  if (c.notes !== undefined) values.notes = c.notes;
  if (Object.keys(values).length > 0) await updateGroupRow(ctx.db, before.id, { ...values, updated_at: ctx.now.toISOString() });
  const after = await loadGroup(ctx, before.id);
  await recordChanges(ctx, 'group_member', before.id, 'update', historySnapshot(before), historySnapshot(after));
  return { ...(await toGroup(ctx, after)), notices };
}

async function getGroup(ctx: ReadContext, input: ParsedInput<'group.get'>): Promise<ApiOutput<'group.get'>> {
  return toGroup(ctx, await loadGroup(ctx, input.id));
}

async function listGroups(ctx: ReadContext, input: ParsedInput<'group.list'>): Promise<ApiOutput<'group.list'>> {
  if (input.orgId !== undefined && !(await findOrgRow(ctx.db, input.orgId))) fail('NOT_FOUND', `「所属组织」编号 ${input.orgId} 不存在。`);
  const search = groupSearchText(input.search);
  const rows = readGroupPage(
    ctx.sqlite,
    { orgIds: input.orgId === undefined ? null : subtreeIds(ctx.sqlite, input.orgId), status: input.status ?? null, search },
    input.after ? keyset(decodeCursor(input.after, ['string', 'number'] as const)) : null,
    input.limit + 1,
  );
  return keysetPage(rows, input.limit, (r) => ({
    id: r.id,
    unitName: r.unit_name,
    uscc: r.uscc,
    legacyOrgCode: r.legacy_org_code,
    orgId: r.organization_id,
    orgName: r.org_name,
    contactName: r.contact_name,
    contactPhone: r.contact_phone ? maskPhone(r.contact_phone) : null,
    joinedOn: r.joined_on,
    status: r.status,
  }), (last) => [last.sort_key, last.id]);
}

async function lapseGroup(ctx: WriteContext, input: ParsedInput<'group.lapse'>): Promise<ApiOutput<'group.lapse'>> {
  const before = await loadGroup(ctx, input.id);
  if (before.status === 'lapsed') fail('INVALID_STATE', `“${before.unit_name}”已于 ${before.lapsed_on ?? '此前'} 退会。`);
  const lapsedOn = input.lapsedOn ?? ctx.today;
  if (lapsedOn > ctx.today) fail('INVALID_INPUT', '「退会日期」不能晚于今天。');
  if (lapsedOn < before.joined_on) fail('INVALID_INPUT', `「退会日期」不能早于入会日期 ${before.joined_on}。`);
  await updateGroupRow(ctx.db, before.id, { status: 'lapsed', lapsed_on: lapsedOn, updated_at: ctx.now.toISOString() });
  const after = await loadGroup(ctx, before.id);
  // The table has no reason column; the reason lives in the history of the lapse.
  await recordChanges(ctx, 'group_member', before.id, 'lapse', historySnapshot(before), { ...historySnapshot(after), lapseReason: input.reason ?? null });
  return toGroup(ctx, after);
}

async function restoreGroup(ctx: WriteContext, input: ParsedInput<'group.restore'>): Promise<ApiOutput<'group.restore'>> {
  const before = await loadGroup(ctx, input.id);
  if (before.status !== 'lapsed') fail('INVALID_STATE', `“${before.unit_name}”在册，无需恢复。`);
  await updateGroupRow(ctx.db, before.id, { status: 'active', lapsed_on: null, updated_at: ctx.now.toISOString() });
  const after = await loadGroup(ctx, before.id);
  await recordChanges(ctx, 'group_member', before.id, 'restore', historySnapshot(before), historySnapshot(after));
  return toGroup(ctx, after);
}

/** The contact's full phone, on the clerk's explicit request; the viewing is recorded. */
async function revealGroup(ctx: WriteContext, input: ParsedInput<'group.reveal'>): Promise<ApiOutput<'group.reveal'>> {
  const row = await loadGroup(ctx, input.id);
  await recordReveal(ctx, 'group_member', row.id);
  return { contactPhone: row.contact_phone };
}

async function groupHistory(ctx: ReadContext, input: ParsedInput<'group.history'>): Promise<ApiOutput<'group.history'>> {
  await loadGroup(ctx, input.id);
  return toChangeEntries(await readHistory(ctx.db, 'group_member', input.id), actionLabels, groupFieldLabels);
}

async function recordGroupDues(ctx: WriteContext, input: ParsedInput<'group.dues.record'>): Promise<ApiOutput<'group.dues.record'>> {
  const group = await loadGroup(ctx, input.groupId);
  const currentYear = Number(ctx.today.slice(0, 4));
  if (input.year > currentYear + 1) fail('INVALID_INPUT', `「年度」最多可预收下一年（${currentYear + 1} 年）的会费。`);
  if (input.year < Number(group.joined_on.slice(0, 4))) fail('INVALID_INPUT', `「年度」“${group.unit_name}”于 ${group.joined_on} 入会，不能登记 ${input.year} 年的会费。`);
  let amountFen = 0;
  let paidOn: string | null = null;
  if (input.status === 'exempt') {
    if (input.amountFen !== undefined && input.amountFen !== 0) fail('INVALID_INPUT', '「金额」免缴时应为 0。');
  } else {
    // Units pay what their agreement says: there is no default amount.
    if (input.amountFen === undefined) fail('INVALID_INPUT', '「金额」团体会员的会费金额须由经办人填写。');
    amountFen = input.amountFen;
    if (input.status === 'paid') {
      paidOn = input.paidOn ?? ctx.today;
      if (paidOn > ctx.today) fail('INVALID_INPUT', '「缴费日期」不能晚于今天。');
    } else if (input.paidOn !== undefined) fail('INVALID_INPUT', '「缴费日期」未缴时不填。');
  }
  const before = (await readGroupDues(ctx.db, group.id)).find((d) => d.year === input.year);
  const row = { group_member_id: group.id, year: input.year, status: input.status, amount_fen: amountFen, paid_on: paidOn };
  await upsertGroupDues(ctx.db, row);
  await recordChanges(ctx, 'group_member', group.id, 'dues', before ? { dues: describeDues(before) } : null, { dues: describeDues(row) });
  return { groupId: group.id, year: input.year, status: input.status, amountFen, paidOn };
}

function keyset([key, id]: readonly [string, number]) {
  return { key, id };
}
