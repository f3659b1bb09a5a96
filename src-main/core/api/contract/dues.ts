import { z } from 'zod';
import { date, id, method } from './primitives';

// 会费: dues per member per year, the 视为自动退会 rule (two consecutive unpaid completed years
// after the join year), its bulk lapse with a one-step undo, and the yearly report per
// organisation. Amounts are integers in fen (分); the UI shows 元.

export const duesStatus = z.enum(['paid', 'unpaid', 'exempt']);
export const duesYear = z.number().int().min(1990, { message: '年度不能早于 1990 年' }).max(2200);
const amountFen = z.number().int().min(0, { message: '金额不能为负数' }).max(100_000_000, { message: '金额过大' });

export const duesRecordInput = z
  .object({
    memberId: id,
    year: duesYear,
    status: duesStatus,
    /** Defaults to the setting for the member's kind (adult / youth); 0 when exempt. */
    amountFen: amountFen.optional(),
    /** Only when paid; defaults to today. */
    paidOn: date.optional(),
  })
  .strict();

export const duesEntry = z.object({
  memberId: id,
  year: z.number().int(),
  status: duesStatus,
  amountFen: z.number().int(),
  paidOn: z.string().nullable(),
});

export const duesRecordManyInput = z
  .object({
    /** Every member must belong to this organisation or its subtree. */
    orgId: id,
    year: duesYear,
    memberIds: z.array(id).min(1, { message: '请至少选择一名会员' }).max(5000, { message: '一次最多 5000 名会员' }),
    status: duesStatus,
    amountFen: amountFen.optional(),
    paidOn: date.optional(),
  })
  .strict();

export const duesRecordManyResult = z.object({ year: z.number().int(), status: duesStatus, count: z.number().int() });

/** One member's dues for a year, for picking members to record in bulk. */
export const duesMemberRow = z.object({
  memberId: id,
  name: z.string(),
  kind: z.enum(['adult', 'youth']),
  /** Masked. */
  idNumber: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  joinedOn: z.string(),
  /** 'none' when nothing is recorded for the year. */
  status: z.enum(['paid', 'unpaid', 'exempt', 'none']),
  amountFen: z.number().int().nullable(),
  paidOn: z.string().nullable(),
});

export const duesMembersInput = z
  .object({
    orgId: id,
    year: duesYear,
    status: z.enum(['paid', 'unpaid', 'exempt', 'none']).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    after: z.string().max(400).optional(),
  })
  .strict();

export const duesMembersPage = z.object({ rows: z.array(duesMemberRow), nextCursor: z.string().nullable() });

export const overdueRow = z.object({
  memberId: id,
  name: z.string(),
  /** Masked. */
  idNumber: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  joinedOn: z.string(),
  /** Completed years after joining without payment (unpaid or unrecorded), oldest first. */
  unpaidYears: z.array(z.number().int()),
});

export const duesOverdueInput = z
  .object({
    /** The organisation and its whole subtree; the whole county when absent. */
    orgId: id.optional(),
    /** Judge as of this day (default today). */
    asOf: date.optional(),
    /** How many rows to return; `count` always gives the full number. */
    limit: z.number().int().min(1).max(100_000).default(1000),
  })
  .strict()
  .default({ limit: 1000 });

export const duesOverdue = z.object({
  rows: z.array(overdueRow),
  count: z.number().int(),
  asOf: z.string(),
  /** Years before this one are not judged (the first year dues were recorded), or null. */
  firstYear: z.number().int().nullable(),
});

export const duesLapseResult = z.object({ count: z.number().int(), lapsedOn: z.string() });

export const duesLastLapse = z.object({
  /** True while the last bulk lapse can still be undone (no action has happened since). */
  undoable: z.boolean(),
  count: z.number().int(),
  at: z.string().nullable(),
  orgName: z.string().nullable(),
});

export const duesReportLine = z.object({
  /** Null on the total line. */
  orgId: id.nullable(),
  orgName: z.string(),
  parentId: id.nullable(),
  /** 应缴: members during the year, not exempt. */
  due: z.number().int(),
  paid: z.number().int(),
  unpaid: z.number().int(),
  exempt: z.number().int(),
  dueFen: z.number().int(),
  paidFen: z.number().int(),
});

export const duesReport = z.object({
  year: z.number().int(),
  orgId: id.nullable(),
  rows: z.array(duesReportLine),
  total: duesReportLine,
});

export const duesReportInput = z.object({ orgId: id.optional(), year: duesYear }).strict();

export const duesMethods = {
  'dues.record': method(duesRecordInput, duesEntry),
  'dues.recordMany': method(duesRecordManyInput, duesRecordManyResult),
  'dues.members': method(duesMembersInput, duesMembersPage),
  'dues.overdue': method(duesOverdueInput, duesOverdue),
  'dues.lapseOverdue': method(
    z
      .object({
        orgId: id.optional(),
        confirm: z.literal(true, { message: '需要确认' }),
        /** The count the clerk confirmed; when given and no longer right, nothing is changed. */
        expectedCount: z.number().int().min(0).optional(),
      })
      .strict(),
    duesLapseResult,
  ),
  'dues.lastLapse': method(z.object({}).strict().default({}), duesLastLapse),
  'dues.undoLastLapse': method(z.object({}).strict().default({}), duesLapseResult),
  'dues.report': method(duesReportInput, duesReport),
  /** The report as CSV text (UTF-8, no BOM), amounts in 元. */
  'dues.reportCsv': method(duesReportInput, z.object({ csv: z.string(), fileName: z.string() })),
} as const;

export type DuesStatusValue = z.output<typeof duesStatus>;
export type DuesEntry = z.output<typeof duesEntry>;
export type DuesMemberRow = z.output<typeof duesMemberRow>;
export type OverdueRow = z.output<typeof overdueRow>;
export type DuesOverdue = z.output<typeof duesOverdue>;
export type DuesReport = z.output<typeof duesReport>;
export type DuesReportLine = z.output<typeof duesReportLine>;
