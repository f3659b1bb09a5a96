import type { ApiInput, ImportPreview, ImportResult, JobState } from '../../src-main/core/api/contract';
import type { TestLedger } from './backend';

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

type PreviewInput = Omit<ApiInput<'import.preview'>, 'uploadId'>;

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
