// Streams one sheet of an xlsx with exceljs's streaming parsers (WorkbookReader's shared-strings and
// styles parsing, cached so dates come as dates; WorksheetReader for the rows), while yauzl opens
// the zip. WorkbookReader's own unzipping (unzipper, sequential) is not used: on a package in
// Excel's own order (sheets before sharedStrings.xml) with several sheets it loses entries — shared
// strings come out empty, or the read never finishes. Random access also means only the chosen
// sheet is inflated, nothing is spilled to temp files, and yauzl checks every entry's size while
// inflating.
import Module, { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { isMainThread } from 'node:worker_threads';
import type { Entry } from 'yauzl';
import { AppError } from '../../errors';
import { RowBatcher, abortable } from './batcher';
import { toRawCell } from './cells';
import { MAX_COLUMNS, MAX_ROWS, refuse, throwIfAborted } from './refusals';
import { SheetTap } from './sheet-tap';
import { checkDeclaredSizes, listEntries, openZip, readPackage, type SheetEntry, type XlsxPackage } from './xlsx-package';
import type { RawCell, ReadOptions, RowSink, SheetRead } from './types';

// The parts of exceljs's streaming classes used here; its typings leave them out.
interface StreamCell { value: unknown; numFmt?: string }
interface StreamRow { number: number; eachCell(opts: { includeEmpty: boolean }, fn: (cell: StreamCell, col: number) => void): void }
type StreamWorksheet = AsyncIterable<StreamRow>;
interface StreamWorkbook {
  options: Record<string, string>;
  properties?: { model: { date1904: boolean } };
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
}
type WorkbookReaderClass = new (input: null, options: Record<string, string>) => StreamWorkbook;
type WorksheetReaderClass = new (args: { workbook: StreamWorkbook; id: number; iterator: AsyncIterable<Buffer>; options: Record<string, string> }) => StreamWorksheet;

// Required by path: loads the streaming reader without the rest of exceljs (writers, the
// in-memory workbook), which halves a worker's start-up. Required on first read, not at load: the
// process that starts the worker imports this module too but never parses a sheet itself.
let readers: { WorkbookReader: WorkbookReaderClass; WorksheetReader: WorksheetReaderClass } | null = null;
function streamReaders(): NonNullable<typeof readers> {
  if (!readers) {
    const requireExcel = createRequire(import.meta.url);
    if (!isMainThread) skipUnzipper(requireExcel.resolve('exceljs/lib/stream/xlsx/workbook-reader.js'));
    readers = {
      WorkbookReader: requireExcel('exceljs/lib/stream/xlsx/workbook-reader.js') as WorkbookReaderClass,
      WorksheetReader: requireExcel('exceljs/lib/stream/xlsx/worksheet-reader.js') as WorksheetReaderClass,
    };
  }
  return readers;
}

/** WorkbookReader requires unzipper when it loads, for its own sequential unzipping, which this reader
 *  replaces with yauzl; loading unzipper (bluebird, fstream, es-abstract: some 200 files) was most of
 *  the worker's start-up. In a worker thread, which only ever reads a sheet here, it gets an empty
 *  module instead; on the main thread the exceljs package may need it, so it is left alone. */
function skipUnzipper(workbookReaderPath: string): void {
  const requireFromReader = createRequire(workbookReaderPath);
  const unzipperPath = requireFromReader.resolve('unzipper');
  if (requireFromReader.cache[unzipperPath]) return;
  const empty = new Module(unzipperPath);
  empty.filename = unzipperPath;
  empty.loaded = true;
  requireFromReader.cache[unzipperPath] = empty;
}

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
    return await abortable(readTarget(pkg, target, entries, stream, opts, sink), opts.signal);
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

async function readTarget(
  pkg: XlsxPackage,
  target: SheetEntry,
  entries: Map<string, Entry>,
  stream: (entry: Entry) => Promise<Readable>,
  opts: ReadOptions,
  sink: RowSink,
): Promise<SheetRead> {
  const sheetEntry = entries.get(target.path);
  if (!sheetEntry) throw refuse.unsupportedSheet(target.name);
  const { WorkbookReader, WorksheetReader } = streamReaders();
  const book = new WorkbookReader(null, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  book.properties = { model: { date1904: pkg.date1904 } };
  const sharedStrings = pkg.sharedStrings ? entries.get(pkg.sharedStrings) : undefined;
  if (sharedStrings) for await (const _ of book._parseSharedStrings(await stream(sharedStrings))) throwIfAborted(opts.signal);
  const styles = pkg.styles ? entries.get(pkg.styles) : undefined;
  if (styles) await book._parseStyles(await stream(styles));
  throwIfAborted(opts.signal);

  const tap = new SheetTap(await stream(sheetEntry), sheetEntry.uncompressedSize + 1024);
  const ws = new WorksheetReader({ workbook: book, id: 1, iterator: tap.chunks(), options: book.options });
  const progress = (rows: number) => opts.onProgress?.({ rows, bytesRead: tap.bytes, totalBytes: sheetEntry.uncompressedSize });
  const batcher = new RowBatcher(sink, progress);
  const max = opts.maxRows ?? Infinity;
  let truncated = false;

  for await (const row of ws) {
    throwIfAborted(opts.signal);
    if (!(row.number <= MAX_ROWS)) throw refuse.tooManyRows(target.name);
    const cells: RawCell[] = [];
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > MAX_COLUMNS) throw refuse.tooManyColumns(target.name);
      const v = toRawCell(cell.value, cell.numFmt, pkg.date1904);
      if (v === null) return;
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = v;
      any = true;
    });
    if (!any) continue;
    if (batcher.delivered >= max) {
      truncated = true;
      break;
    }
    if (batcher.add({ row: row.number, cells })) await batcher.flush();
  }
  await batcher.flush();
  // A peek still needs the merges, which sit after <sheetData>: skim the rest without parsing.
  if (truncated && !opts.skipMerges) await tap.drain(() => throwIfAborted(opts.signal));
  return { merges: tap.merges, rowCount: batcher.delivered, truncated };
}
