import fs from 'node:fs';
import path from 'node:path';
import { dispatch, type Backend } from '../core/api/dispatch';
import type { ApiOutput, Envelope, JobState, MethodName } from '../core/api/contract';
import { AppError } from '../core/errors';
import { importKinds } from '../core/domain/sheet-fields';
import { intFlag, UsageError, type Flags } from './args';
import { importUsage } from './import-usage';

// `ledger import`: the same steps the UI takes, over the same dispatch — upload the file,
// preview it as a job, and (unless --dry-run) commit the preview as a job.


const chunkBytes = 1024 * 1024;

async function call<K extends MethodName>(backend: Backend, method: K, input: unknown): Promise<ApiOutput<K>> {
  const envelope: Envelope = await dispatch(backend, method, input);
  if (!envelope.ok) throw new AppError(envelope.error.code as never, envelope.error.message);
  return envelope.value as ApiOutput<K>;
}

async function uploadFile(backend: Backend, file: string): Promise<string> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError('INVALID_INPUT', `找不到要导入的文件“${file}”，请检查路径。`);
  }
  if (!stat.isFile()) throw new AppError('INVALID_INPUT', `“${file}”是文件夹，不是表格文件；请给出要导入的 .xlsx 或 .csv 文件。`);
  const size = stat.size;
  const { uploadId } = await call(backend, 'file.uploadBegin', { name: path.basename(file), size });
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    for (let offset = 0; offset < size; ) {
      const read = fs.readSync(fd, buffer, 0, chunkBytes, offset);
      await call(backend, 'file.uploadChunk', { uploadId, offset, dataBase64: buffer.subarray(0, read).toString('base64') });
      offset += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  await call(backend, 'file.uploadFinish', { uploadId });
  return uploadId;
}

/** --progress: one stderr line per step of a job (读取文件 1200/100000 …), so a long import is seen moving. */
type ProgressLine = ((state: JobState) => void) | null;

function progressLines(enabled: boolean): ProgressLine {
  if (!enabled) return null;
  let last = '';
  return (state) => {
    const line = `${state.phase} ${state.done}/${state.total ?? '?'}`;
    if (line !== last) process.stderr.write(`${line}\n`);
    last = line;
  };
}

async function waitFor(backend: Backend, jobId: string, progress: ProgressLine): Promise<JobState> {
  for (;;) {
    const state = await call(backend, 'job.get', { jobId });
    progress?.(state);
    if (state.state !== 'running') {
      if (state.error) throw new AppError(state.error.code as never, state.error.message);
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function runImport(backend: Backend, flags: Flags, rest: string[]): Promise<unknown> {
  const file = rest[0];
  if (!file) throw new UsageError(`请指定要导入的文件。\n${importUsage}`);
  if (rest.length > 1) throw new UsageError(`一次只能导入一个文件，收到了 ${rest.length} 个（${rest.join('、')}）；请逐个导入。`);
  if (!fs.existsSync(file)) throw new UsageError(`找不到文件 ${file}。`);
  const kind = flags.kind;
  if (!kind || !(importKinds as readonly string[]).includes(kind)) throw new UsageError(`--kind 应为 ${importKinds.join('、')} 之一。`);
  const encoding = flags.encoding === 'utf-8' ? 'utf8' : flags.encoding;
  // Said with the flag's own name: the API's refusal would name its field (onDuplicate).
  if (encoding !== undefined && !['utf8', 'gbk', 'gb18030'].includes(encoding)) throw new UsageError('--encoding 应为 utf8 或 gbk。');
  const onDuplicate = flags['on-duplicate'];
  if (onDuplicate !== undefined && !['update', 'keep', 'reject'].includes(onDuplicate)) throw new UsageError('--on-duplicate 应为 update（更新台账）、keep（保留台账，默认）或 reject（拒绝该行）。');

  const progress = progressLines(flags.progress === true);
  const uploadId = await uploadFile(backend, file);
  try {
    return await previewAndCommit(backend, flags, uploadId, kind, encoding, progress);
  } finally {
    // The copy beside the ledger may hold full ID numbers; nothing reads it after this command.
    await dispatch(backend, 'file.uploadDiscard', { uploadId });
  }
}

async function previewAndCommit(backend: Backend, flags: Flags, uploadId: string, kind: string, encoding: string | undefined, progress: ProgressLine): Promise<unknown> {
  const { jobId } = await call(backend, 'import.preview', {
    uploadId,
    kind,
    ...(flags.sheet ? { sheet: flags.sheet } : {}),
    ...(encoding ? { encoding } : {}),
    orgId: flags.org ? intFlag(flags.org, 'org') : null,
    scopeOrgId: flags.scope ? intFlag(flags.scope, 'scope') : null,
    createOrgsUnder: flags['create-orgs-under'] ? intFlag(flags['create-orgs-under'], 'create-orgs-under') : null,
    onDuplicate: flags['on-duplicate'] ?? 'keep',
    createTeams: flags['create-teams'],
  });
  const preview = (await waitFor(backend, jobId, progress)).preview!;
  if (preview.missingRequired.length > 0) {
    throw new AppError('NO_TABLE', `${preview.sheets.length > 1 ? `工作表“${preview.sheet}”` : `“${preview.fileName}”`}缺少必填列：${preview.missingRequired.join('、')}。请检查表头，或在程序的导入预览中手动对应列。`);
  }
  // The contract's shape (issue 5), plus the id of the import for 撤销 when one was committed.
  const summary = {
    inserted: preview.counts.inserted,
    updated: preview.counts.updated,
    unchanged: preview.counts.unchanged,
    rejected: preview.rejected,
    warnings: preview.warnings,
  };
  if (flags['dry-run'] || preview.counts.inserted + preview.counts.updated === 0) return { ...summary, importId: null };
  const commit = await call(backend, 'import.commit', { jobId });
  const result = (await waitFor(backend, commit.jobId, progress)).result!;
  return { ...summary, importId: result.importId };
}
