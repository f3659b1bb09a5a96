import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { createTestLedger } from '../helpers/backend';
import { buildStatsCounty } from '../fixtures/stats/county';
import { launchChromium, screenshotDir, startWeb, tempDb, openPage as openPageIn } from './web-host';

let browser: Browser;
const stops: Array<() => void> = [];

beforeAll(async () => {
  browser = await launchChromium();
  fs.mkdirSync(screenshotDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  for (const stop of stops) stop();
});

describe('年报', () => {
  it('opens a figure to its records, count equal to the figure, and exports both tables as xlsx', async () => {
    // The hand-built county of the stats tests; last year is 2025 whenever this runs in 2026,
    // and the figures below are 2025's (test/integration/stats.test.ts).
    const db = tempDb('stats.sqlite');
    const ledger = await createTestLedger({ file: db });
    await buildStatsCounty(ledger);
    await ledger.db.close();
    const year = new Date().getFullYear() - 1;

    const web = await startWeb(db);
    stops.push(web.stop);
    const { page, problems } = await openPageIn(browser, web.url);
    onTestFailed(() => page.screenshot({ path: path.join(screenshotDir, 'stats-failure.png'), fullPage: true }).then(() => undefined));

    await page.getByRole('menuitem', { name: '年报' }).click();
    await page.getByRole('tab', { name: /附件1/ }).waitFor();
    const adults = page.getByTestId('figure-1-10');
    const figure = Number(await adults.textContent());
    if (year === 2025) expect(figure).toBe(4);
    await adults.click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('trace-count').textContent()).toBe(`共 ${figure} 条记录`);
    await expect.poll(() => drawer.locator('.ant-table-row').count()).toBe(figure);
    await page.keyboard.press('Escape');

    // The validation panel lists the fixture's problems.
    await page.getByText(/条记录状态为已结束/).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`杭州市西湖区红十字会-${year}年组织体系建设统计表.xlsx`);
    const file = (await download.path())!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(['附件1', '附件2']);
    expect(book.worksheets[0]!.getCell('A2').value).toBe('组织体系建设工作情况调查表');
    expect(book.worksheets[0]!.getRow(14).values).toEqual([undefined, 10, '红十字会成人会员数', '人', figure]);

    if (spawnSync('soffice', ['--version']).status === 0 || process.env.CI) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stats-lo-'));
      const copy = path.join(dir, 'tables.xlsx');
      fs.copyFileSync(file, copy);
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
      try {
        execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false', '--outdir', dir, copy], { timeout: 90_000, stdio: 'pipe' });
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
      expect(fs.readFileSync(path.join(dir, 'tables.csv'), 'utf8')).toContain(`10,红十字会成人会员数,人,${figure}`);
    }
    expect(problems).toEqual([]);
  });
});
