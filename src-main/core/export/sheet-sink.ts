import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { csvField, xlsxText, type CellValue } from './cells';

// Where exported rows go, one row at a time: an .xlsx written by exceljs' streaming writer
// (each row committed, so memory stays flat whatever the row count) or a UTF-8 CSV with BOM.

export interface SheetColumn {
  label: string;
  width: number;
  text?: boolean | undefined;
  date?: boolean | undefined;
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

export function openXlsxSink(file: string, sheetName: string, columns: readonly SheetColumn[]): SheetSink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  writeHeader(sheet, columns);
  let next = 2;
  return {
    add(values) {
      const row = sheet.getRow(next++);
      values.forEach((value, i) => {
        if (value === null) return;
        const cell = row.getCell(i + 1);
        cell.value = typeof value === 'string' ? xlsxText(value) : value;
      });
      row.commit();
    },
    drain: () => new Promise((resolve) => setImmediate(resolve)),
    async finish() {
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
