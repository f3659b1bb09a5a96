import type ExcelJS from 'exceljs';
import { exceljs } from './exceljs';
import type { StatsTables } from '../api/contract/stats';
import { table1Title, table2Title } from '../stats/items';

// 附件1 and 附件2 in the official layout, one sheet each, ready to print on A4 portrait:
// merged title, 序号 / 工作事项 / 单位 / 数值 with borders, then 填报单位 / 填报人 / 联系电话 / 填报日期.

export interface StatsSheetFooter {
  unitName: string;
  clerk: string;
  phone: string | null;
  date: string;
}

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

function addSheet(book: ExcelJS.Workbook, sheetName: string, attachment: string, title: string, rows: StatsTables['table1'], footer: StatsSheetFooter, caption: string): void {
  const ws = book.addWorksheet(sheetName, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } },
  });
  ws.columns = [{ width: 8 }, { width: 44 }, { width: 10 }, { width: 16 }];
  ws.getCell('A1').value = attachment;
  ws.getCell('A1').font = { name: '黑体', size: 12 };
  ws.mergeCells('A2:D2');
  const t = ws.getCell('A2');
  t.value = title;
  t.font = { name: '宋体', size: 18, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(2).height = 36;
  ws.mergeCells('A3:D3');
  ws.getCell('A3').value = caption;
  ws.getCell('A3').font = { name: '仿宋', size: 11 };
  ws.getCell('A3').alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  header.values = ['序号', '工作事项', '单位', '数值'];
  header.height = 24;
  header.eachCell((c) => {
    c.font = { name: '宋体', size: 12, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle' };
    c.border = border;
  });
  rows.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    row.values = [r.item, r.name, r.unit, r.value];
    row.height = 22;
    row.eachCell((c, col) => {
      c.font = { name: '仿宋', size: 12 };
      c.alignment = { horizontal: col === 2 ? 'left' : 'center', vertical: 'middle' };
      c.border = border;
    });
    if (r.unit === '小时') row.getCell(4).numFmt = '0.00';
  });
  const first = 5 + rows.length + 1;
  const lines = [
    `填报单位：${footer.unitName}`,
    `填报人：${footer.clerk}`,
    `联系电话：${footer.phone ?? '____________________'}`,
    `填报日期：${footer.date}`,
  ];
  lines.forEach((text, i) => {
    ws.mergeCells(`A${first + i}:D${first + i}`);
    const c = ws.getCell(`A${first + i}`);
    c.value = text;
    c.font = { name: '仿宋', size: 12 };
  });
  ws.pageSetup.printArea = `A1:D${first + lines.length - 1}`;
}

export async function writeStatsTables(file: string, tables: StatsTables, footer: StatsSheetFooter): Promise<void> {
  const book = new (exceljs().Workbook)();
  book.creator = footer.unitName;
  const mark = tables.provisional ? '（暂行）' : '';
  const asOf = tables.provisional ? `暂行数据，统计截至 ${tables.asOf}` : `统计截至 ${tables.asOf}`;
  addSheet(book, '附件1', '附件1', `${table1Title}${mark}`, tables.table1, footer, `${tables.year} 年度\u3000${asOf}`);
  addSheet(book, '附件2', '附件2', `${table2Title}${mark}`, tables.table2, footer, `${tables.year} 年度\u3000表中“增加数”是指与 ${tables.baselineYear} 年相比的增加数\u3000${asOf}`);
  await book.xlsx.writeFile(file);
}
