import path from 'node:path';
import type { ApiOutput, ParsedInput } from '../contract';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { readSettings } from '../../db/settings';
import { AppError, fail } from '../../errors';
import { newExportPath, registerDownloadFile, uploadPath } from '../../files/transfer';
import { commitImport, previewImport, type Previewed } from '../../import/engine';
import { importHistory, undoImport } from '../../import/history';
import { writeRejectedSheet } from '../../import/rejected-sheet';
import { likeliestSheet, scoreSheets } from '../../import/stage';
import type { Job } from '../../jobs/registry';
import type { ImportResult } from '../contract/import';

export const importHandlers = {
  'import.inspect': query(inspect),
  'import.preview': query(startPreview),
  'import.commit': query(startCommit),
  'import.rejectedSheet': query(rejectedSheet),
  'import.history': query(async (ctx) => importHistory(ctx.sqlite)),
  'import.undo': mutation(undo),
  'job.get': query(async (ctx, input: ParsedInput<'job.get'>) => jobState(ctx.jobs.get(input.jobId))),
  'job.cancel': query(async (ctx, input: ParsedInput<'job.cancel'>) => jobState(ctx.jobs.cancel(input.jobId))),
};

async function inspect(ctx: ReadContext, input: ParsedInput<'import.inspect'>): Promise<ApiOutput<'import.inspect'>> {
  const upload = uploadPath(ctx.dbFile, input.uploadId);
  const { source, scores } = await scoreSheets(upload.path, upload.name, input.kind, input.encoding);
  return {
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    sheets: scores,
    suggestedSheet: likeliestSheet(scores),
  };
}

// The preview and commit run as jobs: they return the job's id at once and report progress
// through job.get. Neither holds the dispatcher's transaction: the preview only reads, and the
// commit opens its own under the write lock.
async function startPreview(ctx: ReadContext, input: ParsedInput<'import.preview'>): Promise<ApiOutput<'import.preview'>> {
  const upload = uploadPath(ctx.dbFile, input.uploadId);
  const { youthReferenceDate } = await readSettings(ctx.db);
  const job = ctx.jobs.start('import.preview', (control) =>
    previewImport({ sqlite: ctx.sqlite, today: ctx.today, youthReferenceDate }, upload.path, upload.name, input, control),
  );
  return { jobId: job.id };
}

function previewed(ctx: ReadContext, jobId: string): Previewed {
  const job = ctx.jobs.get(jobId);
  if (job.kind !== 'import.preview') fail('INVALID_INPUT', '请先预览，再导入。');
  if (job.state !== 'done' || !job.value) throw new AppError('INVALID_STATE', '预览尚未完成或没有成功，不能导入。');
  return job.value as Previewed;
}

async function startCommit(ctx: ReadContext, input: ParsedInput<'import.commit'>): Promise<ApiOutput<'import.commit'>> {
  const ready = previewed(ctx, input.jobId);
  const { clerkName } = await readSettings(ctx.db);
  const job = ctx.jobs.start('import.commit', (control) =>
    commitImport({ sqlite: ctx.sqlite, dbFile: ctx.dbFile, writeLock: ctx.writeLock, actor: clerkName, now: ctx.now }, ready, control),
  );
  return { jobId: job.id };
}

async function rejectedSheet(ctx: ReadContext, input: ParsedInput<'import.rejectedSheet'>): Promise<ApiOutput<'import.rejectedSheet'>> {
  const ready = previewed(ctx, input.jobId);
  const { rejected } = ready.plan.issues.sorted();
  if (rejected.length === 0) fail('INVALID_STATE', '没有被拒绝的行。');
  const base = path.basename(ready.staged.fileName).replace(/\.[^.]+$/, '');
  const fileName = `${base}-被拒绝的行-${ctx.today}.xlsx`;
  const file = newExportPath(ctx.dbFile, '.xlsx');
  await writeRejectedSheet(file, ready.plan.kind, ready.staged, rejected);
  return registerDownloadFile(ctx.dbFile, file, fileName);
}

async function undo(ctx: WriteContext, input: ParsedInput<'import.undo'>): Promise<ApiOutput<'import.undo'>> {
  return undoImport(ctx.sqlite, input.importId, ctx.now.toISOString());
}

function jobState(job: Job): ApiOutput<'job.get'> {
  const done = job.state === 'done';
  return {
    jobId: job.id,
    kind: job.kind,
    state: job.state,
    phase: job.phase,
    done: job.done,
    total: job.total,
    error: job.error,
    preview: done && job.kind === 'import.preview' ? (job.value as Previewed).preview : null,
    result: done && job.kind === 'import.commit' ? (job.value as ImportResult) : null,
  };
}
