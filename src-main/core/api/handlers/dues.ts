import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { decodeCursor, keysetPage } from '../cursor';
import { fail } from '../../errors';
import { earliestDuesYear, findDues, formatYuan, membersForDues, writeDues, type DuesWrite, type MemberForDues } from '../../db/dues';
import { lapseMembers, latestBatchId, membersOfLapse, restoreLapsedMembers } from '../../db/dues-lapse';
import { scanOverdue, overdueMemberIds, type OverdueScope } from '../../db/dues-overdue';
import { readDuesReportCounts } from '../../db/dues-report';
import { readDuesRosterPage } from '../../db/dues-roster';
import { subtreeIds } from '../../db/org-subtree';
import { allOrgNames, findOrgRow } from '../../db/org';
import { readSettings, writeSetting, type Settings } from '../../db/settings';
import { lastCompletedYear, type DuesStatus } from '../../domain/dues-rule';
import { maskIdNumber } from '../../domain/id-number';
import { cleanName } from '../../files/transfer';

export const duesHandlers = {
  'dues.record': mutation(recordDues),
  'dues.recordMany': mutation(recordManyDues),
  'dues.members': query(duesMembers),
  'dues.overdue': query(listOverdue),
  'dues.lapseOverdue': mutation(lapseOverdue),
  'dues.lastLapse': query(lastLapse),
  'dues.undoLastLapse': mutation(undoLastLapse),
  'dues.report': query(duesReport),
  'dues.reportCsv': query(duesReportCsv),
};

async function requireOrg(ctx: ReadContext, orgId: number) {
  const org = await findOrgRow(ctx.db, orgId);
  if (!org) fail('NOT_FOUND', `「所属组织」编号 ${orgId} 不存在。`);
  return org;
}

/** Checks one member's entry for a year and fills in the defaults (amount by kind, paid today). */
function checkedEntry(
  ctx: ReadContext,
  settings: Settings,
  member: MemberForDues,
  input: { year: number; status: DuesStatus; amountFen?: number | undefined; paidOn?: string | undefined },
): DuesWrite {
  const who = `“${member.name}”`;
  const currentYear = Number(ctx.today.slice(0, 4));
  if (input.year > currentYear + 1) fail('INVALID_INPUT', `「年度」最多可预收下一年（${currentYear + 1} 年）的会费。`);
  const joinYear = Number(member.joined_on.slice(0, 4));
  if (input.year < joinYear) fail('INVALID_INPUT', `「年度」${who}于 ${member.joined_on} 入会，不能登记 ${input.year} 年的会费。`);
  if (member.status === 'lapsed' && member.lapsed_on !== null && input.year > Number(member.lapsed_on.slice(0, 4))) {
    fail('INVALID_STATE', `${who}已于 ${member.lapsed_on} 退会，不能登记 ${input.year} 年的会费。`);
  }
  const defaultFen = member.kind === 'youth' ? settings.duesYouthFen : settings.duesAdultFen;
  if (input.status === 'exempt') {
    if (input.amountFen !== undefined && input.amountFen !== 0) fail('INVALID_INPUT', '「金额」免缴时应为 0。');
    if (input.paidOn !== undefined) fail('INVALID_INPUT', '「缴费日期」免缴时不填。');
    return { memberId: member.id, year: input.year, status: 'exempt', amountFen: 0, paidOn: null };
  }
  if (input.status === 'unpaid') {
    if (input.paidOn !== undefined) fail('INVALID_INPUT', '「缴费日期」未缴时不填。');
    return { memberId: member.id, year: input.year, status: 'unpaid', amountFen: input.amountFen ?? defaultFen, paidOn: null };
  }
  const paidOn = input.paidOn ?? ctx.today;
  if (paidOn > ctx.today) fail('INVALID_INPUT', '「缴费日期」不能晚于今天。');
  if (paidOn < member.joined_on) fail('INVALID_INPUT', `「缴费日期」不能早于${who}的入会日期 ${member.joined_on}。`);
  return { memberId: member.id, year: input.year, status: 'paid', amountFen: input.amountFen ?? defaultFen, paidOn };
}

function audit(ctx: WriteContext) {
  return { batchId: ctx.batchId, at: ctx.now.toISOString(), actor: ctx.actor };
}

async function recordDues(ctx: WriteContext, input: ParsedInput<'dues.record'>): Promise<ApiOutput<'dues.record'>> {
  const [member] = membersForDues(ctx.sqlite, [input.memberId]);
  if (!member) fail('NOT_FOUND', `找不到编号为 ${input.memberId} 的会员。`);
  const entry = checkedEntry(ctx, await readSettings(ctx.db), member, input);
  writeDues(ctx.sqlite, audit(ctx), [entry]);
  const row = findDues(ctx.sqlite, member.id, input.year);
  if (!row) fail('INTERNAL', '会费登记未能保存。');
  return { memberId: row.member_id, year: row.year, status: row.status, amountFen: row.amount_fen, paidOn: row.paid_on };
}

