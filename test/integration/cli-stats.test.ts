import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestLedger } from '../helpers/backend';
import { buildStatsCounty } from '../fixtures/stats/county';

// The annual-table command lines exactly as outside checks run them, on the hand-built county
// (expectations in test/integration/stats.test.ts), and the .xlsx they write opened by LibreOffice.
const root = path.resolve(import.meta.dirname, '../..');

function ledger(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let db: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-stats-'));
  db = path.join(dir, 'ledger.sqlite');
  const t = await createTestLedger({ file: db });
  await buildStatsCounty(t);
  await t.db.close();
}, 60_000);

describe('ledger stats', () => {
  it('prints both tables for 2025 as JSON', () => {
    const r = ledger('stats', '--db', db, '--year', '2025', '--baseline-year', '2020', '--json');
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout) as { year: number; countyCode: string; provisional: boolean; table1: unknown[]; table2: Array<{ value: number }> };
    expect(v).toMatchObject({ year: 2025, countyCode: '330106', provisional: false });
    expect(v.table1).toHaveLength(14);
    expect(v.table1[0]).toEqual({ item: 1, name: '县级红十字会理顺管理体制数', unit: '个', value: 1 });
    expect(v.table1[9]).toEqual({ item: 10, name: '红十字会成人会员数', unit: '人', value: 4 });
    expect(v.table2.map((x) => x.value)).toEqual([1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 27]);
    const current = JSON.parse(ledger('stats', '--db', db, '--year', String(new Date().getFullYear()), '--json').stdout) as { provisional: boolean };
    expect(current.provisional).toBe(true);
  }, 120_000);

  it('prints the records behind an item as a bare JSON array whose length is the figure', () => {
    const r = ledger('stats', 'trace', '--db', db, '--year', '2025', '--item', '10', '--json');
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ name: string; idNumber: string }>;
    expect(Array.isArray(rows)).toBe(true);
    expect(rows).toHaveLength(4);
    expect(rows.every((x) => x.idNumber.includes('*'))).toBe(true);
    const hours = JSON.parse(ledger('stats', 'trace', '--db', db, '--year', '2025', '--item', '14', '--json').stdout) as Array<{ hours: number }>;
    expect(hours.reduce((s, x) => s + x.hours, 0)).toBe(28);
  }, 120_000);

  it('streams each list as one JSON array: the count items match 附件1, and 附件2 is year minus baseline', () => {
    const tables = JSON.parse(ledger('stats', '--db', db, '--year', '2025', '--json').stdout) as { table1: Array<{ value: number }>; table2: Array<{ value: number }> };
    for (const item of [8, 10, 12, 13]) {
      const r = ledger('stats', 'trace', '--db', db, '--year', '2025', '--item', String(item), '--json');
      expect(r.status).toBe(0);
      expect(r.stdout.endsWith(']\n')).toBe(true);
      const rows = JSON.parse(r.stdout) as Array<{ side: string; phone: string | null }>;
      expect(rows, `附件1 item ${item}`).toHaveLength(tables.table1[item - 1]!.value);
      expect(rows.every((x) => x.phone === null || x.phone.includes('*'))).toBe(true);
    }
    // 附件2 item 10: the 2025 members then the 2020 ones; 4 - 3 = 1 (stats.test.ts).
    const t2 = ledger('stats', 'trace', '--db', db, '--year', '2025', '--item', '10', '--table', '2', '--json');
    const rows = JSON.parse(t2.stdout) as Array<{ side: string }>;
    expect(rows.map((x) => x.side)).toEqual(['year', 'year', 'year', 'year', 'baseline', 'baseline', 'baseline']);
    expect(rows.filter((x) => x.side === 'year').length - rows.filter((x) => x.side === 'baseline').length).toBe(tables.table2[9]!.value);
    // An empty list is still an array.
    expect(JSON.parse(ledger('stats', 'trace', '--db', db, '--year', '2025', '--item', '4', '--json').stdout)).toEqual([]);
  }, 180_000);

  it('takes the year before as the default baseline for years up to 2020', () => {
    const r = ledger('stats', '--db', db, '--year', '2020', '--json');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ year: 2020, baselineYear: 2019 });
    const t2 = JSON.parse(ledger('stats', 'trace', '--db', db, '--year', '2020', '--item', '10', '--table', '2', '--json').stdout) as Array<{ side: string }>;
    // Adults at the end of 2020: 张伟, 周杰 (joined 31 Dec 2020), 吴霞; at the end of 2019: 张伟, 吴霞.
    expect(t2.map((x) => x.side)).toEqual(['year', 'year', 'year', 'baseline', 'baseline']);
    const bad = ledger('stats', '--db', db, '--year', '2020', '--baseline-year', '2020', '--json');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('基准年度');
  }, 120_000);

  it('refuses bad arguments with a Chinese message', () => {
    const bad = ledger('stats', 'trace', '--db', db, '--year', '2025', '--item', '15', '--json');
    expect(bad.status).not.toBe(0);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(bad.stderr).toContain('--item 应为 1–14');
    const year = ledger('stats', '--db', db, '--year', '25', '--json');
    expect(year.status).not.toBe(0);
    expect(year.stderr).toContain('四位年度');
    // Year checks are the API's: the refusal comes as one JSON error, never a half-written array.
    const future = ledger('stats', 'trace', '--db', db, '--year', '2099', '--item', '10', '--json');
    expect(future.status).not.toBe(0);
    expect(JSON.parse(future.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(future.stderr).toContain('尚未开始');
  }, 120_000);

  it('writes the official layout: 附件1 first, 附件2 second, A4 portrait, footer lines; LibreOffice opens it', async () => {
    const out = path.join(dir, 'tables.xlsx');
    const r = ledger('stats', '--db', db, '--year', '2025', '--out', out, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file: out, sheets: ['附件1', '附件2'], year: 2025, baselineYear: 2020, provisional: false, finalised: false });
    expect(ledger('stats', '--db', db, '--year', '2025', '--out', out).stdout).toBe(`已导出 2025 年统计表（附件1、附件2，与 2020 年相比）到 ${out}\n`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(['附件1', '附件2']);
    const [s1, s2] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(s1.getCell('A1').value).toBe('附件1');
    expect(s1.getCell('A2').value).toBe('组织体系建设工作情况调查表');
    expect(s2.getCell('A2').value).toBe('组织体系建设年工作成效统计表');
    expect(s1.getRow(4).values).toEqual([undefined, '序号', '工作事项', '单位', '数值']);
    expect(s1.getRow(5).values).toEqual([undefined, 1, '县级红十字会理顺管理体制数', '个', 1]);
    expect(s1.getRow(18).values).toEqual([undefined, 14, '红十字会志愿服务总时长', '小时', 28]);
    expect(s2.getRow(18).values).toEqual([undefined, 14, '红十字会志愿服务总时长增加数', '小时', 27]);
    expect(s1.getCell('A20').value).toBe('填报单位：杭州市西湖区红十字会');
    expect(s1.getCell('A21').value).toBe('填报人：张敏');
    expect(String(s1.getCell('A22').value)).toMatch(/^联系电话：/);
    expect(String(s1.getCell('A23').value)).toMatch(/^填报日期：\d{4}-\d{2}-\d{2}$/);
    expect(s1.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(s1.getCell('A2').isMerged).toBe(true);
    expect(s1.getCell('B5').border.left?.style).toBe('thin');

    const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
    if (!soffice && !process.env.CI) return;
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    try {
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false', '--outdir', path.join(dir, 'csv'), out], { timeout: 90_000, stdio: 'pipe' });
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const csv = fs.readFileSync(path.join(dir, 'csv', 'tables.csv'), 'utf8');
    expect(csv).toContain('组织体系建设工作情况调查表');
    expect(csv).toContain('1,县级红十字会理顺管理体制数,个,1');
    expect(csv).toContain('填报人：张敏');
  }, 180_000);
});
