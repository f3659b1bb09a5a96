import type { ApiOutput, ParsedInput, StatsTables } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { readSettings } from '../../db/settings';
import { computeTables, type Tables } from '../../stats/compute';
import { itemDefinition, items, itemNumbers, type ItemNo } from '../../stats/items';
import { traceItem } from '../../stats/trace';
import { validateYear } from '../../stats/validate';
import { writeStatsTables } from '../../export/stats-tables';
import { newExportPath, registerDownloadFile } from '../../files/transfer';
import { toCounty } from './county';
import { recordChanges } from '../../db/change-log';

// The annual tables. Computation, tracing and validation live in core/stats; this file adds the
// year rules (no future year, default baseline 2020 or the year before), the finalised snapshot
// and its log.
export const statsHandlers = {
  'stats.tables': query(tables),
  'stats.trace': query(trace),
  'stats.validate': query(validate),
  'stats.explain': mutation(explain),
  'stats.finalise': mutation(finalise),
  'stats.reopen': mutation(reopen),
  'stats.log': query(log),
  'export.statsTables': query(exportTables),
};

/** The province's baseline is 2020; a year up to 2020 is compared with the year before it. */
export function defaultBaselineYear(year: number): number {
  return Math.min(2020, year - 1);
}

function checkYear(ctx: ReadContext, year: number, baselineYear: number | undefined): number {
  const current = Number(ctx.today.slice(0, 4));
  if (year > current) fail('INVALID_INPUT', `「年度」${year} 年尚未开始，最多统计到今年（${current} 年，暂行）。`);
  const baseline = baselineYear ?? defaultBaselineYear(year);
  if (baseline >= year) fail('INVALID_INPUT', `「基准年度」${baseline} 应早于统计年度 ${year}。`);
  return baseline;
}

/**
 * The baseline a read uses: a finalised year's is the frozen one (asking for another is refused
 * rather than silently ignored), otherwise the requested or default one.
 */
function baselineFor(ctx: ReadContext, year: number, requested: number | undefined): { baseline: number; row: FinalRow | undefined } {
  const row = finalRow(ctx, year);
  if (row && requested !== undefined && requested !== row.baseline_year)
    fail('INVALID_STATE', `${year} 年统计表已定稿（基准年度 ${row.baseline_year}）。如需按其他基准年度查看，请先重新打开。`);
  return { baseline: checkYear(ctx, year, row ? row.baseline_year : requested), row };
}

function toOutput(ctx: ReadContext, t: Tables): StatsTables {
  const line = (table: 1 | 2) =>
    itemNumbers.map((item) => {
      const d = itemDefinition(item);
      return { item, name: table === 1 ? d.name1 : d.name2, unit: d.unit, value: table === 1 ? t.table1.values[item] : t.table2[item] };
    });
  return {
    year: t.year,
    baselineYear: t.baselineYear,
    asOf: t.asOf,
    baselineAsOf: t.baselineAsOf,
    provisional: t.provisional,
    countyCode: ctx.county?.division_code ?? '',
    countyName: ctx.county?.name ?? '',
    table1: line(1),
    table2: line(2),
    notes: items.map((d) => ({
      item: d.item,
      definition1: d.definition1,
      definition2: d.definition2,
      breakdown:
        d.item === 13
          ? `${t.year} 年：志愿服务组织（已登记）${t.table1.teamsRegistered} 个，志愿服务队（未登记）${t.table1.teamsInformal} 个；${t.baselineYear} 年：已登记 ${t.baseline.teamsRegistered} 个，未登记 ${t.baseline.teamsInformal} 个。`
          : null,
    })),
    finalised: null,
  };
}

function live(ctx: ReadContext, year: number, baselineYear: number): StatsTables {
  return toOutput(ctx, computeTables(ctx.sqlite, { year, baselineYear, today: ctx.today }));
}

interface FinalRow {
  year: number;
  baseline_year: number;
  finalised_at: string;
  finalised_by: string;
  snapshot_json: string;
}

function finalRow(ctx: ReadContext, year: number): FinalRow | undefined {
  return ctx.sqlite.prepare('SELECT * FROM stats_finalisation WHERE year = ?').get(year) as FinalRow | undefined;
}

