import { z } from 'zod';
import { importKinds } from '../../domain/sheet-fields';
import { empty, id, method } from './primitives';

// Importing a roster file is a job: the file is uploaded in chunks (file.* methods), then a
// preview job reads, cleans and plans every row without writing; the clerk reads the preview,
// corrects the mapping or the organisation choices and previews again, then commits the
// preview as one transaction (another job). Jobs report progress through job.get and stop
// on job.cancel; a cancelled or failed job leaves the ledger exactly as it was.

export const importKind = z.enum(importKinds);

/** What to do with rows that name an organisation the ledger does not know. */
export const orgChoice = z.discriminatedUnion('action', [
  z.object({ action: z.literal('map'), orgId: id }).strict(),
  z.object({ action: z.literal('create'), parentId: id.nullable() }).strict(),
  z.object({ action: z.literal('reject') }).strict(),
]);

export const importOptions = z
  .object({
    uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '上传编号无效' }),
    kind: importKind,
    sheet: z.string().max(200).optional(),
    encoding: z.enum(['utf8', 'gbk', 'gb18030']).optional(),
    /** Column index (as a string key) → field key, or null to ignore the column. Overrides the automatic mapping. */
    mapping: z.record(z.string().regex(/^\d{1,5}$/), z.string().max(40).nullable()).optional(),
    /** The organisation of rows that name none (and of every row when the sheet has no organisation column). */
    orgId: id.nullable().default(null),
    /** Organisation names are matched within this subtree (a township); null = the whole county. */
    scopeOrgId: id.nullable().default(null),
    /** Unknown organisation names are created under this parent; null = such rows are rejected unless orgChoices says otherwise. */
    createOrgsUnder: id.nullable().default(null),
    /** Per unknown organisation name as written in the sheet. */
    orgChoices: z.record(z.string().max(200), orgChoice).default({}),
    onDuplicate: z.enum(['update', 'keep', 'reject']).default('keep'),
    createTeams: z.boolean().default(false),
  })
  .strict();

export const rowIssue = z.object({
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
});

const nameMatch = z.object({
  /** The name as written in the sheet. */
  name: z.string(),
  rows: z.number().int(),
  firstRow: z.number().int(),
  suggestions: z.array(z.object({ id, name: z.string() })),
});

export const importColumn = z.object({
  index: z.number().int(),
  /** Column letter as Excel shows it (A, B, … AA). */
  letter: z.string(),
  header: z.string(),
  field: z.string().nullable(),
  fieldLabel: z.string().nullable(),
});

export const importCounts = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  warnings: z.number().int(),
});

export const importPreview = z.object({
  kind: importKind,
  fileName: z.string(),
  sheet: z.string(),
  sheets: z.array(z.string()),
  headerRows: z.array(z.number().int()),
  /** Rows of data found (title, blank, 合计 and footer rows excluded). */
  dataRows: z.number().int(),
  columns: z.array(importColumn),
  /** The fields of this kind, for correcting the mapping. */
  fields: z.array(z.object({ key: z.string(), label: z.string(), required: z.boolean() })),
  missingRequired: z.array(z.string()),
  /** The mapping came from a layout imported before. */
  mappingRemembered: z.boolean(),
  /** The date the sheet speaks for: its 填表日期, else the file's saved date, else today. */
  sheetDate: z.string(),
  counts: importCounts,
  rejected: z.array(rowIssue),
  warnings: z.array(rowIssue),
  /** Rows whose person (or unit) is already in the ledger or earlier in the file. */
  duplicates: z.array(z.object({ row: z.number().int(), name: z.string(), idNumber: z.string().nullable(), where: z.enum(['ledger', 'file']), otherRow: z.number().int().nullable() })),
  unmatchedOrgs: z.array(nameMatch),
  unmatchedTeams: z.array(nameMatch),
  /** What committing this preview would create (organisations, teams) besides the rows. */
  willCreate: z.object({ orgs: z.array(z.string()), teams: z.array(z.string()) }),
});

export const importResult = z.object({
  importId: id,
  counts: importCounts,
  rejected: z.array(rowIssue),
  warnings: z.array(rowIssue),
  backupFile: z.string().nullable(),
});

export const jobState = z.object({
  jobId: z.string(),
  kind: z.enum(['import.preview', 'import.commit']),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** 读取文件 / 检查数据 / 按合并单元格重新检查 / 备份 / 写入 / 整理索引（i/n）/ 完成 */
  phase: z.string(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  preview: importPreview.nullable(),
  result: importResult.nullable(),
});

export const importHistoryEntry = z.object({
  id,
  kind: importKind,
  kindLabel: z.string(),
  fileName: z.string(),
  sheet: z.string(),
  committedAt: z.string(),
  actor: z.string(),
  counts: importCounts,
  backupFile: z.string().nullable(),
  undoneAt: z.string().nullable(),
  /** Why 撤销本次导入 is not possible now, or null when it is. */
  undoBlockedBy: z.string().nullable(),
});

const jobRef = z.object({ jobId: z.string().max(64) }).strict();

export const importMethods = {
  'import.inspect': method(
    z.object({ uploadId: importOptions.shape.uploadId, kind: importKind, encoding: importOptions.shape.encoding }).strict(),
    z.object({
      format: z.enum(['xlsx', 'csv']),
      encoding: z.enum(['utf8', 'gb18030', 'utf16le', 'utf16be']).nullable(),
      delimiter: z.string().nullable(),
      sheets: z.array(z.object({ name: z.string(), score: z.number(), headerFound: z.boolean(), hidden: z.boolean() })),
      suggestedSheet: z.string().nullable(),
    }),
  ),
  'import.preview': method(importOptions, jobRef),
  'import.commit': method(jobRef, jobRef),
  'import.rejectedSheet': method(jobRef, z.object({ token: z.string(), fileName: z.string(), size: z.number().int() })),
  'import.history': method(empty, z.array(importHistoryEntry)),
  'import.undo': method(z.object({ importId: id }).strict(), z.object({ removed: z.number().int(), restored: z.number().int() })),
  'job.get': method(jobRef, jobState),
  'job.cancel': method(jobRef, jobState),
};

export type ImportOptions = z.output<typeof importOptions>;
export type ImportPreview = z.output<typeof importPreview>;
export type ImportResult = z.output<typeof importResult>;
export type RowIssue = z.output<typeof rowIssue>;
export type JobState = z.output<typeof jobState>;
export type ImportHistoryEntry = z.output<typeof importHistoryEntry>;
export type OrgChoice = z.output<typeof orgChoice>;
