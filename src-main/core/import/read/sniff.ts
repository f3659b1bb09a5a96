// What a file really is, decided by its bytes, never by its extension: clerks receive HTML and text
// exports named .xls, and renamed .xlsx files.
import { open } from 'node:fs/promises';
import { refuse } from './refusals';

export type FileKind = 'zip' | 'text';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16le = (s: string) => Buffer.from(s, 'utf16le');

/** Returns 'zip' (an xlsx candidate) or 'text' (a CSV candidate); throws a refusal for anything else. */
export async function sniffFile(file: string, size: number): Promise<FileKind> {
  if (size === 0) throw refuse.empty();
  const head = await readHead(file, 4096);
  if (head.subarray(0, 8).equals(CFB_MAGIC)) throw await classifyCfb(file);
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  // Excel's 另存为“Unicode 文本”: tab-separated UTF-16 with a BOM, read as text (csv-detect.ts).
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'text';
  const markup = markupKind(head);
  if (markup === 'html') throw refuse.htmlAsXls();
  if (markup === 'xml-spreadsheet') throw refuse.xmlSpreadsheet();
  if (looksBinary(head)) throw refuse.binary();
  return 'text';
}

async function readHead(file: string, n: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** An OLE compound file is either a legacy .xls, a password-protected xlsx (the real workbook is
 *  encrypted inside an EncryptionInfo/EncryptedPackage pair), or another Office 97 document.
 *  Directory entry names are UTF-16LE; scanning for them avoids parsing the FAT chain. */
async function classifyCfb(file: string) {
  const names = { encrypted: utf16le('EncryptionInfo'), workbook: utf16le('Workbook'), book: utf16le('Book\0') };
  let seenWorkbook = false;
  const fh = await open(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    const overlap = 64;
    let pos = 0;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) break;
      const view = chunk.subarray(0, bytesRead);
      if (view.includes(names.encrypted)) return refuse.encrypted();
      if (view.includes(names.workbook) || view.includes(names.book)) seenWorkbook = true;
      if (bytesRead < chunk.length) break;
      pos += bytesRead - overlap;
    }
  } finally {
    await fh.close();
  }
  return seenWorkbook ? refuse.legacyXls() : refuse.otherOfficeBinary();
}

function markupKind(head: Buffer): 'html' | 'xml-spreadsheet' | null {
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart().slice(0, 4096).toLowerCase();
  if (!text.startsWith('<')) return null;
  if (text.includes('urn:schemas-microsoft-com:office:spreadsheet') && !text.includes('<html')) return 'xml-spreadsheet';
  if (/<(!doctype html|html|head|meta|table|body|style|\?xml)/.test(text)) return 'html';
  return null;
}

/** Text never contains NUL bytes or many C0 controls; a binary blob (image, exe, pdf stream) does. */
function looksBinary(head: Buffer): boolean {
  let controls = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  }
  return controls > head.length / 100;
}
