import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fail } from '../errors';
import { dataDir } from '../files/transfer';

// Evidence of a manual check (a scanned document or a photo) is kept inside the app's data
// folder, named by its SHA-256, so the same file uploaded twice is stored once and any later
// change to it shows up when it is hashed again. The type is read from the content, never the
// name: only JPEG, PNG and PDF are accepted.

export const maxEvidenceBytes = 20 * 1024 * 1024;

export type EvidenceMime = 'image/jpeg' | 'image/png' | 'application/pdf';
const extensions: Record<EvidenceMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

export function sniffEvidenceMime(bytes: Buffer): EvidenceMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function evidenceDir(dbFile: string): string {
  return path.join(dataDir(dbFile), 'evidence');
}

/** Relative to the data folder, so a ledger folder moved elsewhere still finds its evidence. */
export function evidenceRelativePath(hash: string, mime: EvidenceMime): string {
  return path.join('evidence', hash.slice(0, 2), `${hash}.${extensions[mime]}`);
}

export interface StoredEvidence {
  sha256: string;
  mime: EvidenceMime;
  size: number;
  storedPath: string;
}

/** Checks and stores the bytes; an identical file already stored is left as it is. */
export function storeEvidenceBytes(dbFile: string, bytes: Buffer, originalName: string): StoredEvidence {
  if (bytes.length === 0) fail('FILE_REFUSED', `证明材料“${originalName}”是空文件。`);
  if (bytes.length > maxEvidenceBytes) fail('FILE_TOO_LARGE', `证明材料“${originalName}”超过 20 MB，请压缩后再上传。`);
  const mime = sniffEvidenceMime(bytes);
  if (!mime) fail('FILE_REFUSED', `证明材料“${originalName}”不是 JPG、PNG 图片或 PDF 文件，只能上传扫描件或照片。`);
  const hash = sha256(bytes);
  const storedPath = evidenceRelativePath(hash, mime);
  const absolute = path.join(dataDir(dbFile), storedPath);
  if (!fs.existsSync(absolute) || sha256(fs.readFileSync(absolute)) !== hash) {
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    // Written beside and renamed, so a crash never leaves a half file under the final name.
    const temp = `${absolute}.${process.pid}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, absolute);
  }
  return { sha256: hash, mime, size: bytes.length, storedPath };
}

export type EvidenceState = 'intact' | 'missing' | 'tampered';

/** Reads a stored file back and hashes it again; the bytes are returned only when intact. */
export function readEvidenceBytes(dbFile: string, storedPath: string, expectedHash: string): { state: EvidenceState; bytes: Buffer | null } {
  const absolute = path.join(dataDir(dbFile), storedPath);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch {
    return { state: 'missing', bytes: null };
  }
  return sha256(bytes) === expectedHash ? { state: 'intact', bytes } : { state: 'tampered', bytes: null };
}

export const evidenceStateMessages: Record<EvidenceState, string | null> = {
  intact: null,
  missing: '证明材料文件已不在数据目录中（可能被移动或删除），请重新上传。',
  tampered: '证明材料文件的内容与登记时的 SHA-256 不一致，可能已被改动，请核实后重新上传。',
};