/** A finalised year answers with its snapshot, and says which live figures moved since. */
function withFinal(ctx: ReadContext, row: FinalRow): StatsTables {
  const snapshot = JSON.parse(row.snapshot_json) as StatsTables;
  const now = live(ctx, row.year, row.baseline_year);
  const differences: string[] = [];
  for (const [table, a, b] of [['附件1', snapshot.table1, now.table1], ['附件2', snapshot.table2, now.table2]] as const) {
    a.forEach((line, i) => {
      if (line.value !== b[i]!.value) differences.push(`${table} 第 ${line.item} 项：定稿 ${line.value}，现为 ${b[i]!.value}`);
    });
  }
  return { ...snapshot, finalised: { at: row.finalised_at, by: row.finalised_by, liveDiffers: differences.length > 0, liveDifferences: differences } };
}

async function tables(ctx: ReadContext, input: ParsedInput<'stats.tables'>): Promise<ApiOutput<'stats.tables'>> {
  const { baseline, row } = baselineFor(ctx, input.year, input.baselineYear);
  return row ? withFinal(ctx, row) : live(ctx, input.year, baseline);
}

/** Lengths of the trace's lists that the figures already give (count items 8–13: one record each). */
function knownLengths(t: Tables, table: 1 | 2, item: ItemNo): number[] {
  if (item < 8 || item > 13) return [];
  return table === 1 ? [t.table1.values[item]] : [t.table1.values[item], t.baseline.values[item]];
}

/**
 * The records are always the ledger as it is now. For a finalised year the figure is the frozen
 * one, beside the live one, with a note when the ledger has moved since (back-dated changes).
 */
async function trace(ctx: ReadContext, input: ParsedInput<'stats.trace'>): Promise<ApiOutput<'stats.trace'>> {
  const { baseline: baselineYear, row } = baselineFor(ctx, input.year, input.baselineYear);
  const item = input.item as ItemNo;
  const t = computeTables(ctx.sqlite, { year: input.year, baselineYear, today: ctx.today });
  const request = { year: input.year, baselineYear, today: ctx.today, table: input.table, item } as const;
  const { total, records } = traceItem(ctx.sqlite, request, { offset: input.offset, limit: input.limit }, knownLengths(t, input.table, item));
  const d = itemDefinition(item);
  const liveValue = input.table === 1 ? t.table1.values[item] : t.table2[item];
  const frozen = row ? (JSON.parse(row.snapshot_json) as StatsTables)[input.table === 1 ? 'table1' : 'table2'][item - 1]!.value : liveValue;
  const what = item === 14 ? `定稿 ${frozen} 小时，现有记录合计 ${liveValue} 小时` : input.table === 1 ? `定稿数 ${frozen}，现有记录 ${liveValue} 条` : `定稿数 ${frozen}，按现有记录为 ${liveValue}`;
  return {
    year: input.year,
    baselineYear,
    table: input.table,
    item,
    name: input.table === 1 ? d.name1 : d.name2,
    unit: d.unit,
    value: frozen,
    liveValue,
    note: frozen !== liveValue ? `定稿后台账有变化：${what}。如需更正，请重新打开后再定稿。` : null,
    total,
    records,
  };
}

async function buildValidation(ctx: ReadContext, year: number, baselineYear: number | undefined): Promise<ApiOutput<'stats.validate'>> {
  const { baseline } = baselineFor(ctx, year, baselineYear);
  const county = await toCounty(ctx.db, ctx.county!);
  const issues = validateYear(ctx.sqlite, year, baseline, ctx.today, county.governanceMissing);
  const explained = new Map(
    (ctx.sqlite.prepare('SELECT code, text, at, actor FROM stats_explanation WHERE year = ?').all(year) as Array<{ code: string; text: string; at: string; actor: string }>).map((e) => [e.code, e]),
  );
  const out = issues.map((i) => {
    const e = explained.get(i.code);
    return { ...i, explanation: e ? { text: e.text, at: e.at, actor: e.actor } : null };
  });
  return { year, finalised: finalRow(ctx, year) !== undefined, issues: out, blocking: out.filter((i) => i.severity === 'error' && !i.explanation).length };
}

async function validate(ctx: ReadContext, input: ParsedInput<'stats.validate'>): Promise<ApiOutput<'stats.validate'>> {
  return buildValidation(ctx, input.year, input.baselineYear);
}

