import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeStatsTables } from '../../src-main/core/export/stats-tables';
import type { StatsTables } from '../../src-main/core/api/contract';

const line = (item: number, name: string, unit: string, value: number) => ({ item, name, unit, value });

describe('annual tables xlsx', () => {
  it('marks a provisional year 暂行 in both titles and leaves a line for a missing phone', async () => {
    const tables: StatsTables = {
      year: 2026,
      baselineYear: 2020,
      asOf: '2026-06-15',
      baselineAsOf: '2020-12-31',
      provisional: true,
      countyCode: '330106',
      countyName: '杭州市西湖区红十字会',
      table1: [line(14, '红十字会志愿服务总时长', '小时', 12.5)],
      table2: [line(14, '红十字会志愿服务总时长增加数', '小时', -3.25)],
      notes: [],
      finalised: null,
    };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stats-xlsx-')), 't.xlsx');
    await writeStatsTables(file, tables, { unitName: tables.countyName, clerk: '张敏', phone: null, date: '2026-06-15' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const [s1, s2] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(s1.getCell('A2').value).toBe('组织体系建设工作情况调查表（暂行）');
    expect(s2.getCell('A2').value).toBe('组织体系建设年工作成效统计表（暂行）');
    expect(String(s1.getCell('A3').value)).toContain('暂行数据，统计截至 2026-06-15');
    expect(String(s2.getCell('A3').value)).toContain('与 2020 年相比的增加数');
    expect(s1.getRow(5).values).toEqual([undefined, 14, '红十字会志愿服务总时长', '小时', 12.5]);
    expect(s1.getCell('D5').numFmt).toBe('0.00');
    expect(s1.getCell('A9').value).toBe('联系电话：____________________');
    expect(s1.pageSetup.printArea).toBe('A1:D10');
    expect(s1.getCell('A2').font.name).toBe('宋体');
    expect(s1.getCell('B5').font.name).toBe('仿宋');
  });
});
