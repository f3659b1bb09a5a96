import fs from 'node:fs';
import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { resolveUpload } from './files';
import { fail } from '../../errors';
import { evaluateCell, evaluateTemplate, loadTemplate, manualItemSources, meetsAll, templateIdInForce, type TemplateDef } from '../../checklist/evaluate';
import { evidenceStateMessages, readEvidenceBytes, storeEvidenceBytes } from '../../checklist/evidence';
import { describeRule } from '../../checklist/rules';
import { parseTemplateContent, parseTemplateFile, templateFileText, type TemplateFileContent } from '../../checklist/template-file';
import {
  checkHistory,
  confirmTemplate,
  deleteTemplate,
  findEvidence,
  findTemplateByCodeVersion,
  insertCheck,
  insertTemplate,
  linkEvidence,
  listTemplateIds,
  templateHasChecks,
  typeIdsByName,
  typeNamesById,
  upsertEvidence,
} from '../../db/checklist';
import { findOrgRow } from '../../db/org';
import { subtreeIds } from '../../db/org-subtree';
import { recordChanges } from '../../db/change-log';
import { readSettings } from '../../db/settings';

export const checklistHandlers = {
  'checklist.templates': query(listTemplates),
  'checklist.confirmTemplate': mutation(confirm),
  'checklist.saveTemplate': mutation(saveTemplate),
  'checklist.importTemplate': mutation(importTemplate),
  'checklist.exportTemplate': query(exportTemplate),
  'checklist.matrix': query(matrix),
  'checklist.cell': query(cell),
  'checklist.setStatus': mutation(setStatus),
  'checklist.evidence': query(evidence),
};

/** Facts the ledger keeps without dates; the matrix reads them as they are now for any date. */
const currentValuesNote = '带头人、服务站点、届满日期、博爱家园状态、冠名情况在台账中没有历史记录，按当前登记的值判断；会员、志愿者、服务队、活动和时长按所选日期计算；人工核查按所选日期当天或之前最近一次的核查结果。';

const statusLabels = { met: '达标', not_met: '未达标', not_applicable: '不适用' } as const;

type TemplateOut = ApiOutput<'checklist.templates'>[number];

function ruleText(item: TemplateDef['items'][number]): string {
  if (item.mode === 'manual') return `人工核查：${item.description ?? item.title}`;
  return item.rule ? describeRule(item.rule) : '规则无法识别';
}

function toTemplateOut(t: TemplateDef, typeNames: Map<number, string>): TemplateOut {
  const unconfirmed = t.isDraftDefault && t.confirmedOn === null;
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    version: t.version,
    issuer: t.issuer,
    effectiveOn: t.effectiveOn,
    origin: t.origin,
    isDefault: t.origin === 'builtin' && unconfirmed,
    isDraft: unconfirmed,
    confirmedOn: t.confirmedOn,
    items: t.items.map((i) => ({
      id: i.id,
      seq: i.seq,
      title: i.title,
      description: i.description,
      mode: i.mode,
      rule: i.rule,
      ruleText: ruleText(i),
      appliesTo: i.typeIds.map((id) => typeNames.get(id) ?? `类型 ${id}`),
    })),
  };
}

function requireTemplate(ctx: ReadContext, templateId: number): TemplateDef {
  const t = loadTemplate(ctx.sqlite, templateId);
  if (!t) fail('NOT_FOUND', `找不到编号为 ${templateId} 的达标模板。`);
  return t;
}

async function listTemplates(ctx: ReadContext, input: ParsedInput<'checklist.templates'>): Promise<ApiOutput<'checklist.templates'>> {
  const typeNames = await typeNamesById(ctx.db);
  const ids = await listTemplateIds(ctx.db, input.code ?? null);
  return ids.map((id) => toTemplateOut(loadTemplate(ctx.sqlite, id)!, typeNames));
}

