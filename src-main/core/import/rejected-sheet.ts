import { exceljs } from '../export/exceljs';
import type { RawCell } from './read/types';
import type { StagedSheet } from './stage';
import type { RowIssue } from './plan/issues';

/**
 * The rows that were not imported, as the township sent them, with an extra 错误原因 column
 * (and the sheet's row number), so they can be fixed and sent again. Cells keep their text:
 * an ID number stays a string, never a number Excel would round.
 */
export async function writeRejectedSheet(file: string, staged: StagedSheet, rejected: readonly RowIssue[]): Promise<number> {
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
  sheet.columns = [
    ...headers.map((h) => ({ header: h, width: Math.min(40, Math.max(10, h.length * 2 + 4)), style: { numFmt: '@', font: { name: '宋体', size: 11 } } })),
    { header: '原表行号', width: 10, style: { font: { name: '宋体', size: 11 } } },
    { header: '错误原因', width: 60, style: { font: { name: '宋体', size: 11 }, alignment: { wrapText: true } } },
  ];
  let written = 0;
  for (const row of staged.rows) {
    const why = reasons.get(row.row);
    if (!why) continue;
    const cells = headers.map((_, i) => asText(row.cells[i] ?? null));
    sheet.addRow([...cells, row.row, why.join('；')]).commit();
    written += 1;
  }
  // Rows rejected before staging (none today) would be missing; every rejection names a staged row.
  await workbook.commit();
  return written;
}

function asText(cell: RawCell): string | Date | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell;
  return String(cell);
}
