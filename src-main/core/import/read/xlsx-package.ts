// The xlsx package read through its zip central directory (yauzl, random access): the safety
// checks that must pass before any XML is parsed, and the small parts (workbook, rels, core
// properties) that list the sheets without touching sheet data.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError } from '../../errors';
import { chinaDateOf } from './china-date';
import { refuse } from './refusals';
import { tags } from './xml-text';

export const MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024;
const SUSPICIOUS_RATIO = 200;
const SUSPICIOUS_PART_BYTES = 50 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
const MAX_META_PART_BYTES = 16 * 1024 * 1024;

export interface SheetEntry {
  name: string;
  hidden: boolean;
  /** Zip path of the sheet XML, e.g. 'xl/worksheets/sheet1.xml'. */
  path: string;
  uncompressedSize: number;
}

export interface XlsxPackage {
  sheets: SheetEntry[];
  /** Zip paths of the shared strings and styles parts, when the workbook has them. */
  sharedStrings: string | null;
  styles: string | null;
  date1904: boolean;
  savedOn: string | null;
}

export async function openZip(file: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    throw refuse.corruptZip();
  }
}

export async function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      if (entries.size > MAX_ENTRIES) throw refuse.zipBomb();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse.corruptZip();
  }
  return entries;
}

/** A zip bomb is refused on what the central directory declares; yauzl then enforces those
 *  declarations while inflating (validateEntrySizes), so an entry that lies fails instead of growing. */
export function checkDeclaredSizes(entries: Map<string, Entry>): void {
  let total = 0;
  for (const [name, e] of entries) {
    total += e.uncompressedSize;
    const isData = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(name);
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (isData && e.uncompressedSize > SUSPICIOUS_PART_BYTES && ratio > SUSPICIOUS_RATIO) throw refuse.zipBomb();
  }
  if (total > MAX_TOTAL_UNCOMPRESSED) throw refuse.zipBomb();
}

export async function readPart(zip: ZipFile, entry: Entry): Promise<string> {
  if (entry.uncompressedSize > MAX_META_PART_BYTES) throw refuse.zipBomb();
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    throw refuse.corruptZip();
  }
}

/** Reads the package's workbook description; refuses zips that are not workbooks. */
export async function readPackage(zip: ZipFile, entries: Map<string, Entry>): Promise<XlsxPackage> {
  const workbook = entries.get('xl/workbook.xml');
  if (!workbook) throw notAWorkbook(entries);
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const core = entries.get('docProps/core.xml');
  const workbookXml = await readPart(zip, workbook);
  const relsXml = rels ? await readPart(zip, rels) : '';
  const coreXml = core ? await readPart(zip, core) : '';

  const targets = new Map<string, { type: string; target: string }>();
  for (const attrs of tags(relsXml, 'Relationship')) {
    if (attrs.Id && attrs.Target) targets.set(attrs.Id, { type: attrs.Type ?? '', target: resolveTarget(attrs.Target) });
  }
  const sheets: SheetEntry[] = [];
  for (const attrs of tags(workbookXml, 'sheet')) {
    const rid = attrs['r:id'] ?? Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1];
    const rel = rid ? targets.get(rid) : undefined;
    // Chart sheets and dialog sheets hold no table.
    if (!rel || !/\/worksheet$/.test(rel.type)) continue;
    const entry = entries.get(rel.target);
    sheets.push({
      name: attrs.name ?? rel.target,
      hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden',
      path: rel.target,
      uncompressedSize: entry?.uncompressedSize ?? 0,
    });
  }
  const part = (type: string, fallback: string) =>
    [...targets.values()].find((t) => t.type.endsWith(`/${type}`))?.target ?? (entries.has(fallback) ? fallback : null);
  const pr = tags(workbookXml, 'workbookPr')[0];
  const modified = /<dcterms:modified\b[^>]*>([^<]+)</.exec(coreXml)?.[1];
  return {
    sheets,
    sharedStrings: part('sharedStrings', 'xl/sharedStrings.xml'),
    styles: part('styles', 'xl/styles.xml'),
    date1904: pr?.date1904 === '1' || pr?.date1904 === 'true',
    savedOn: modified ? chinaDateOf(new Date(modified.trim())) : null,
  };
}

function notAWorkbook(entries: Map<string, Entry>) {
  if (entries.has('word/document.xml')) return refuse.notWorkbook('Word 文档');
  if ([...entries.keys()].some((n) => n.startsWith('ppt/'))) return refuse.notWorkbook('PowerPoint 演示文稿');
  if (entries.has('content.xml') && entries.has('mimetype')) return refuse.notWorkbook('ODF 文档；ODS 表格请另存为 .xlsx');
  return refuse.notWorkbook('普通压缩包');
}

/** Workbook rels targets are relative to xl/ unless absolute ('/xl/worksheets/sheet1.xml'). */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
