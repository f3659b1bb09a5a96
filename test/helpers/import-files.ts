// Builds import input files at test time: exceljs for ordinary workbooks, python3 (zipfile, codecs)
// for what Node cannot produce — GBK/GB18030 bytes and hand-made zips (entry order, zip bombs,
// non-workbook packages).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeTmpDir(): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-read-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Text encoded by Python's codecs ('gbk', 'gb18030', 'utf-16' …). */
export function encodeText(text: string, codec: string): Buffer {
  return execFileSync('python3', ['-c', `import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode('utf-8').encode(${JSON.stringify(codec)}))`], {
    input: Buffer.from(text, 'utf8'),
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** An entry given as text, or as `repeat` × `text` streamed into the zip (for bombs). */
export type ZipPart = { name: string; text: string } | { name: string; repeat: string; times: number };

export function writeZip(file: string, parts: ZipPart[]): void {
  const script = `
import json, sys, zipfile
parts = json.load(sys.stdin)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for p in parts:
        if 'text' in p:
            z.writestr(p['name'], p['text'].encode('utf-8'))
        else:
            with z.open(p['name'], 'w', force_zip64=True) as f:
                chunk = p['repeat'].encode('utf-8') * 4096
                for _ in range(p['times'] // 4096):
                    f.write(chunk)
`;
  execFileSync('python3', ['-c', script, file], { input: JSON.stringify(parts) });
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A hand-made xlsx: sheets (name → sheetData inner XML and optional tail such as <mergeCells>),
 *  optional shared strings and cellXfs, parts written in Excel's own order (sheets before
 *  sharedStrings.xml) unless `sharedStringsFirst`. */
export function writeRawXlsx(
  file: string,
  opts: {
    sheets: { name: string; rows: string; tail?: string; state?: 'hidden' }[];
    sharedStrings?: string[];
    cellXfs?: { numFmtId: number }[];
    numFmts?: { id: number; code: string }[];
    date1904?: boolean;
    modified?: string;
    sharedStringsFirst?: boolean;
  },
): void {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const sheetParts: ZipPart[] = opts.sheets.map((s, i) => ({
    name: `xl/worksheets/sheet${i + 1}.xml`,
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>${s.rows}</sheetData>${s.tail ?? ''}</worksheet>`,
  }));
  const workbook: ZipPart = {
    name: 'xl/workbook.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr${opts.date1904 ? ' date1904="1"' : ''}/><sheets>${opts.sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  };
  const rels: ZipPart = {
    name: 'xl/_rels/workbook.xml.rels',
    text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${opts.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rIdSS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  };
  const xfs = opts.cellXfs ?? [{ numFmtId: 0 }];
  const styles: ZipPart = {
    name: 'xl/styles.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}">${
      opts.numFmts ? `<numFmts count="${opts.numFmts.length}">${opts.numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join('')}</numFmts>` : ''
    }<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs
      .map((x) => `<xf numFmtId="${x.numFmtId}" fontId="0" fillId="0" borderId="0" xfId="0"${x.numFmtId ? ' applyNumberFormat="1"' : ''}/>`)
      .join('')}</cellXfs></styleSheet>`,
  };
  const ss = opts.sharedStrings ?? [];
  const shared: ZipPart = {
    name: 'xl/sharedStrings.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${ss.length}" uniqueCount="${ss.length}">${ss.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${esc(s)}</t></si>`)).join('')}</sst>`,
  };
  const core: ZipPart = {
    name: 'docProps/core.xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:modified xsi:type="dcterms:W3CDTF">${opts.modified ?? '2024-03-04T17:30:00Z'}</dcterms:modified></cp:coreProperties>`,
  };
  const contentTypes: ZipPart = {
    name: '[Content_Types].xml',
    text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
  };
  const head = [contentTypes, workbook, rels];
  const parts = opts.sharedStringsFirst ? [...head, shared, styles, ...sheetParts, core] : [...head, ...sheetParts, styles, shared, core];
  writeZip(file, parts);
}

/** Rewrites the uncompressed size an entry declares (local header and central directory) — the
 *  lie a crafted zip bomb tells to get past a central-directory check. */
export function falsifyDeclaredSize(file: string, entryName: string, size: number): void {
  const script = `
import struct, sys
path, name, size = sys.argv[1], sys.argv[2].encode('utf-8'), int(sys.argv[3])
data = bytearray(open(path, 'rb').read())
for sig, size_at, name_len_at, name_at in ((b'PK\\x03\\x04', 22, 26, 30), (b'PK\\x01\\x02', 24, 28, 46)):
    i = data.find(sig)
    while i >= 0:
        n = struct.unpack_from('<H', data, i + name_len_at)[0]
        if bytes(data[i + name_at:i + name_at + n]) == name:
            struct.pack_into('<I', data, i + size_at, size)
        i = data.find(sig, i + 4)
open(path, 'wb').write(data)
`;
  execFileSync('python3', ['-c', script, file, entryName, String(size)]);
}
