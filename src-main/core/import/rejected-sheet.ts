import { exceljs } from '../export/exceljs';
import { type ImportKind, sheetFields } from '../domain/sheet-fields';
import type { RawCell } from './read/types';
import type { StagedSheet } from './stage';
import type { RowIssue } from './plan/issues';

/**
 * The rows that were not imported, as the township sent them, with an extra 错误原因 column
 * (and the sheet's row number), so they can be fixed and sent again. The columns of text fields
 * (ID numbers, phones, codes) are text cells, never numbers Excel would round; elsewhere a number
 * stays a number (序号, hours), as it was sent, so Excel marks no "number stored as text".
 */
export async function writeRejectedSheet(file: string, kind: ImportKind, staged: StagedSheet, rejected: readonly RowIssue[]): Promise<number> {
  const reasons = new Map<number, string[]>();
  for (const issue of rejected) {
    const list = reasons.get(issue.row) ?? [];
    list.push(`${issue.field}：${issue.reason}`);
    reasons.set(issue.row, list);
  }
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('被拒绝的行', { views: [{ state: 'frozen', ySplit: 1 }] });
  const width = Math.max(0, ...staged.table.columns.map((c) => c.index + 1));
  const headers = Array.from({ length: width }, (_, i) => staged.table.columns.find((c) => c.index === i)?.header ?? '');
  const textFields = new Set(sheetFields[kind].filter((f) => f.text).map((f) => f.key));
  const isText = headers.map((_, i) => {
    const field = staged.table.columns.find((c) => c.index === i)?.field;
    return field !== undefined && field !== null && textFields.has(field);
  });
  const font = { name: '宋体', size: 11 };
  sheet.columns = [
    ...headers.map((h, i) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 4)), style: isText[i] ? { numFmt: '@', font } : { font } })),
    { header: '原表行号', width: 10, style: { font } },
    { header: '错误原因', width: 60, style: { font, alignment: { wrapText: true } } },
  ];
  let written = 0;
  for (const row of staged.rows) {
    const why = reasons.get(row.row);
    if (!why) continue;
    const cells = headers.map((_, i) => asSent(row.cells[i] ?? null, isText[i] === true));
    sheet.addRow([...cells, row.row, why.join('；')]).commit();
    written += 1;
  }
  // Rows rejected before staging (none today) would be missing; every rejection names a staged row.
  await workbook.commit();
  return written;
}

function asSent(cell: RawCell, text: boolean): RawCell {
  if (cell === null || cell instanceof Date) return cell;
  if (typeof cell !== 'string' && !text) return cell;
  return String(cell);
}
