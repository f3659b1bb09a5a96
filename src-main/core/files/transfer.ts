import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fail } from '../errors';

// File transfer through the API itself (IPC, loopback HTTP and CLI alike): uploads arrive in
// base64 chunks and downloads leave the same way, so no transport needs a file channel of its
// own. Files live beside the database; the renderer only ever holds opaque ids, never a path.

export const chunkBytes = 1024 * 1024;
export const maxUploadBytes = 100 * 1024 * 1024;
const maxAgeMs = 24 * 60 * 60 * 1000;
const idPattern = /^[0-9a-f]{32}$/;

interface UploadMeta {
  name: string;
  size: number;
  finished: boolean;
}

interface DownloadMeta {
  file: string;
  fileName: string;
  size: number;
}

/** The folder beside the database; an in-memory database (tests) gets one per process. */
export function dataDir(dbFile: string): string {
  return dbFile === ':memory:' || dbFile === '' ? path.join(os.tmpdir(), `hongh-ledger-${process.pid}`) : path.dirname(path.resolve(dbFile));
}

export function uploadsDir(dbFile: string): string {
  return path.join(dataDir(dbFile), 'imports', 'uploads');
}

export function exportsDir(dbFile: string): string {
  return path.join(dataDir(dbFile), 'exports');
}

function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

