// The xlsx reader on files as other programs write them: LibreOffice (explicit s="0" and t="n",
// "General" as a custom format, rich-text shared strings per font run, &#10; line breaks) and
// exceljs (shared or inline strings, styles of its own). Both are read to the same rows.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readSheet, type RawRow } from '../../src-main/core/import/read';
import { makeTmpDir } from '../helpers/import-files';

const tmp = makeTmpDir();
afterAll(() => tmp.cleanup());

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!soffice && !process.env.CI) console.warn('import-read-writers: LibreOffice case skipped — soffice is not installed and CI is unset.');

async function readAll(file: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  await readSheet(file, {}, (batch) => void rows.push(...batch));
  return rows;
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

const expected: RawRow[] = [
  { row: 1, cells: ['姓名', '身份证号码', '出生日期', '数量', '备注'] },
  { row: 2, cells: ['王𠮷芳', '330106195001020007', d(1990, 1, 2), 3.5, 'R&D <总>'] },
  { row: 3, cells: ['李·明', null, d(2024, 3, 5), -2, '第一行\n第二行'] },
  { row: 5, cells: ['𡈽', '12345678901234567X', d(1900, 3, 1), 0, '"引号"'] },
];

describe.skipIf(!soffice && !process.env.CI)('xlsx written by LibreOffice', () => {
  it('reads a sheet LibreOffice converted from CSV (dates detected, quoted IDs kept as text, rich runs joined)', async () => {
    const csv = tmp.path('members.csv');
    writeFileSync(
      csv,
      '姓名,身份证号码,出生日期,数量,备注\n王𠮷芳,"330106195001020007",1990-01-02,3.5,"R&D <总>"\n李·明,,2024-03-05,-2,"第一行\n第二行"\n,,,,\n𡈽,"12345678901234567X",1900-03-01,0,"""引号"""\n',
    );
    const profile = tmp.path('lo-profile');
    // UTF-8, first line 1, quoted fields as text, special numbers (dates) detected.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--infilter=CSV:44,34,76,1,,0,true,true,false,false', '--convert-to', 'xlsx', '--outdir', tmp.dir, csv],
      { timeout: 120_000, stdio: 'pipe' },
    );
    const lo = tmp.path('members.xlsx');
    expect(await readAll(lo)).toEqual(expected);

    // The same workbook saved again by exceljs (its own styles and strings) reads the same.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(lo);
    const again = tmp.path('members-exceljs.xlsx');
    await wb.xlsx.writeFile(again);
    expect(await readAll(again)).toEqual(expected);
  }, 180_000);
});

describe('xlsx written by exceljs', () => {
  it('reads the same rows from shared and inline strings, with dates, formulas and merges', async () => {
    for (const useSharedStrings of [true, false]) {
      const file = tmp.path(`exceljs-${useSharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: true });
      const ws = wb.addWorksheet('名单');
      for (const r of expected) {
        const row = ws.getRow(r.row);
        r.cells.forEach((v, i) => {
          if (v !== null) row.getCell(i + 1).value = v;
          if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
        });
        row.commit();
      }
      const formulas = ws.getRow(6);
      formulas.getCell(1).value = { formula: 'A2&"!"', result: '王𠮷芳!' };
      formulas.getCell(2).value = { formula: 'C2+1', result: 32876 };
      formulas.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
      formulas.getCell(3).value = { formula: 'D2*2', result: 7 };
      formulas.commit();
      ws.mergeCells('A7:B8');
      await wb.commit();
      expect(await readAll(file)).toEqual([...expected, { row: 6, cells: ['王𠮷芳!', d(1990, 1, 3), 7] }]);
    }
  });
});
