import ExcelJS from 'exceljs';
import type { ApiInput, ImportPreview, ImportResult, JobState } from '../../src-main/core/api/contract';
import { expect } from 'vitest';
import { createTestLedger, type TestLedger } from './backend';
import { download } from './export-fixture';

// Drives an import through the real dispatcher (in-process, or any transport's invoke through
// callerOf), as the UI and the CLI do: upload in chunks, preview job, commit job.

/** What these helpers need of a ledger: its typed call. */
export type ApiCaller = Pick<TestLedger, 'call'>;

export async function upload(ledger: ApiCaller, name: string, data: Buffer): Promise<string> {
  const { uploadId } = await ledger.call('file.uploadBegin', { name, size: data.length });
  const chunk = 1024 * 1024;
  for (let offset = 0; offset < data.length; offset += chunk) {
    await ledger.call('file.uploadChunk', { uploadId, offset, dataBase64: data.subarray(offset, offset + chunk).toString('base64') });
  }
  await ledger.call('file.uploadFinish', { uploadId });
  return uploadId;
}

export async function waitJob(ledger: ApiCaller, jobId: string): Promise<JobState> {
  for (;;) {
    const state = await ledger.call('job.get', { jobId });
    if (state.state !== 'running') return state;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export type PreviewInput = Omit<ApiInput<'import.preview'>, 'uploadId'>;

export async function preview(ledger: ApiCaller, uploadId: string, options: PreviewInput): Promise<{ jobId: string; preview: ImportPreview }> {
  const { jobId } = await ledger.call('import.preview', { uploadId, ...options });
  const state = await waitJob(ledger, jobId);
  if (state.state !== 'done' || !state.preview) throw new Error(`preview ${state.state}: ${state.error?.message}`);
  return { jobId, preview: state.preview };
}

export async function commit(ledger: ApiCaller, previewJobId: string): Promise<ImportResult> {
  const { jobId } = await ledger.call('import.commit', { jobId: previewJobId });
  const state = await waitJob(ledger, jobId);
  if (state.state !== 'done' || !state.result) throw new Error(`commit ${state.state}: ${state.error?.message}`);
  return state.result;
}

export type SheetCell = string | number | Date | null;

/** A one-sheet roster (名册) as a township types it: a header row, the rows, an optional footer
 *  line; saved on 2026-06-10 unless told otherwise (the sheet's date when it has no 填表日期). */
export async function rosterXlsx(headers: string[], rows: SheetCell[][], opts: { footer?: string; savedOn?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = opts.savedOn ?? new Date('2026-06-10T02:00:00Z');
  wb.modified = opts.savedOn ?? new Date('2026-06-10T02:00:00Z');
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  if (opts.footer) sheet.addRow([opts.footer]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Uploads a one-sheet roster (rosterXlsx) named after its kind and previews it. */
export async function previewRoster(ledger: ApiCaller, headers: string[], rows: SheetCell[][], options: PreviewInput): Promise<{ jobId: string; preview: ImportPreview }> {
  return preview(ledger, await upload(ledger, `${options.kind}.xlsx`, await rosterXlsx(headers, rows)), options);
}

/** What the ledger stores, for asserting it row by row. */
export function tableRows(ledger: Pick<TestLedger, 'db'>, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return ledger.db.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
}

/** A file as the clerk would upload it again: its name and bytes. */
export interface SheetFile {
  name: string;
  bytes: Buffer;
}

/** The ledger's own export of a roster kind (full ID numbers, .xlsx), to import back. */
export async function exportFile(ledger: TestLedger, kind: ApiInput<'export.roster'>['kind']): Promise<SheetFile> {
  const ref = await ledger.call('export.roster', { kind, fullId: true, format: 'xlsx' });
  return { name: ref.fileName, bytes: await download(ledger, ref.token) };
}

/** Uploads a file into a ledger and previews its import there. */
export async function previewFile(ledger: ApiCaller, file: SheetFile, options: PreviewInput): Promise<{ jobId: string; preview: ImportPreview }> {
  return preview(ledger, await upload(ledger, file.name, file.bytes), options);
}

/**
 * A new ledger prepared by `setup`, into which `files` are imported in order, each without a
 * rejected row; `check` reads it (with the previews) before it is closed.
 */
export async function importIntoNewLedger(
  setup: (fresh: TestLedger) => Promise<unknown>,
  files: ReadonlyArray<readonly [PreviewInput['kind'], SheetFile]>,
  check: (fresh: TestLedger, previews: ImportPreview[]) => void,
): Promise<void> {
  const fresh = await createTestLedger();
  try {
    await setup(fresh);
    const previews: ImportPreview[] = [];
    for (const [kind, file] of files) {
      const { jobId, preview: p } = await previewFile(fresh, file, { kind });
      expect(p.rejected).toEqual([]);
      previews.push(p);
      await commit(fresh, jobId);
    }
    check(fresh, previews);
  } finally {
    fresh.db.close();
  }
}