async function recordManyDues(ctx: WriteContext, input: ParsedInput<'dues.recordMany'>): Promise<ApiOutput<'dues.recordMany'>> {
  const org = await requireOrg(ctx, input.orgId);
  const ids = [...new Set(input.memberIds)];
  const members = membersForDues(ctx.sqlite, ids);
  const found = new Set(members.map((m) => m.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) fail('NOT_FOUND', `找不到编号为 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ' 等' : ''}的会员。`);
  const scope = new Set(subtreeIds(ctx.sqlite, org.id));
  const outside = members.filter((m) => !scope.has(m.organization_id));
  if (outside.length > 0) {
    fail('INVALID_INPUT', `「会员」${outside.slice(0, 3).map((m) => `“${m.name}”`).join('、')}${outside.length > 3 ? ` 等 ${outside.length} 人` : ''}不属于“${org.name}”，未登记任何会费。`);
  }
  const settings = await readSettings(ctx.db);
  // Checked in full before anything is written; a refusal names the member and changes nothing.
  const entries = members.map((m) => checkedEntry(ctx, settings, m, input));
  writeDues(ctx.sqlite, audit(ctx), entries);
  return { year: input.year, status: input.status, count: entries.length };
}

async function duesMembers(ctx: ReadContext, input: ParsedInput<'dues.members'>): Promise<ApiOutput<'dues.members'>> {
  await requireOrg(ctx, input.orgId);
  const rows = readDuesRosterPage(
    ctx.sqlite,
    { orgIds: subtreeIds(ctx.sqlite, input.orgId), year: input.year, status: input.status ?? null },
    input.after ? keyset(decodeCursor(input.after, ['string', 'number'] as const)) : null,
    input.limit + 1,
  );
  return keysetPage(rows, input.limit, (r) => ({
    memberId: r.id,
    name: r.name,
    kind: r.kind,
    idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
    orgId: r.organization_id,
    orgName: r.org_name,
    joinedOn: r.joined_on,
    status: r.status ?? 'none',
    amountFen: r.amount_fen,
    paidOn: r.paid_on,
  }), (last) => [last.sort_key, last.cursor_id]);
}

async function overdueScope(ctx: ReadContext, orgId: number | undefined, asOf: string): Promise<OverdueScope> {
  if (orgId !== undefined) await requireOrg(ctx, orgId);
  const settings = await readSettings(ctx.db);
  return {
    orgIds: orgId === undefined ? null : subtreeIds(ctx.sqlite, orgId),
    firstYear: settings.duesFirstYear ?? earliestDuesYear(ctx.sqlite),
    lastYear: lastCompletedYear(asOf),
  };
}

async function listOverdue(ctx: ReadContext, input: ParsedInput<'dues.overdue'>): Promise<ApiOutput<'dues.overdue'>> {
  const asOf = input.asOf ?? ctx.today;
  if (asOf > ctx.today) fail('INVALID_INPUT', '「判断日期」不能晚于今天。');
  const scope = await overdueScope(ctx, input.orgId, asOf);
  const rows: ApiOutput<'dues.overdue'>['rows'] = [];
  const count = scanOverdue(ctx.sqlite, scope, (hit) => {
    if (rows.length < input.limit) {
      rows.push({
        memberId: hit.id,
        name: hit.name,
        idNumber: hit.id_number ? maskIdNumber(hit.id_number) : null,
        orgId: hit.organization_id,
        orgName: hit.org_name,
        joinedOn: hit.joined_on,
        unpaidYears: hit.unpaidYears,
      });
    }
  });
  return { rows, count, asOf, firstYear: scope.firstYear };
}

async function lapseOverdue(ctx: WriteContext, input: ParsedInput<'dues.lapseOverdue'>): Promise<ApiOutput<'dues.lapseOverdue'>> {
  const org = input.orgId === undefined ? null : await requireOrg(ctx, input.orgId);
  const ids = overdueMemberIds(ctx.sqlite, await overdueScope(ctx, input.orgId, ctx.today));
  if (input.expectedCount !== undefined && input.expectedCount !== ids.length) {
    fail('INVALID_STATE', `视为自动退会的名单已变化（确认时 ${input.expectedCount} 人，现在 ${ids.length} 人），未做任何更改，请刷新后重新确认。`);
  }
  if (ids.length === 0) return { count: 0, lapsedOn: ctx.today };
  const range = lapseMembers(ctx.sqlite, audit(ctx), ids, ctx.today);
  await writeSetting(ctx.db, 'duesLastLapse', {
    batchId: ctx.batchId,
    ...range,
    count: ids.length,
    at: ctx.now.toISOString(),
    lapsedOn: ctx.today,
    orgName: org?.name ?? null,
  });
  return { count: ids.length, lapsedOn: ctx.today };
}

/** The last bulk lapse is undoable only while its change-log rows are still the newest. */
async function undoableLapse(ctx: ReadContext) {
  const mark = (await readSettings(ctx.db)).duesLastLapse;
  if (!mark) return null;
  return latestBatchId(ctx.sqlite) === mark.batchId ? mark : null;
}

async function lastLapse(ctx: ReadContext): Promise<ApiOutput<'dues.lastLapse'>> {
  const mark = await undoableLapse(ctx);
  return { undoable: mark !== null, count: mark?.count ?? 0, at: mark?.at ?? null, orgName: mark?.orgName ?? null };
}

async function undoLastLapse(ctx: WriteContext): Promise<ApiOutput<'dues.undoLastLapse'>> {
  const mark = await undoableLapse(ctx);
  if (!mark) fail('INVALID_STATE', '没有可撤销的一键退会：撤销只能在一键退会之后、进行其他操作之前进行。');
  const ids = membersOfLapse(ctx.sqlite, mark, mark.batchId);
  const count = restoreLapsedMembers(ctx.sqlite, audit(ctx), ids, mark.lapsedOn);
  await writeSetting(ctx.db, 'duesLastLapse', null);
  return { count, lapsedOn: mark.lapsedOn };
}

type ReportLine = ApiOutput<'dues.report'>['total'];

export async function buildReport(ctx: ReadContext, input: ParsedInput<'dues.report'>): Promise<ApiOutput<'dues.report'>> {
  if (input.orgId !== undefined) await requireOrg(ctx, input.orgId);
  const settings = await readSettings(ctx.db);
  const orgIds = input.orgId === undefined ? null : subtreeIds(ctx.sqlite, input.orgId);
  const counts = new Map(
    readDuesReportCounts(ctx.sqlite, { year: input.year, orgIds, adultFen: settings.duesAdultFen, youthFen: settings.duesYouthFen }).map((c) => [c.organization_id, c]),
  );
  const names = await allOrgNames(ctx.db);
  // Organisations in tree order (parents before children, siblings by id), limited to the subtree.
  const children = new Map<number | null, number[]>();
  for (const [id, o] of [...names.entries()].sort((a, b) => a[0] - b[0])) {
    const list = children.get(o.parentId) ?? [];
    list.push(id);
    children.set(o.parentId, list);
  }
  const ordered: number[] = [];
  const walk = (id: number) => {
    ordered.push(id);
    for (const child of children.get(id) ?? []) walk(child);
  };
  for (const root of input.orgId === undefined ? (children.get(null) ?? []) : [input.orgId]) walk(root);

  const total: ReportLine = { orgId: null, orgName: '合计', parentId: null, due: 0, paid: 0, unpaid: 0, exempt: 0, dueFen: 0, paidFen: 0 };
  const rows = ordered.map((id): ReportLine => {
    const c = counts.get(id);
    const o = names.get(id);
    const line: ReportLine = {
      orgId: id,
      orgName: o?.name ?? String(id),
      parentId: o?.parentId ?? null,
      due: c?.due ?? 0,
      paid: c?.paid ?? 0,
      unpaid: (c?.due ?? 0) - (c?.paid ?? 0),
      exempt: c?.exempt ?? 0,
      dueFen: c?.due_fen ?? 0,
      paidFen: c?.paid_fen ?? 0,
    };
    for (const k of ['due', 'paid', 'unpaid', 'exempt', 'dueFen', 'paidFen'] as const) total[k] += line[k];
    return line;
  });
  return { year: input.year, orgId: input.orgId ?? null, rows, total };
}

async function duesReport(ctx: ReadContext, input: ParsedInput<'dues.report'>): Promise<ApiOutput<'dues.report'>> {
  return buildReport(ctx, input);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function duesReportCsv(ctx: ReadContext, input: ParsedInput<'dues.reportCsv'>): Promise<ApiOutput<'dues.reportCsv'>> {
  const report = await buildReport(ctx, input);
  const header = ['组织', '应缴人数', '已缴人数', '未缴人数', '免缴人数', '应缴金额（元）', '已缴金额（元）'];
  const line = (l: ReportLine) => [l.orgName, l.due, l.paid, l.unpaid, l.exempt, formatYuan(l.dueFen), formatYuan(l.paidFen)].map(csvCell).join(',');
  const csv = [header.join(','), ...report.rows.map(line), line(report.total)].join('\r\n') + '\r\n';
  const scope = input.orgId === undefined ? (ctx.county?.name ?? '全县') : (await requireOrg(ctx, input.orgId)).name;
  return { csv, fileName: cleanName(`${scope}-${input.year}年会费统计.csv`) };
}

function keyset([key, id]: readonly [string, number]) {
  return { key, id };
}
