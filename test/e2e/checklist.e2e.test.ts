import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { checklistLedger, recordManualCheck } from './ledger-fixtures';
import { launchChromium, openPage, screenshotDir, startWeb } from './web-host';

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

describe('达标检查', () => {
  it('records a manual item as met with an evidence image, sees the cell and counts change, and opens the evidence', async () => {
    const { db, image } = checklistLedger('checklist.sqlite');

    const web = await startWeb(db);
    stops.push(web.stop);
    const { page, problems } = await openPage(browser, web.url);
    onTestFailed(() => page.screenshot({ path: path.join(screenshotDir, 'checklist-failure.png'), fullPage: true }).then(() => undefined));

    await page.getByRole('menuitem', { name: '达标检查' }).click();
    const matrix = page.getByRole('table', { name: '达标情况矩阵' });
    await matrix.waitFor();
    // The builtin 五有 is preselected and marked as a default to confirm.
    await page.getByText('默认模板·待确认').first().waitFor();
    const cell = matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：未核查' });
    await cell.waitFor();
    const counts = matrix.getByLabel('第 3 项计数');
    await expect.poll(() => counts.textContent()).toContain('达标 0');

    await recordManualCheck(page, '阳光社区红十字会 · 有规范的管理制度：未核查', '制度已上墙，照片存档', image);
    const drawer = page.getByRole('dialog').filter({ hasText: '记录核查结果' });

    // The matrix behind the drawer shows the new state and count.
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：达标', includeHidden: true }).waitFor({ state: 'attached' });
    await expect.poll(() => counts.textContent()).toContain('达标 1');
    await expect.poll(() => page.getByLabel('阳光社区红十字会 达标项').textContent()).toMatch(/^3\/5/);

    // The history lists the check (by the clerk) with its evidence, which opens as an image.
    await drawer.getByText('（王芳）').waitFor();
    await drawer.getByRole('button', { name: '查看证明材料：制度照片.png' }).click();
    const preview = page.getByRole('dialog').filter({ hasText: '证明材料：制度照片.png' });
    await preview.getByText('文件完整').waitFor();
    const img = preview.getByRole('img', { name: '制度照片.png' });
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    // Escape closes the preview, then the drawer.
    await page.keyboard.press('Escape');
    await img.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Confirming the default template is an action; its badge changes.
    await page.getByRole('button', { name: '确认模板' }).click();
    await page.getByText(/^已确认 \d{4}-\d{2}-\d{2}$/).waitFor();
    await expect.poll(() => page.getByText('默认模板·待确认').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