/** Removes what earlier sessions left behind; a file still being read by someone is at most a day old. */
function sweep(dir: string, now: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > maxAgeMs) fs.rmSync(file, { force: true });
    } catch {
      // another process removed it first
    }
  }
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** A file name from the renderer is a label only: no folders, no control characters, bounded. */
/** A file name Windows accepts: an organisation's name may hold \ / : * ? " < > |. */
export function cleanName(name: string): string {
  const base = name.replace(/[\\/:*?"<>|]/g, '_').replace(/\p{Cc}/gu, '').trim().slice(0, 200);
  return base === '' ? '未命名文件' : base;
}

function uploadFiles(dbFile: string, uploadId: string) {
  if (!idPattern.test(uploadId)) fail('JOB_NOT_FOUND', '「上传编号」无效，请重新选择文件上传。');
  const dir = uploadsDir(dbFile);
  return { meta: path.join(dir, `${uploadId}.json`), data: path.join(dir, `${uploadId}.bin`) };
}

export function beginUpload(dbFile: string, name: string, size: number, now = Date.now()): { uploadId: string } {
  if (size > maxUploadBytes) fail('FILE_TOO_LARGE', `文件“${cleanName(name)}”有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 100 MB 的上限，请拆分后再导入。`);
  const dir = ensureDir(uploadsDir(dbFile));
  sweep(dir, now);
  const uploadId = newId();
  const files = uploadFiles(dbFile, uploadId);
  fs.writeFileSync(files.data, '');
  fs.writeFileSync(files.meta, JSON.stringify({ name: cleanName(name), size, finished: false } satisfies UploadMeta));
  return { uploadId };
}

function loadUpload(dbFile: string, uploadId: string) {
  const files = uploadFiles(dbFile, uploadId);
  const meta = readJson<UploadMeta>(files.meta);
  if (!meta || !fs.existsSync(files.data)) fail('JOB_NOT_FOUND', '找不到这次上传，可能已过期（超过一天），请重新选择文件上传。');
  return { files, meta };
}

export function appendUploadChunk(dbFile: string, uploadId: string, offset: number, dataBase64: string): { received: number } {
  const { files, meta } = loadUpload(dbFile, uploadId);
  if (meta.finished) fail('INVALID_STATE', '这次上传已完成，不能再追加内容。');
  const data = Buffer.from(dataBase64, 'base64');
  if (data.length > chunkBytes) fail('INVALID_INPUT', '「文件块」每块不能超过 1 MB。');
  const current = fs.statSync(files.data).size;
  if (offset !== current) fail('INVALID_INPUT', `「文件块位置」应从第 ${current} 字节接着上传，收到的是第 ${offset} 字节。`);
  if (current + data.length > meta.size || current + data.length > maxUploadBytes) fail('FILE_TOO_LARGE', `上传的内容超过了开始时声明的大小（${meta.size} 字节）。`);
  fs.appendFileSync(files.data, data);
  return { received: current + data.length };
}

export function finishUpload(dbFile: string, uploadId: string): { uploadId: string; name: string; size: number } {
  const { files, meta } = loadUpload(dbFile, uploadId);
  const size = fs.statSync(files.data).size;
  if (size !== meta.size) fail('INVALID_INPUT', `文件“${meta.name}”只收到 ${size} 字节，应为 ${meta.size} 字节，请重新上传。`);
  fs.writeFileSync(files.meta, JSON.stringify({ ...meta, finished: true } satisfies UploadMeta));
  return { uploadId, name: meta.name, size };
}

/**
 * Deletes an upload once nothing will read it again (a command-line import that has finished, a
 * wizard done with its file): the copy may hold full ID numbers and must not wait a day for the
 * sweep. Idempotent, like discardDownload.
 */
export function discardUpload(dbFile: string, uploadId: string): { discarded: boolean } {
  const files = uploadFiles(dbFile, uploadId);
  const discarded = fs.existsSync(files.data) || fs.existsSync(files.meta);
  fs.rmSync(files.data, { force: true });
  fs.rmSync(files.meta, { force: true });
  return { discarded };
}

/** Where a finished upload is on disk, for the import engine; the id is the only thing the renderer sends. */
export function uploadPath(dbFile: string, uploadId: string): { path: string; name: string } {
  const { files, meta } = loadUpload(dbFile, uploadId);
  if (!meta.finished) fail('INVALID_STATE', `文件“${meta.name}”还没有上传完成。`);
  return { path: files.data, name: meta.name };
}

/** A fresh path in the exports folder for a file about to be produced (the extension as given). */
export function newExportPath(dbFile: string, extension: string, now = Date.now()): string {
  const dir = ensureDir(exportsDir(dbFile));
  sweep(dir, now);
  return path.join(dir, `${newId()}.${extension.replace(/[^a-z0-9]/gi, '')}`);
}

/** Makes a produced file downloadable by token; only files in the exports folder qualify. */
export function registerDownloadFile(dbFile: string, file: string, fileName: string): { token: string; fileName: string; size: number } {
  const dir = ensureDir(exportsDir(dbFile));
  const resolved = path.resolve(file);
  if (path.dirname(resolved) !== path.resolve(dir)) throw new Error('registerDownload: the file must be in the exports folder');
  const size = fs.statSync(resolved).size;
  const token = newId();
  const name = cleanName(fileName);
  fs.writeFileSync(path.join(dir, `${token}.json`), JSON.stringify({ file: path.basename(resolved), fileName: name, size } satisfies DownloadMeta));
  return { token, fileName: name, size };
}

/**
 * Deletes a produced file and its token as soon as the caller has its copy: an export with full
 * ID numbers must not wait a day for the sweep. Idempotent, so a retry or a second window's
 * discard is not an error; `discarded` says whether anything was still there.
 */
export function discardDownload(dbFile: string, token: string): { discarded: boolean } {
  if (!idPattern.test(token)) fail('JOB_NOT_FOUND', '「下载编号」无效。');
  const dir = exportsDir(dbFile);
  const metaFile = path.join(dir, `${token}.json`);
  const meta = readJson<DownloadMeta>(metaFile);
  let discarded = false;
  if (meta && /^[0-9a-f]{32}\.[a-z0-9]+$/i.test(meta.file)) {
    const data = path.join(dir, meta.file);
    discarded = fs.existsSync(data);
    fs.rmSync(data, { force: true });
  }
  // The token goes last, so a discard interrupted halfway can be repeated.
  if (fs.existsSync(metaFile)) discarded = true;
  fs.rmSync(metaFile, { force: true });
  return { discarded };
}

export function readDownloadChunk(dbFile: string, token: string, offset: number): { dataBase64: string; offset: number; size: number; done: boolean } {
  const notFound = () => fail('JOB_NOT_FOUND', '找不到要下载的文件，可能已过期（超过一天），请重新导出。');
  if (!idPattern.test(token)) notFound();
  const dir = exportsDir(dbFile);
  const meta = readJson<DownloadMeta>(path.join(dir, `${token}.json`));
  if (!meta || !/^[0-9a-f]{32}\.[a-z0-9]+$/i.test(meta.file)) return notFound();
  if (offset > meta.size) fail('INVALID_INPUT', `「读取位置」超出了文件大小（${meta.size} 字节）。`);
  let fd: number;
  try {
    fd = fs.openSync(path.join(dir, meta.file), 'r');
  } catch {
    return notFound();
  }
  try {
    const buffer = Buffer.alloc(Math.min(chunkBytes, meta.size - offset));
    const read = fs.readSync(fd, buffer, 0, buffer.length, offset);
    const next = offset + read;
    return { dataBase64: buffer.subarray(0, read).toString('base64'), offset: next, size: meta.size, done: next >= meta.size };
  } finally {
    fs.closeSync(fd);
  }
}
