import { z } from 'zod';
import { method } from './primitives';

// File transfer over the API itself: uploads in base64 chunks of at most 1 MiB with contiguous
// offsets, downloads by token in the same chunks. Ids and tokens are opaque; a path never
// crosses the contract.

const opaqueId = z.string().regex(/^[0-9a-f]{32}$/, { message: '编号无效' });
const maxChunkBase64 = Math.ceil((1024 * 1024) / 3) * 4;

export const uploadedFile = z.object({ uploadId: z.string(), name: z.string(), size: z.number().int() });

/** What an export or template produced: fetch it with file.read, then drop it with file.discard. */
export const downloadRef = z.object({ token: z.string(), fileName: z.string(), size: z.number().int() });

export const fileMethods = {
  'file.uploadBegin': method(
    z.object({ name: z.string().trim().min(1, { message: '不能为空' }).max(255), size: z.number().int().min(0) }).strict(),
    z.object({ uploadId: z.string() }),
  ),
  'file.uploadChunk': method(
    z.object({ uploadId: opaqueId, offset: z.number().int().min(0), dataBase64: z.string().max(maxChunkBase64, { message: '每块不能超过 1 MB' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '应为 base64 编码' }) }).strict(),
    z.object({ received: z.number().int() }),
  ),
  'file.uploadFinish': method(z.object({ uploadId: opaqueId }).strict(), uploadedFile),
  /** Deletes an upload nothing will read again (it may hold full ID numbers). Idempotent. */
  'file.uploadDiscard': method(z.object({ uploadId: opaqueId }).strict(), z.object({ discarded: z.boolean() })),
  'file.read': method(
    z.object({ token: opaqueId, offset: z.number().int().min(0).default(0) }).strict(),
    z.object({ dataBase64: z.string(), offset: z.number().int(), size: z.number().int(), done: z.boolean() }),
  ),
  /** Deletes a produced file once the caller has its copy (it may hold full ID numbers). Idempotent. */
  'file.discard': method(z.object({ token: opaqueId }).strict(), z.object({ discarded: z.boolean() })),
} as const;

export type UploadedFile = z.output<typeof uploadedFile>;
export type DownloadRef = z.output<typeof downloadRef>;
