import type { ApiOutput, OrgSummary, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { readHistory, recordChanges, toChangeEntries, type FieldValue } from '../../db/change-log';
import {
  allOrgNames,
  countActiveChildren,
  findOrgRow,
  findTypeByName,
  insertOrg,
  isInSubtree,
  listOrgRows,
  listTypes,
  orgPath,
  searchOrgRows,
  siblingWithName,
  updateOrgRow,
  type OrgRow,
} from '../../db/org';
import type { OrganizationUpdate, ReadDb } from '../../db/schema';
import { maskPhone, normalizePhone } from '../../domain/phone';
import { normalizeName } from '../../domain/text';
import { orgFieldLabels, orgStatusLabels, bojiaStatusLabels, actionLabels } from '../../domain/labels';

export const orgHandlers = {
  'orgType.list': query(listOrgTypes),
  'org.list': query(listOrgs),
  'org.get': query(getOrg),
  'org.search': query(searchOrgs),
  'org.add': mutation(addOrg),
  'org.update': mutation(updateOrg),
  'org.move': mutation(moveOrg),
  'org.retire': mutation(retireOrg),
  'org.restore': mutation(restoreOrg),
  'org.history': query(orgHistory),
};

async function listOrgTypes(ctx: ReadContext): Promise<ApiOutput<'orgType.list'>> {
  const rows = await listTypes(ctx.db);
  return rows.map((t) => ({ id: t.id, name: t.name, isSchool: t.is_school === 1, isCommunity: t.is_community === 1 }));
}

function toSummary(row: OrgRow): OrgSummary {
  return {
    id: row.id,
    name: row.name,
    type: row.type_name,
    typeId: row.type_id,
    parentId: row.parent_id,
    status: row.status,
    foundedOn: row.founded_on,
    retiredOn: row.retired_on,
    divisionCode: row.division_code,
    bojiaStatus: row.bojia_status,
    childCount: row.child_count,
  };
}

async function loadOrg(db: ReadDb, id: number, reveal = false): Promise<ApiOutput<'org.get'>> {
  const row = await findOrgRow(db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的基层组织。`);
  return {
    ...toSummary(row),
    leaderName: row.leader_name,
    leaderPhone: row.leader_phone && !reveal ? maskPhone(row.leader_phone) : row.leader_phone,
    termStartedOn: row.term_started_on,
    termEndsOn: row.term_ends_on,
    redCrossNamed: row.red_cross_named === 1,
    serviceSite: row.service_site,
    notes: row.notes,
    path: await orgPath(db, id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function listOrgs(ctx: ReadContext, input: ParsedInput<'org.list'>): Promise<ApiOutput<'org.list'>> {
  return (await listOrgRows(ctx.db, input.includeRetired)).map(toSummary);
}

async function getOrg(ctx: ReadContext, input: ParsedInput<'org.get'>): Promise<ApiOutput<'org.get'>> {
  return loadOrg(ctx.db, input.id, input.reveal);
}

async function searchOrgs(ctx: ReadContext, input: ParsedInput<'org.search'>): Promise<ApiOutput<'org.search'>> {
  const fragment = normalizeName(input.query);
  const rows = await searchOrgRows(ctx.db, fragment, input.limit);
  if (rows.length === 0) return [];
  const names = await allOrgNames(ctx.db);
  return rows.map((row) => {
    const path: string[] = [];
    for (let at: number | null = row.parent_id; at !== null && path.length < 20; at = names.get(at)?.parentId ?? null) {
      path.unshift(names.get(at)?.name ?? '');
    }
    return { ...toSummary(row), path: [...path, row.name].join(' / ') };
  });
}

/** Display values for the change history: Chinese labels, names instead of ids, phones masked. */
function historySnapshot(row: OrgRow, parentName: string | null): Record<string, FieldValue> {
  return {
    name: row.name,
    type: row.type_name,
    parent: parentName,
    divisionCode: row.division_code,
    foundedOn: row.founded_on,
    leaderName: row.leader_name,
    leaderPhone: row.leader_phone ? maskPhone(row.leader_phone) : null,
    termStartedOn: row.term_started_on,
    termEndsOn: row.term_ends_on,
    status: orgStatusLabels[row.status],
    retiredOn: row.retired_on,
    bojiaStatus: bojiaStatusLabels[row.bojia_status],
    redCrossNamed: row.red_cross_named === 1,
    serviceSite: row.service_site,
    notes: row.notes,
  };
}

async function snapshotOf(db: ReadDb, id: number) {
  const row = await findOrgRow(db, id);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${id} 的基层组织。`);
  const parentName = row.parent_id === null ? null : ((await findOrgRow(db, row.parent_id))?.name ?? null);
  return { row, snapshot: historySnapshot(row, parentName) };
}

type OrgFieldInput = Partial<Omit<ParsedInput<'org.add'>, 'parentId'>>;

/** Checks and converts the editable fields; names the field and the reason on bad input. */
async function toColumns(ctx: WriteContext, fields: OrgFieldInput, current: OrgRow | null): Promise<OrganizationUpdate> {
  const columns: OrganizationUpdate = {};
  if (fields.name !== undefined) {
    columns.name = normalizeName(fields.name);
    if (columns.name === '') fail('INVALID_INPUT', '「名称」不能为空。');
  }
  if (fields.type !== undefined) {
    if (fields.type === null) columns.type_id = null;
    else {
      const type = await findTypeByName(ctx.db, fields.type);
      if (!type || type.retired) {
        const known = (await listTypes(ctx.db)).map((t) => t.name).join('、');
        fail('UNKNOWN_TYPE', `未知的组织类型“${fields.type}”。可选类型：${known}。`);
      }
      columns.type_id = type.id;
    }
  }
  if (fields.divisionCode !== undefined) {
    const county = ctx.county!.division_code;
    if (fields.divisionCode !== null && !fields.divisionCode.startsWith(county)) {
      fail('INVALID_INPUT', `「统计用区划代码」${fields.divisionCode} 应以本县代码 ${county} 开头。`);
    }
    columns.division_code = fields.divisionCode;
  }
  if (fields.foundedOn !== undefined) {
    if (fields.foundedOn !== null && fields.foundedOn > ctx.today) fail('INVALID_INPUT', '「成立日期」不能晚于今天。');
    columns.founded_on = fields.foundedOn;
  }
  if (fields.leaderName !== undefined) columns.leader_name = fields.leaderName === null ? null : normalizeName(fields.leaderName) || null;
  if (fields.leaderPhone !== undefined) {
    if (fields.leaderPhone === null) columns.leader_phone = null;
    else {
      const phone = normalizePhone(fields.leaderPhone);
      if (!phone) fail('INVALID_INPUT', '「联系电话」应为 11 位手机号（1 开头）或带区号的固定电话，如 0571-87654321。');
      columns.leader_phone = phone;
    }
  }
  if (fields.termStartedOn !== undefined) columns.term_started_on = fields.termStartedOn;
  if (fields.termEndsOn !== undefined) columns.term_ends_on = fields.termEndsOn;
  const termStart = columns.term_started_on !== undefined ? columns.term_started_on : (current?.term_started_on ?? null);
  const termEnd = columns.term_ends_on !== undefined ? columns.term_ends_on : (current?.term_ends_on ?? null);
  if (termStart && termEnd && termEnd <= termStart) fail('INVALID_INPUT', '「本届届满日期」必须晚于「本届开始日期」。');
  if (fields.status !== undefined) {
    if (current?.status === 'retired') fail('INVALID_STATE', `“${current.name}”已撤销，请先恢复后再修改状态。`);
    columns.status = fields.status;
  }
  if (fields.bojiaStatus !== undefined) columns.bojia_status = fields.bojiaStatus;
  if (fields.redCrossNamed !== undefined) columns.red_cross_named = fields.redCrossNamed ? 1 : 0;
  if (fields.serviceSite !== undefined) columns.service_site = fields.serviceSite;
  if (fields.notes !== undefined) columns.notes = fields.notes;
  return columns;
}

async function requireUsableParent(ctx: ReadContext, parentId: number | null): Promise<OrgRow | null> {
  if (parentId === null) return null;
  const parent = await findOrgRow(ctx.db, parentId);
  if (!parent) fail('NOT_FOUND', `「上级组织」编号 ${parentId} 不存在。`);
  if (parent.status === 'retired') fail('INVALID_STATE', `上级组织“${parent.name}”已撤销，不能在其下添加或移入组织。`);
  return parent;
}

async function requireUniqueName(ctx: ReadContext, parent: OrgRow | null, name: string, exceptId?: number) {
  const clash = await siblingWithName(ctx.db, parent?.id ?? null, name, exceptId);
  if (clash !== null) {
    fail('DUPLICATE_NAME', `${parent ? `“${parent.name}”下` : '顶层'}已有名为“${name}”的组织（编号 ${clash}），同一上级下名称不能重复。`);
  }
}

async function addOrg(ctx: WriteContext, input: ParsedInput<'org.add'>): Promise<ApiOutput<'org.add'>> {
  const parent = await requireUsableParent(ctx, input.parentId);
  const { parentId: _parentId, ...fields } = input;
  const columns = await toColumns(ctx, fields, null);
  await requireUniqueName(ctx, parent, columns.name!);
  const at = ctx.now.toISOString();
  const id = await insertOrg(ctx.db, {
    ...columns,
    name: columns.name!,
    parent_id: parent?.id ?? null,
    created_at: at,
    updated_at: at,
  });
  const { snapshot } = await snapshotOf(ctx.db, id);
  await recordChanges(ctx, 'organization', id, 'create', null, snapshot);
  return loadOrg(ctx.db, id);
}

async function updateOrg(ctx: WriteContext, input: ParsedInput<'org.update'>): Promise<ApiOutput<'org.update'>> {
  const { row, snapshot: before } = await snapshotOf(ctx.db, input.id);
  const columns = await toColumns(ctx, input.changes, row);
  if (columns.name !== undefined && columns.name !== row.name) {
    const parent = row.parent_id === null ? null : await findOrgRow(ctx.db, row.parent_id);
    await requireUniqueName(ctx, parent, columns.name, row.id);
  }
  // Leaving 筹建 without a founding date would count the organisation as founded in every past
  // year (a missing founded_on reads as "long ago"): it is founded today, and the log says so.
  const foundedToday = row.status === 'preparing' && columns.status === 'active' && (columns.founded_on !== undefined ? columns.founded_on : row.founded_on) === null;
  if (foundedToday) columns.founded_on = ctx.today;
  await updateOrgRow(ctx.db, row.id, { ...columns, updated_at: ctx.now.toISOString() });
  const { snapshot: after } = await snapshotOf(ctx.db, row.id);
  const note = foundedToday ? { foundedOnNote: `由筹建转为已成立时未填写成立日期，按当天 ${ctx.today} 记为成立日期` } : {};
  await recordChanges(ctx, 'organization', row.id, 'update', before, { ...after, ...note });
  return loadOrg(ctx.db, row.id);
}

async function moveOrg(ctx: WriteContext, input: ParsedInput<'org.move'>): Promise<ApiOutput<'org.move'>> {
  const { row, snapshot: before } = await snapshotOf(ctx.db, input.id);
  if (row.parent_id === input.parentId) return loadOrg(ctx.db, row.id);
  if (input.parentId !== null && (await isInSubtree(ctx.db, row.id, input.parentId))) {
    fail('INVALID_MOVE', `不能把“${row.name}”移到它自己或它的下级组织之下。`);
  }
  const parent = await requireUsableParent(ctx, input.parentId);
  await requireUniqueName(ctx, parent, row.name, row.id);
  await updateOrgRow(ctx.db, row.id, { parent_id: input.parentId, updated_at: ctx.now.toISOString() });
  const { snapshot: after } = await snapshotOf(ctx.db, row.id);
  await recordChanges(ctx, 'organization', row.id, 'move', before, after);
  return loadOrg(ctx.db, row.id);
}

async function retireOrg(ctx: WriteContext, input: ParsedInput<'org.retire'>): Promise<ApiOutput<'org.retire'>> {
  const { row, snapshot: before } = await snapshotOf(ctx.db, input.id);
  if (row.status === 'retired') fail('INVALID_STATE', `“${row.name}”已于 ${row.retired_on ?? '此前'} 撤销。`);
  const activeChildren = await countActiveChildren(ctx.db, row.id);
  if (activeChildren > 0) {
    fail('INVALID_STATE', `“${row.name}”下还有 ${activeChildren} 个未撤销的下级组织，请先撤销或移走它们。`);
  }
  const retiredOn = input.retiredOn ?? ctx.today;
  if (retiredOn > ctx.today) fail('INVALID_INPUT', '「撤销日期」不能晚于今天。');
  if (row.founded_on && retiredOn < row.founded_on) fail('INVALID_INPUT', `「撤销日期」不能早于成立日期 ${row.founded_on}。`);
  await updateOrgRow(ctx.db, row.id, { status: 'retired', retired_on: retiredOn, updated_at: ctx.now.toISOString() });
  const { snapshot: after } = await snapshotOf(ctx.db, row.id);
  await recordChanges(ctx, 'organization', row.id, 'retire', before, { ...after, retireReason: input.reason ?? null });
  return loadOrg(ctx.db, row.id);
}

async function restoreOrg(ctx: WriteContext, input: ParsedInput<'org.restore'>): Promise<ApiOutput<'org.restore'>> {
  const { row, snapshot: before } = await snapshotOf(ctx.db, input.id);
  if (row.status !== 'retired') fail('INVALID_STATE', `“${row.name}”未撤销，无需恢复。`);
  await requireUsableParent(ctx, row.parent_id);
  await updateOrgRow(ctx.db, row.id, { status: 'active', retired_on: null, updated_at: ctx.now.toISOString() });
  const { snapshot: after } = await snapshotOf(ctx.db, row.id);
  await recordChanges(ctx, 'organization', row.id, 'restore', before, after);
  return loadOrg(ctx.db, row.id);
}

async function orgHistory(ctx: ReadContext, input: ParsedInput<'org.history'>): Promise<ApiOutput<'org.history'>> {
  await snapshotOf(ctx.db, input.id);
  return toChangeEntries(await readHistory(ctx.db, 'organization', input.id), actionLabels, orgFieldLabels);
}