async function confirm(ctx: WriteContext, input: ParsedInput<'checklist.confirmTemplate'>): Promise<ApiOutput<'checklist.confirmTemplate'>> {
  const t = requireTemplate(ctx, input.templateId);
  if (t.confirmedOn !== null) fail('INVALID_STATE', `模板“${t.name}”（第 ${t.version} 版）已于 ${t.confirmedOn} 确认。`);
  await confirmTemplate(ctx.db, t.id, ctx.today);
  await recordChanges(ctx, 'checklist_template', t.id, 'confirm', { confirmedOn: null }, { confirmedOn: ctx.today });
  return toTemplateOut(requireTemplate(ctx, t.id), await typeNamesById(ctx.db));
}

/** Type names must exist in this ledger: an item silently applying to nothing would look met by no one. */
async function resolveTypes(ctx: ReadContext, t: TemplateFileContent): Promise<Map<string, number>> {
  const types = await typeIdsByName(ctx.db);
  for (const item of t.items) {
    const unknown = item.appliesTo.find((name) => !types.has(name));
    if (unknown !== undefined) fail('UNKNOWN_TYPE', `第 ${item.seq} 项“${item.title}”适用的组织类型“${unknown}”在本台账中不存在，请先在组织类型中添加，或修改模板。`);
  }
  return types;
}

async function storeNewVersion(ctx: WriteContext, file: TemplateFileContent, origin: 'imported' | 'custom', replace: boolean): Promise<TemplateOut> {
  // Every saved version is dated: an undated one would be in force on every past date.
  const t = { ...file, effectiveOn: file.effectiveOn ?? ctx.today };
  const types = await resolveTypes(ctx, t);
  const existing = await findTemplateByCodeVersion(ctx.db, t.code, t.version);
  if (existing) {
    if (!replace) fail('INVALID_STATE', `已有模板“${t.code}”的第 ${t.version} 版。请改用新的版本号，或明确选择替换。`);
    if (await templateHasChecks(ctx.db, existing.id)) {
      fail('INVALID_STATE', `模板“${t.code}”第 ${t.version} 版已有人工核查记录，不能替换（核查记录要保留在原条目上）。请改用新的版本号。`);
    }
    await deleteTemplate(ctx.db, existing.id);
  }
  const id = await insertTemplate(ctx.db, t, types, origin, ctx.now.toISOString());
  await recordChanges(ctx, 'checklist_template', id, origin === 'imported' ? 'import' : 'create', null, { code: t.code, name: t.name, version: t.version, effectiveOn: t.effectiveOn, items: t.items.length });
  return toTemplateOut(requireTemplate(ctx, id), await typeNamesById(ctx.db));
}

async function saveTemplate(ctx: WriteContext, input: ParsedInput<'checklist.saveTemplate'>): Promise<ApiOutput<'checklist.saveTemplate'>> {
  const parsed = parseTemplateContent(input.template);
  if (!parsed.ok) fail('INVALID_INPUT', parsed.message);
  return storeNewVersion(ctx, parsed.template, 'custom', false);
}

async function importTemplate(ctx: WriteContext, input: ParsedInput<'checklist.importTemplate'>): Promise<ApiOutput<'checklist.importTemplate'>> {
  const parsed = parseTemplateFile(input.text);
  if (!parsed.ok) fail('FILE_REFUSED', parsed.message);
  return storeNewVersion(ctx, parsed.template, 'imported', input.replace);
}

function toFileContent(t: TemplateOut): TemplateFileContent {
  return {
    code: t.code,
    name: t.name,
    issuer: t.issuer,
    version: t.version,
    effectiveOn: t.effectiveOn,
    items: t.items.map((i) => ({ seq: i.seq, title: i.title, description: i.description, mode: i.mode, rule: i.rule, appliesTo: i.appliesTo })),
  };
}

async function exportTemplate(ctx: ReadContext, input: ParsedInput<'checklist.exportTemplate'>): Promise<ApiOutput<'checklist.exportTemplate'>> {
  const t = toTemplateOut(requireTemplate(ctx, resolveTemplateId(ctx, input, ctx.today)), await typeNamesById(ctx.db));
  return { templateId: t.id, fileName: `达标模板-${t.code}-第${t.version}版.json`, text: templateFileText(toFileContent(t)) };
}

