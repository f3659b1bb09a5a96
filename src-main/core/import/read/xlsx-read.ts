// Streams one sheet of an xlsx through exceljs's WorkbookReader (shared strings and styles cached so
// dates come as dates), after the package checks in xlsx-package.ts have passed.
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors';
import { RowBatcher, abortable } from './batcher';
import { toRawCell } from './cells';
import { MAX_COLUMNS, MAX_ROWS, refuse, throwIfAborted } from './refusals';
import { SheetTap } from './sheet-tap';
import { checkDeclaredSizes, listEntries, openZip, readPackage, verifyEntries, type SheetEntry, type XlsxPackage } from './xlsx-package';
import type { RawCell, ReadOptions, RowSink, SheetRead } from './types';

// The parts of exceljs's streaming classes used here that its typings leave out.
interface StreamCell { value: unknown; numFmt?: string }
interface StreamRow { number: number; eachCell(opts: { includeEmpty: boolean }, fn: (cell: StreamCell, col: number) => void): void }
interface StreamWorksheet extends AsyncIterable<StreamRow> { iterator: AsyncIterable<Buffer | string> & { destroy?: () => void } }
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> { on(event: 'entry', fn: (e: { type: string; id?: string }) => void): void }

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
  let pkg: XlsxPackage;
  let target: SheetEntry;
  try {
    const entries = await listEntries(zip);
    checkDeclaredSizes(entries);
    pkg = await readPackage(zip, entries);
    target = pickSheet(pkg, opts.sheet);
    // exceljs only streams parts named like this; anything else it would silently skip.
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(target.path) || !entries.has(target.path)) throw refuse.unsupportedSheet(target.name);
    await verifyEntries(zip, entries, opts.signal);
  } finally {
    zip.close();
  }
  const input = createReadStream(file);
  input.on('error', () => undefined);
  try {
    return await abortable(streamSheet(input, pkg, target, opts, sink), opts.signal);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse.corruptSheet(target.name);
  } finally {
    input.destroy();
  }
}

function pickSheet(pkg: XlsxPackage, name: string | undefined): SheetEntry {
  if (pkg.sheets.length === 0) throw refuse.noSheets();
  if (name === undefined) return pkg.sheets[0] as SheetEntry;
  const found = pkg.sheets.find((s) => s.name === name);
  if (!found) throw refuse.noSheet(name, pkg.sheets.map((s) => s.name));
  return found;
}

async function streamSheet(
  input: NodeJS.ReadableStream,
  pkg: XlsxPackage,
  target: SheetEntry,
  opts: ReadOptions,
  sink: RowSink,
): Promise<SheetRead> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  }) as unknown as StreamWorkbook;
  let current: string | null = null;
  reader.on('entry', (e) => {
    if (e.type === 'worksheet') current = `xl/worksheets/sheet${e.id}.xml`;
  });

  let result: SheetRead | null = null;
  // The loop runs to the end even after the target sheet so exceljs removes the temp files it
  // spills sheets to when sharedStrings.xml comes after them in the zip (Excel's own order).
  for await (const ws of reader) {
    if (result || current !== target.path) {
      ws.iterator.destroy?.();
      continue;
    }
    result = await readRows(ws, pkg, target, opts, sink);
  }
  if (!result) throw refuse.unsupportedSheet(target.name);
  return result;
}

async function readRows(ws: StreamWorksheet, pkg: XlsxPackage, target: SheetEntry, opts: ReadOptions, sink: RowSink): Promise<SheetRead> {
  const tap = new SheetTap(ws.iterator, Math.max(target.uncompressedSize, 1) + 1024);
  ws.iterator = tap.chunks();
  const progress = (rows: number) => opts.onProgress?.({ rows, bytesRead: tap.bytes, totalBytes: target.uncompressedSize });
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
  if (truncated) await tap.drain(() => throwIfAborted(opts.signal));
  return { merges: tap.merges, rowCount: batcher.delivered, truncated };
}
