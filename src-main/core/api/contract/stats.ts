import { z } from 'zod';
import { method } from './primitives';
import { downloadRef } from './files';

// The annual tables 附件1 / 附件2 (seed 004): figures as of a year's end, the records behind each,
// the checks before the year is finalised, finalise / reopen, and the official .xlsx.

const year = z.number().int().min(2000, { message: '「年度」不能早于 2000 年' }).max(2200, { message: '「年度」不合理' });
const itemNo = z.number().int().min(1, { message: '「项目」应为 1–14' }).max(14, { message: '「项目」应为 1–14' });

export const statsItem = z.object({ item: z.number().int(), name: z.string(), unit: z.string(), value: z.number() });
export const statsItemNote = z.object({ item: z.number().int(), definition1: z.string(), definition2: z.string(), breakdown: z.string().nullable() });

export const statsTables = z.object({
  year: z.number().int(),
  baselineYear: z.number().int(),
  asOf: z.string(),
  baselineAsOf: z.string(),
  provisional: z.boolean(),
  countyCode: z.string(),
  countyName: z.string(),
  table1: z.array(statsItem),
  table2: z.array(statsItem),
  notes: z.array(statsItemNote),
  /** Set when the year is finalised: the figures above are the frozen snapshot. */
  finalised: z.object({ at: z.string(), by: z.string(), liveDiffers: z.boolean(), liveDifferences: z.array(z.string()) }).nullable(),
});

/** Without baselineYear: a finalised year's frozen baseline, else 2020 (the year before, up to 2020). */
export const statsTablesInput = z
  .object({ year, baselineYear: year.optional() })
  .strict()
  .refine((v) => v.baselineYear === undefined || v.baselineYear < v.year, { message: '「基准年度」应早于统计年度', path: ['baselineYear'] });

export const traceRecord = z.object({
  side: z.enum(['year', 'baseline']),
  entity: z.string(),
  id: z.number().int(),
  name: z.string(),
  organization: z.string().nullable(),
  date: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  minutes: z.number().nullable(),
  hours: z.number().nullable(),
});

export const statsTraceInput = z
  .object({
    year,
    baselineYear: year.optional(),
    table: z.union([z.literal(1), z.literal(2)]).default(1),
    item: itemNo,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10_000).nullable().default(null),
  })
  .strict();

export const statsTrace = z.object({
  year: z.number().int(),
  baselineYear: z.number().int(),
  table: z.number().int(),
  item: z.number().int(),
  name: z.string(),
  unit: z.string(),
  /** The reported figure: for a finalised year the frozen one. */
  value: z.number(),
  /** The figure from the ledger as it is now, which the records make up. */
  liveValue: z.number(),
  /** Set when a finalised figure and the ledger now differ (back-dated changes since). */
  note: z.string().nullable(),
  /** Records in the whole list (all pages). */
  total: z.number().int(),
  records: z.array(traceRecord),
});

export const validationIssue = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  count: z.number().int(),
  /** A few of the records concerned (masked), the first 200. */
  records: z.array(z.object({ entity: z.string(), id: z.number().int(), name: z.string(), detail: z.string() })),
  explanation: z.object({ text: z.string(), at: z.string(), actor: z.string() }).nullable(),
});

export const statsValidation = z.object({
  year: z.number().int(),
  finalised: z.boolean(),
  issues: z.array(validationIssue),
  /** Error-severity issues neither fixed nor explained: finalising is refused while any remain. */
  blocking: z.number().int(),
});

export const finaliseLogEntry = z.object({ action: z.enum(['finalise', 'reopen']), at: z.string(), actor: z.string(), reason: z.string().nullable() });

export const statsMethods = {
  'stats.tables': method(statsTablesInput, statsTables),
  'stats.trace': method(statsTraceInput, statsTrace),
  'stats.validate': method(z.object({ year, baselineYear: year.optional() }).strict(), statsValidation),
  'stats.explain': method(
    z.object({ year, code: z.string().min(1).max(60), text: z.string().trim().max(500, { message: '「说明」不能超过 500 个字' }) }).strict(),
    statsValidation,
  ),
  'stats.finalise': method(z.object({ year, baselineYear: year.optional() }).strict(), statsTables),
  'stats.reopen': method(z.object({ year, reason: z.string().trim().min(1, { message: '「重新打开的原因」不能为空' }).max(500) }).strict(), statsTables),
  'stats.log': method(z.object({ year }).strict(), z.array(finaliseLogEntry)),
  'export.statsTables': method(z.object({ year, baselineYear: year.optional() }).strict(), downloadRef),
} as const;

export type StatsTables = z.output<typeof statsTables>;
export type StatsTrace = z.output<typeof statsTrace>;
export type TraceRecordOut = z.output<typeof traceRecord>;
export type StatsValidation = z.output<typeof statsValidation>;
export type ValidationIssue = z.output<typeof validationIssue>;
export type FinaliseLogEntry = z.output<typeof finaliseLogEntry>;
