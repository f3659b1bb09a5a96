import type { DownloadRef, UploadedFile } from '../../../src-main/core/api/contract';
import { invoke } from './client';

// Files cross the one API contract in 1 MiB base64 chunks, the same over Electron IPC and the
// loopback host; the backend keeps them beside the ledger and hands back opaque ids.

const chunkBytes = 1024 * 1024;

export type Progress = (done: number, total: number) => void;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks of 32 KiB keep String.fromCharCode's argument list within engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function uploadFile(file: File, onProgress?: Progress): Promise<UploadedFile> {
  const { uploadId } = await invoke('file.uploadBegin', { name: file.name, size: file.size });
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    await invoke('file.uploadChunk', { uploadId, offset, dataBase64: toBase64(bytes) });
    onProgress?.(Math.min(offset + chunkBytes, file.size), file.size);
  }
  return invoke('file.uploadFinish', { uploadId });
}

/**
 * Fetches a produced file and hands it to the browser's download (Electron shows a save dialog).
 * Once the Blob holds the bytes, the backend's copy is discarded: it may hold full ID numbers.
 */
export async function downloadFile(token: string, fileName: string, onProgress?: Progress): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let blob: Blob;
  try {
    for (;;) {
      const chunk = await invoke('file.read', { token, offset });
      parts.push(fromBase64(chunk.dataBase64));
      offset = chunk.offset;
      onProgress?.(offset, chunk.size);
      if (chunk.done) break;
    }
    const type = fileName.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    blob = new Blob(parts, { type });
  } finally {
    // Also after a failed read: the clerk exports again, and a stale copy should not linger.
    await invoke('file.discard', { token }).catch(() => undefined);
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns control; a delay covers slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type { DownloadRef };
