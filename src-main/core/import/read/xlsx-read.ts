// Streams one sheet of an xlsx: yauzl opens the zip (random access through the central directory,
// so only the chosen sheet is inflated, nothing is spilled to temp files, and every entry's size
// is checked while inflating); the shared strings, styles and the sheet itself are read by this
// folder's own scanners (shared-strings.ts, styles.ts, sheet-scanner.ts) — see the README's
// design notes for why not exceljs's streaming reader.
import type { Readable } from 'node:stream';
import type { Entry } from 'yauzl';
import { AppError } from '../../errors';
import { RowBatcher, abortable } from './batcher';
import { refuse, throwIfAborted } from './refusals';
import { readSharedStrings } from './shared-strings';
import { SheetScanner } from './sheet-scanner';
import { parseDateStyles } from './styles';
import { checkDeclaredSizes, listEntries, openZip, readPackage, readPart, type SheetEntry, type XlsxPackage } from './xlsx-package';
import type { RawRow, ReadOptions, RowSink, SheetRead } from './types';

export async function inspectXlsx(file: string): Promise<XlsxPackage> {
  const zip = await openZip(file);
  try {
    const entries = await listEntries(zip);
    checkDeclaredSizes(entries);
    return await readPackage(zip, entries);
  } finally {
    zip.close();
  }
}

export async function readXlsx(file: string, opts: ReadOptions, sink: RowSink): Promise<SheetRead> {
  const zip = await openZip(file);
  const open: Readable[] = [];
  let sheetName: string | null = null;
  try {
    const entries = await listEntries(zip);
    checkDeclaredSizes(entries);
    const pkg = await readPackage(zip, entries);
    const target = pickSheet(pkg, opts.sheet);
    sheetName = target.name;
    const stream = async (entry: Entry) => {
      const s = await zip.openReadStreamPromise(entry);
      s.on('error', () => undefined);
      open.push(s);
      return s;
    };
    const parts = { entries, stream, text: (entry: Entry) => readPart(zip, entry) };
    return await abortable(readTarget(pkg, target, parts, opts, sink), opts.signal);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw sheetName ? refuse.corruptSheet(sheetName) : refuse.corruptZip();
  } finally {
    for (const s of open) s.destroy();
    zip.close();
  }
}

function pickSheet(pkg: XlsxPackage, name: string | undefined): SheetEntry {
  if (pkg.sheets.length === 0) throw refuse.noSheets();
  if (name === undefined) return pkg.sheets[0] as SheetEntry;
  const found = pkg.sheets.find((s) => s.name === name);
  if (!found) throw refuse.noSheet(name, pkg.sheets.map((s) => s.name));
  return found;
}

interface Parts {
  entries: Map<string, Entry>;
  stream: (entry: Entry) => Promise<Readable>;
  text: (entry: Entry) => Promise<string>;
}

async function readTarget(pkg: XlsxPackage, target: SheetEntry, parts: Parts, opts: ReadOptions, sink: RowSink): Promise<SheetRead> {
  const sheetEntry = parts.entries.get(target.path);
  if (!sheetEntry) throw refuse.unsupportedSheet(target.name);
  const sharedStrings = pkg.sharedStrings ? parts.entries.get(pkg.sharedStrings) : undefined;
  const strings = sharedStrings ? await readSharedStrings(await parts.stream(sharedStrings), opts.signal) : [];
  const styles = pkg.styles ? parts.entries.get(pkg.styles) : undefined;
  const dateStyles = styles ? parseDateStyles(await parts.text(styles)) : [];
  throwIfAborted(opts.signal);

  const scanner = new SheetScanner({ sheet: target.name, strings, dateStyles, date1904: pkg.date1904 });
  const totalBytes = sheetEntry.uncompressedSize;
  const maxBytes = totalBytes + 1024;
  let bytesRead = 0;
  const batcher = new RowBatcher(sink, (rows) => opts.onProgress?.({ rows, bytesRead, totalBytes }));
  const max = opts.maxRows ?? Infinity;
  let truncated = false;
  // False once maxRows is reached and another row shows up.
  const deliver = async (rows: RawRow[]): Promise<boolean> => {
    for (const row of rows) {
      if (batcher.delivered >= max) return false;
      if (batcher.add(row)) await batcher.flush();
    }
    return true;
  };

  let ended = true;
  for await (const chunk of (await parts.stream(sheetEntry)) as AsyncIterable<Buffer>) {
    throwIfAborted(opts.signal);
    bytesRead += chunk.length;
    if (bytesRead > maxBytes) throw refuse.zipBomb();
    scanner.writeBytes(chunk);
    if (truncated || (await deliver(scanner.takeRows()))) continue;
    truncated = true;
    // A peek still needs the merges, which sit after <sheetData>: scan on without building rows.
    scanner.rowsWanted = false;
    if (opts.skipMerges) {
      ended = false;
      break;
    }
  }
  if (ended) {
    scanner.end();
    if (!truncated && !(await deliver(scanner.takeRows()))) truncated = true;
  }
  await batcher.flush();
  return { merges: scanner.merges, rowCount: batcher.delivered, truncated, notes: scanner.notes };
}
