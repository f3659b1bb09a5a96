import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestLedger } from '../helpers/backend';
import { openLedgerDb } from '../../src-main/core/db/open';
import { buildStatsCounty } from '../fixtures/stats/county';
import { option } from './antd-inputs';
import { e2eSession, pageOptions, tempDb } from './web-host';

const session = e2eSession();

describe('年报', () => {
  it('opens a figure to its records, count equal to the figure, and exports both tables as xlsx', async () => {
    // The hand-built county of the stats tests; last year is 2025 whenever this runs in 2026,
    // and the figures below are 2025's (test/integration/stats.test.ts).
    const db = tempDb('stats.sqlite');
    const ledger = await createTestLedger({ file: db });
    await buildStatsCounty(ledger);
    await ledger.db.close();
    const year = new Date().getFullYear() - 1;

    const { page, problems } = await session.open(db, { screenshot: 'stats' });

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

  it('takes the current year from the ledger (China date), not the browser clock', async () => {
    const db = tempDb('stats-clock.sqlite');
    const ledger = await createTestLedger({ file: db });
    await buildStatsCounty(ledger);
    await ledger.db.close();
    const url = await session.host(db);
    const page = await session.browser.newPage(pageOptions);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    session.screenshotOnFailure(page, 'stats-clock');
    // A machine clock years ahead: the page must still offer last year by the backend's date.
    await page.clock.setFixedTime(new Date('2031-06-01T04:00:00Z'));
    await page.goto(url);
    await page.getByRole('menuitem', { name: '年报' }).click();
    const chinaYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    await page.getByTestId('figure-1-10').waitFor();
    expect(await page.locator('.ant-select').first().textContent()).toBe(String(chinaYear - 1));
    expect(await page.getByText(/尚未开始/).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains each error after opening its records, finalises, then reopens with a reason seen in 定稿记录', async () => {
    const db = tempDb('stats-finalise.sqlite');
    const ledger = await createTestLedger({ file: db });
    const { ids } = await buildStatsCounty(ledger);
    await ledger.db.close();

    const { page, problems } = await session.open(db, { screenshot: 'stats-finalise' });
    // 联系电话 for the tables' footer: a malformed number is refused naming the field.
    await page.getByRole('menuitem', { name: '设置' }).click();
    const phone = page.getByLabel('联系电话（填报用）');
    await phone.fill('8765');
    await page.locator('form#stats-contact').getByRole('button', { name: '保存' }).click();
    await page.getByText(/「联系电话（填报用）」应为 11 位手机号/).waitFor();
    await phone.fill('0571-87654321');
    await page.locator('form#stats-contact').getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存联系电话（填报用）').waitFor();
    // Saved means there after a restart: the card loads it back.
    await page.reload();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await expect.poll(() => page.getByLabel('联系电话（填报用）').inputValue()).toBe('0571-87654321');

    // The fixture's problems are 2025's; pick it whatever year the test runs in.
    await page.getByRole('menuitem', { name: '年报' }).click();
    await page.locator('.ant-select').first().click();
    await option(page, '2025').click();
    // Closes the year list, which otherwise keeps the keyboard and swallows the confirm below.
    await page.keyboard.press('Escape');
    await page.getByText('2025 年定稿记录').waitFor();
    await page.getByText('尚未定稿过。').waitFor();

    const confirmFinalise = async () => {
      await page.getByRole('button', { name: '定稿', exact: true }).click();
      const confirm = page.getByRole('dialog').filter({ hasText: '确认将 2025 年统计表定稿' });
      await confirm.getByRole('button', { name: '定稿', exact: true }).click();
      await confirm.waitFor({ state: 'hidden' });
    };
    // Finalising is refused while the fixture's three errors are neither fixed nor explained.
    await confirmFinalise();
    await page.getByText(/还有 3 个错误既未更正也未说明，不能定稿/).waitFor();

    // Each issue opens its records: the unsplit 25 hours names the volunteer and the day.
    const hoursIssue = page.getByTestId('issue-HOURS_OVER_24_A_DAY');
    await hoursIssue.getByRole('button', { name: /查看记录（1）/ }).click();
    const records = page.getByRole('dialog').filter({ hasText: '共 1 条' });
    await records.getByText('2025-03-03 共 25 小时').waitFor();
    expect(await records.getByText('志愿者').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // A figure lower than last year's opens that item's records from the issue.
    await page.getByTestId('issue-LOWER_THAN_LAST_YEAR_9').getByRole('button', { name: /查看记录/ }).click();
    await page.getByRole('button', { name: '查看该项记录' }).click();
    await expect.poll(() => page.getByTestId('trace-count').textContent()).toBe('共 3 条记录');
    await page.keyboard.press('Escape');

    for (const code of ['HOURS_OVER_24_A_DAY', 'ORG_WITHOUT_TYPE', 'ENDED_WITHOUT_DATE']) {
      const issue = page.getByTestId(`issue-${code}`);
      await issue.getByRole('textbox').fill(`已核实：${code}`);
      await issue.getByRole('button', { name: '保存说明' }).click();
      await issue.getByText('已说明').waitFor();
      await issue.getByText(/张敏 于 .* 说明/).waitFor();
    }
    await page.getByText(/未处理的错误 0 项/).waitFor();

    await confirmFinalise();
    await page.getByText(/由 张敏 定稿，显示定稿时的数值/).waitFor();
    const log = page.getByTestId('finalise-log');
    await expect.poll(() => log.locator('.ant-table-row').count()).toBe(1);

    // A lapse recorded late, dated in 2025: the finalised table keeps 4, the drawer says why it lists 3.
    const late = await openLedgerDb(db);
    late.sqlite.prepare("UPDATE member SET status = 'lapsed', lapsed_on = '2025-03-01' WHERE id = ?").run(ids.m10);
    await late.close();
    await page.getByRole('menuitem', { name: '年报' }).click();
    await page.locator('.ant-select').first().click();
    await option(page, '2024').click();
    await page.locator('.ant-select').first().click();
    await option(page, '2025').click();
    await page.keyboard.press('Escape');
    await page.getByText(/定稿后台账有变化：附件1 第 10 项：定稿 4，现为 3/).waitFor();
    await page.getByTestId('figure-1-10').click();
    const drawer = page.getByRole('dialog').filter({ hasText: '红十字会成人会员数：4人' });
    await drawer.getByText('定稿后台账有变化：定稿数 4，现有记录 3 条。如需更正，请重新打开后再定稿。').waitFor();
    await expect.poll(() => drawer.getByTestId('trace-count').textContent()).toBe('共 3 条记录');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '重新打开' }).click();
    const reason = page.getByPlaceholder('重新打开的原因（必填，将记入日志）');
    await reason.fill('补录 12 月的团体会员');
    await page.getByRole('dialog').filter({ has: reason }).getByRole('button', { name: '重新打开' }).click();
    await expect.poll(() => log.locator('.ant-table-row').count()).toBe(2);
    const rows = await log.locator('.ant-table-row').allTextContents();
    expect(rows[0]).toContain('定稿');
    expect(rows[1]).toMatch(/重新打开张敏补录 12 月的团体会员/);
    await page.getByRole('button', { name: '定稿', exact: true }).waitFor();
    expect(problems).toEqual([]);
  });
});
