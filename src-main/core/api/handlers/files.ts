import type { ApiOutput, ParsedInput } from '../contract';
import { query, type ReadContext } from '../handler';
import { appendUploadChunk, beginUpload, discardDownload, discardUpload, finishUpload, readDownloadChunk, registerDownloadFile, uploadPath } from '../../files/transfer';

// Uploads and downloads touch files beside the database, never the database itself, so they
// are queries: no transaction, no change history.
export const fileHandlers = {
  'file.uploadBegin': query(async (ctx, input: ParsedInput<'file.uploadBegin'>): Promise<ApiOutput<'file.uploadBegin'>> => beginUpload(ctx.dbFile, input.name, input.size, ctx.now.getTime())),
  'file.uploadChunk': query(async (ctx, input: ParsedInput<'file.uploadChunk'>): Promise<ApiOutput<'file.uploadChunk'>> => appendUploadChunk(ctx.dbFile, input.uploadId, input.offset, input.dataBase64)),
  'file.uploadFinish': query(async (ctx, input: ParsedInput<'file.uploadFinish'>): Promise<ApiOutput<'file.uploadFinish'>> => finishUpload(ctx.dbFile, input.uploadId)),
  'file.uploadDiscard': query(async (ctx, input: ParsedInput<'file.uploadDiscard'>): Promise<ApiOutput<'file.uploadDiscard'>> => discardUpload(ctx.dbFile, input.uploadId)),
  'file.read': query(async (ctx, input: ParsedInput<'file.read'>): Promise<ApiOutput<'file.read'>> => readDownloadChunk(ctx.dbFile, input.token, input.offset)),
  'file.discard': query(async (ctx, input: ParsedInput<'file.discard'>): Promise<ApiOutput<'file.discard'>> => discardDownload(ctx.dbFile, input.token)),
};

/** The finished upload behind an id, for the import engine. Refuses malformed or unknown ids. */
export function resolveUpload(ctx: Pick<ReadContext, 'dbFile'>, uploadId: string): { path: string; name: string } {
  return uploadPath(ctx.dbFile, uploadId);
}

/** Makes a file produced in the exports folder downloadable through file.read. */
export function registerDownload(ctx: Pick<ReadContext, 'dbFile'>, path: string, fileName: string): { token: string; fileName: string; size: number } {
  return registerDownloadFile(ctx.dbFile, path, fileName);
}