async function explain(ctx: WriteContext, input: ParsedInput<'stats.explain'>): Promise<ApiOutput<'stats.explain'>> {
  if (finalRow(ctx, input.year)) fail('INVALID_STATE', `${input.year} 年的统计表已定稿，说明为只读。如需修改，请先“重新打开”并填写原因。`);
  const before = ctx.sqlite.prepare('SELECT text FROM stats_explanation WHERE year = ? AND code = ?').pluck().get(input.year, input.code) as string | undefined;
  await recordChanges(ctx, 'stats_year', input.year, 'explain', { [`说明 ${input.code}`]: before ?? null }, { [`说明 ${input.code}`]: input.text || null });
  if (input.text === '') ctx.sqlite.prepare('DELETE FROM stats_explanation WHERE year = ? AND code = ?').run(input.year, input.code);
  else
    ctx.sqlite
      .prepare('INSERT INTO stats_explanation (year, code, text, at, actor) VALUES (?, ?, ?, ?, ?) ON CONFLICT (year, code) DO UPDATE SET text = excluded.text, at = excluded.at, actor = excluded.actor')
      .run(input.year, input.code, input.text, ctx.now.toISOString(), ctx.actor);
  return buildValidation(ctx, input.year, undefined);
}

async function finalise(ctx: WriteContext, input: ParsedInput<'stats.finalise'>): Promise<ApiOutput<'stats.finalise'>> {
  const baseline = checkYear(ctx, input.year, input.baselineYear);
  if (finalRow(ctx, input.year)) fail('INVALID_STATE', `${input.year} 年的统计表已经定稿。`);
  const current = Number(ctx.today.slice(0, 4));
  if (input.year === current) fail('INVALID_STATE', `${input.year} 年尚未结束，统计表为暂行数据，年度结束后才能定稿。`);
  const validation = await buildValidation(ctx, input.year, baseline);
  if (validation.blocking > 0) {
    const open = validation.issues.filter((i) => i.severity === 'error' && !i.explanation).map((i) => i.message);
    fail('INVALID_STATE', `还有 ${validation.blocking} 个错误既未更正也未说明，不能定稿：${open.join('；')}`);
  }
  const snapshot = live(ctx, input.year, baseline);
  const at = ctx.now.toISOString();
  ctx.sqlite
    .prepare('INSERT INTO stats_finalisation (year, baseline_year, finalised_at, finalised_by, snapshot_json) VALUES (?, ?, ?, ?, ?)')
    .run(input.year, baseline, at, ctx.actor, JSON.stringify(snapshot));
  ctx.sqlite.prepare("INSERT INTO stats_finalise_log (year, action, at, actor, reason) VALUES (?, 'finalise', ?, ?, NULL)").run(input.year, at, ctx.actor);
  await recordChanges(ctx, 'stats_year', input.year, 'finalise', { 定稿: false }, { 定稿: true });
  return withFinal(ctx, finalRow(ctx, input.year)!);
}

async function reopen(ctx: WriteContext, input: ParsedInput<'stats.reopen'>): Promise<ApiOutput<'stats.reopen'>> {
  const row = finalRow(ctx, input.year);
  if (!row) fail('INVALID_STATE', `${input.year} 年的统计表尚未定稿，无需重新打开。`);
  ctx.sqlite.prepare('DELETE FROM stats_finalisation WHERE year = ?').run(input.year);
  ctx.sqlite.prepare("INSERT INTO stats_finalise_log (year, action, at, actor, reason) VALUES (?, 'reopen', ?, ?, ?)").run(input.year, ctx.now.toISOString(), ctx.actor, input.reason);
  await recordChanges(ctx, 'stats_year', input.year, 'reopen', { 定稿: true, 重新打开原因: null }, { 定稿: false, 重新打开原因: input.reason });
  return live(ctx, input.year, row.baseline_year);
}

async function log(ctx: ReadContext, input: ParsedInput<'stats.log'>): Promise<ApiOutput<'stats.log'>> {
  return ctx.sqlite.prepare('SELECT action, at, actor, reason FROM stats_finalise_log WHERE year = ? ORDER BY id').all(input.year) as ApiOutput<'stats.log'>;
}

async function exportTables(ctx: ReadContext, input: ParsedInput<'export.statsTables'>): Promise<ApiOutput<'export.statsTables'>> {
  const t = await tables(ctx, { year: input.year, baselineYear: input.baselineYear });
  const settings = await readSettings(ctx.db);
  const file = newExportPath(ctx.dbFile, 'xlsx', ctx.now.getTime());
  await writeStatsTables(file, t, { unitName: t.countyName, clerk: settings.clerkName, phone: settings.statsContactPhone, date: ctx.today });
  return registerDownloadFile(ctx.dbFile, file, `${t.countyName}-${t.year}年组织体系建设统计表${t.provisional ? '（暂行）' : ''}.xlsx`);
}