function resolveTemplateId(ctx: ReadContext, input: { templateId?: number | undefined; code?: string | undefined }, asOf: string): number {
  if (input.templateId !== undefined) return input.templateId;
  const id = templateIdInForce(ctx.sqlite, input.code!, asOf);
  if (id === null) fail('NOT_FOUND', `找不到代码为“${input.code}”的达标模板。`);
  return id;
}

async function matrix(ctx: ReadContext, input: ParsedInput<'checklist.matrix'>): Promise<ApiOutput<'checklist.matrix'>> {
  const asOf = input.asOf ?? ctx.today;
  const template = requireTemplate(ctx, resolveTemplateId(ctx, input, asOf));
  let scope: number[] | null = null;
  if (input.rootOrgId !== undefined) {
    scope = subtreeIds(ctx.sqlite, input.rootOrgId);
    if (scope.length === 0) fail('NOT_FOUND', `找不到编号为 ${input.rootOrgId} 的组织。`);
  }
  const evaluation = evaluateTemplate(ctx.sqlite, template, asOf, scope);
  const typeNames = await typeNamesById(ctx.db);
  const items = toTemplateOut(template, typeNames).items.map((item) => ({ ...item, counts: { met: 0, notMet: 0, notApplicable: 0, unchecked: 0 } }));
  const rows: ApiOutput<'checklist.matrix'>['rows'] = [];
  let meetingAll = 0;
  evaluation.orgs.forEach((org, i) => {
    if (input.typeId !== undefined && org.typeId !== input.typeId) return;
    const cells = evaluation.cells[i]!;
    let met = 0;
    let applicable = 0;
    cells.forEach((status, j) => {
      const c = items[j]!.counts;
      if (status === 'met') c.met++;
      else if (status === 'not_met') c.notMet++;
      else if (status === 'not_applicable') c.notApplicable++;
      else c.unchecked++;
      if (status !== 'not_applicable') applicable++;
      if (status === 'met') met++;
    });
    const all = meetsAll(cells);
    if (all) meetingAll++;
    rows.push({ orgId: org.id, name: org.name, type: org.typeId === null ? null : (typeNames.get(org.typeId) ?? null), parentId: org.parentId, cells, met, applicable, meetsAll: all });
  });
  const { items: _items, ...header } = toTemplateOut(template, typeNames);
  return { template: header, asOf, items, rows, totals: { orgs: rows.length, meetingAll }, currentValuesNote };
}

async function cell(ctx: ReadContext, input: ParsedInput<'checklist.cell'>): Promise<ApiOutput<'checklist.cell'>> {
  const asOf = input.asOf ?? ctx.today;
  const { template, item } = templateOfItem(ctx, input.itemId);
  const org = await findOrgRow(ctx.db, input.orgId);
  if (!org) fail('NOT_FOUND', `找不到编号为 ${input.orgId} 的组织。`);
  const verdict = evaluateCell(ctx.sqlite, template, item.id, org.id, asOf) ?? { status: 'not_applicable' as const, reason: `“${org.name}”在 ${asOf} 不是已成立的组织，不参加检查`, statusId: null };
  const sources = manualItemSources(ctx.sqlite, template, [item.id]).map(([source]) => source);
  const history = await checkHistory(ctx.db, org.id, sources.length > 0 ? sources : [item.id]);
  return {
    orgId: org.id,
    orgName: org.name,
    itemId: item.id,
    itemTitle: item.title,
    mode: item.mode,
    ruleText: ruleText(item),
    asOf,
    status: verdict.status,
    reason: verdict.reason,
    history: history.map((h) => ({
      statusId: h.id,
      status: h.status,
      checkedOn: h.checked_on,
      checkedBy: h.checked_by,
      note: h.note,
      recordedAt: h.recorded_at,
      inForce: h.id === verdict.statusId,
      evidence: h.evidence.map((e) => ({ id: e.id, name: e.original_name, mimeType: e.mime_type, size: e.size_bytes, sha256: e.sha256 })),
    })),
  };
}

