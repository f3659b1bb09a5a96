import { exceljs } from './exceljs';
import { importKindLabels, type ImportKind } from '../domain/sheet-fields';
import { exportColumns } from './columns';
import { xlsxText } from './cells';
import { cjkFont, writeHeader } from './sheet-sink';

// The blank sheet a township fills in: the export's header row with its text and date formats
// preset on the columns (so a typed ID number stays text), and a 填写说明 sheet per column.

export async function writeTemplate(file: string, kind: ImportKind): Promise<void> {
  const columns = exportColumns(kind);
  const workbook = new (exceljs().stream.xlsx.WorkbookWriter)({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(importKindLabels[kind], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  writeHeader(sheet, columns);
  sheet.commit();

  const help = workbook.addWorksheet('填写说明', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const helpColumns = [
    { label: '列名', width: 24 },
    { label: '是否必填', width: 10 },
    { label: '填写说明', width: 80 },
  ];
  writeHeader(help, helpColumns);
  columns.forEach((c, i) => {
    const row = help.getRow(i + 2);
    row.getCell(1).value = xlsxText(c.label);
    row.getCell(2).value = xlsxText(c.required ? '必填' : '选填');
    row.getCell(3).value = xlsxText(c.hint);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.commit();
  });
  const note = help.getRow(columns.length + 3);
  note.getCell(1).value = xlsxText('请在第一张表的第 2 行起逐行填写，每行一人（一条），不要改动第 1 行的列名，不要加标题行或合计行。');
  note.getCell(1).font = { ...cjkFont, bold: true };
  note.commit();
  if (kind === 'youth-members') {
    const youth = help.getRow(columns.length + 4);
    youth.getCell(1).value = xlsxText('本表只填青少年会员（未满 18 周岁，会员类型可不填）；未满 14 周岁的须同时填写监护人姓名和监护人电话。');
    youth.getCell(1).font = { ...cjkFont, bold: true };
    youth.commit();
  }
  help.commit();
  await workbook.commit();
}
