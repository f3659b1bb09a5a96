import fs from 'node:fs';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { exceljs } from './exceljs';
import { csvField, xlsxText, type CellValue } from './cells';
import { columnLetters, rowXml } from './row-xml';

// Where exported rows go, one row at a time: an .xlsx written by exceljs' streaming writer
// (rows leave a page at a time, so memory stays flat whatever the row count) or a UTF-8 CSV with BOM.

export interface SheetColumn {
  label: string;
  width: number;
  text?: boolean | undefined;
  date?: boolean | undefined;
  /** Amounts in 元, shown with two decimals (440.00). */
  money?: boolean | undefined;
}

export interface SheetSink {
  add(values: readonly CellValue[]): void;
  /** Lets the file stream catch up; called between pages of rows. */
  drain(): Promise<void>;
  finish(): Promise<void>;
}

export type SheetFormat = 'xlsx' | 'csv';

/** 宋体 with the GB2312 charset: what Excel and WPS on a Chinese Windows show; LibreOffice substitutes a CJK font. */
export const cjkFont = { name: '宋体', size: 11, charset: 134 } as const;
export const dateFormat = 'yyyy-mm-dd';

export function columnStyle(column: SheetColumn): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = { font: { ...cjkFont } };
  if (column.text) style.numFmt = '@';
  if (column.date) style.numFmt = dateFormat;
  if (column.money) style.numFmt = '0.00';
  return style;
}

/** Sets widths and column styles, writes the bold header row and freezes it. */
export function writeHeader(sheet: ExcelJS.Worksheet, columns: readonly SheetColumn[]): void {
  sheet.columns = columns.map((c) => ({ width: c.width, style: columnStyle(c) }));
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = xlsxText(c.label);
    cell.font = { ...cjkFont, bold: true };
    cell.alignment = { vertical: 'middle' };
  });
  header.commit();
}

/** The exceljs internals the sink steers: the sheet's stream, the styles table, what lies downstream. */
interface SheetStream {
  write(xml: string): unknown;
  /** archiver's entry PassThrough (readable-stream 2, so no writableLength). */
  pipes?: Array<{ writableLength?: number; _writableState?: { length?: number } }>;
}
interface BookInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
  zip?: { readableLength?: number };
  stream?: { writableLength?: number };
}

/**
 * Rows leave in chunks of a few dozen rows: few enough writes that deflate's per-chunk thread-pool
 * round trip does not count (exceljs writes every row as its own chunk), and small enough strings
 * to die young (a whole page as one string would be a large object, kept until a full collection).
 */
const chunkChars = 16 * 1024;

/** A few pages of XML: deflate works through one on the thread pool while the next is built. */
const maxPendingBytes = 2 * 1024 * 1024;

/**
 * The header goes through exceljs (columns, widths, frozen pane, styles); data rows are written
 * by rowXml into the sheet's stream, a chunk at a time, and exceljs closes the sheet and the
 * workbook. exceljs has no backpressure, so a fast reader would pile the whole sheet up in
 * memory while deflate catches up: before the next page we wait until what is queued in the
 * entry's pipe, the zip and the file stream is small again.
 */
export function openXlsxSink(file: string, sheetName: string, columns: readonly SheetColumn[]): SheetSink {
  const excel = exceljs();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  writeHeader(sheet, columns);
  const book = workbook as unknown as BookInternals;
  const stream = (sheet as unknown as { stream: SheetStream }).stream;
  // The cellXfs index of each column's style, as exceljs would assign it to a cell of that column.
  const styleIds = columns.map((c) => book.styles.addStyleModel(columnStyle(c), c.date ? excel.ValueType.Date : excel.ValueType.String));
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const queued = (p: NonNullable<SheetStream['pipes']>[number]) => p.writableLength ?? p._writableState?.length ?? 0;
  const pending = () => (stream.pipes ?? []).reduce((n, p) => n + queued(p), 0) + (book.zip?.readableLength ?? 0) + (book.stream?.writableLength ?? 0);
  let chunk = '';
  let next = 2;
  const flush = () => {
    if (chunk !== '') stream.write(chunk);
    chunk = '';
  };
  return {
    add(values) {
      chunk += rowXml(next++, values, letters, styleIds);
      if (chunk.length >= chunkChars) flush();
    },
    async drain() {
      flush();
      await new Promise((resolve) => setImmediate(resolve));
      while (pending() > maxPendingBytes) await new Promise((resolve) => setTimeout(resolve, 1));
    },
    async finish() {
      flush();
      sheet.commit();
      await workbook.commit();
    },
  };
}

export function openCsvSink(file: string, columns: readonly SheetColumn[]): SheetSink {
  const out = fs.createWriteStream(file);
  const line = (fields: readonly CellValue[]) => `${fields.map(csvField).join(',')}\r\n`;
  // A BOM so that Excel on Windows reads the file as UTF-8 instead of the ANSI code page.
  out.write(`\uFEFF${line(columns.map((c) => c.label))}`);
  return {
    add(values) {
      out.write(line(values));
    },
    async drain() {
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async finish() {
      out.end();
      await once(out, 'finish');
    },
  };
}