function templateOfItem(ctx: ReadContext, itemId: number) {
  const row = ctx.sqlite.prepare('SELECT template_id FROM checklist_item WHERE id = ?').pluck().get(itemId) as number | undefined;
  if (row === undefined) fail('NOT_FOUND', `找不到编号为 ${itemId} 的检查项。`);
  const template = requireTemplate(ctx, row);
  return { template, item: template.items.find((i) => i.id === itemId)! };
}

async function setStatus(ctx: WriteContext, input: ParsedInput<'checklist.setStatus'>): Promise<ApiOutput<'checklist.setStatus'>> {
  const { template, item } = templateOfItem(ctx, input.itemId);
  if (item.mode !== 'manual') fail('INVALID_STATE', `“${item.title}”由台账数据自动判断，不能人工核查；请修改对应的台账记录。`);
  const org = await findOrgRow(ctx.db, input.orgId);
  if (!org) fail('NOT_FOUND', `找不到编号为 ${input.orgId} 的组织。`);
  const checkedOn = input.checkedOn ?? ctx.today;
  if (checkedOn > ctx.today) fail('INVALID_INPUT', '「核查日期」不能晚于今天。');
  const checkedBy = input.checkedBy ?? (await readSettings(ctx.db)).clerkName;
  const evidenceIds: number[] = [];
  for (const uploadId of input.evidenceUploadIds) {
    const upload = resolveUpload(ctx, uploadId);
    const stored = storeEvidenceBytes(ctx.dbFile, fs.readFileSync(upload.path), upload.name);
    evidenceIds.push(await upsertEvidence(ctx.db, { sha256: stored.sha256, originalName: upload.name, mime: stored.mime, size: stored.size, storedPath: stored.storedPath, addedAt: ctx.now.toISOString() }));
  }
  const statusId = await insertCheck(ctx.db, { orgId: org.id, itemId: item.id, status: input.status, checkedOn, checkedBy, note: input.note ?? null, recordedAt: ctx.now.toISOString() });
  await linkEvidence(ctx.db, statusId, evidenceIds);
  await recordChanges(ctx, 'organization', org.id, 'checklist', null, {
    [`${template.code}·${item.title}`]: `${statusLabels[input.status]}（${checkedOn}，${checkedBy}${evidenceIds.length > 0 ? `，证明材料 ${new Set(evidenceIds).size} 份` : ''}）`,
  });
  const [entry] = (await checkHistory(ctx.db, org.id, [item.id])).filter((h) => h.id === statusId);
  return {
    statusId,
    status: entry!.status,
    checkedOn: entry!.checked_on,
    checkedBy: entry!.checked_by,
    note: entry!.note,
    recordedAt: entry!.recorded_at,
    inForce: true,
    evidence: entry!.evidence.map((e) => ({ id: e.id, name: e.original_name, mimeType: e.mime_type, size: e.size_bytes, sha256: e.sha256 })),
  };
}

async function evidence(ctx: ReadContext, input: ParsedInput<'checklist.evidence'>): Promise<ApiOutput<'checklist.evidence'>> {
  const row = await findEvidence(ctx.db, input.evidenceId);
  if (!row) fail('NOT_FOUND', `找不到编号为 ${input.evidenceId} 的证明材料。`);
  const { state, bytes } = readEvidenceBytes(ctx.dbFile, row.stored_path, row.sha256);
  return {
    id: row.id,
    name: row.original_name,
    mimeType: row.mime_type,
    size: row.size_bytes,
    sha256: row.sha256,
    state,
    problem: evidenceStateMessages[state],
    dataUrl: bytes ? `data:${row.mime_type};base64,${bytes.toString('base64')}` : null,
  };
}
