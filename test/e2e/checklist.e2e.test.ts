import { describe, expect, it } from 'vitest';
import { checklistLedger, recordManualCheck } from './ledger-fixtures';
import { fillDate, option } from './antd-inputs';
import { e2eSession } from './web-host';

const session = e2eSession();

describe('达标检查', () => {
  it('records a manual item as met with an evidence image, sees the cell and counts change, and opens the evidence', async () => {
    const { db, image } = checklistLedger('checklist.sqlite');

    const { page, problems } = await session.open(db, { screenshot: 'checklist' });

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
    // Escape closes the preview, then the drawer. Until the preview has finished closing, antd
    // still counts it as the top layer (@rc-component/portal's Escape stack) and a second press
    // goes to it, so the test presses again until the drawer goes, as a clerk would.
    await page.keyboard.press('Escape');
    await img.waitFor({ state: 'detached' });
    await expect
      .poll(async () => {
        await page.keyboard.press('Escape');
        return drawer.isVisible();
      }, { timeout: 5_000, interval: 100 })
      .toBe(false);

    // Confirming the default template is an action; its badge changes.
    await page.getByRole('button', { name: '确认模板' }).click();
    await page.getByText(/^已确认 \d{4}-\d{2}-\d{2}$/).waitFor();
    await expect.poll(() => page.getByText('默认模板·待确认').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows the version of a standard in force on the chosen date, and older versions as 已停用 in the picker', async () => {
    const { db } = checklistLedger('checklist-versions.sqlite', (s, f) => {
      // 五有 version 2 from 2026-01-01: the same five items plus one, and a 2025 check on version 1's manual item.
      const v1 = s.prepare("SELECT id FROM checklist_template WHERE code = '五有'").pluck().get() as number;
      const v2 = Number(
        s.prepare("INSERT INTO checklist_template (code, name, issuer, version, effective_on, origin, created_at) VALUES ('五有', '五有标准（2026 修订）', NULL, '2', '2026-01-01', 'custom', '2026-01-01T00:00:00Z')").run().lastInsertRowid,
      );
      s.prepare('INSERT INTO checklist_item (template_id, seq, title, description, mode, rule_json) SELECT ?, seq, title, description, mode, rule_json FROM checklist_item WHERE template_id = ?').run(v2, v1);
      s.prepare("INSERT INTO checklist_item (template_id, seq, title, mode) VALUES (?, 6, '有年度工作计划', 'manual')").run(v2);
      const manual = s.prepare("SELECT id FROM checklist_item WHERE template_id = ? AND mode = 'manual'").pluck().get(v1) as number;
      s.prepare("INSERT INTO checklist_status (organization_id, item_id, status, checked_on, checked_by, recorded_at) VALUES (?, ?, 'met', '2025-05-01', '王芳', '2025-05-01T08:00:00Z')").run(f.sunshine, manual);
    });
    const { page, problems } = await session.open(db, { screenshot: 'checklist-versions' });

    await page.getByRole('menuitem', { name: '达标检查' }).click();
    const matrix = page.getByRole('table', { name: '达标情况矩阵' });
    const picker = page.getByRole('combobox', { name: '模板' });
    const chosen = page.locator('.ant-select').filter({ has: picker }).locator('.ant-select-content, .ant-select-selection-item').first();
    // Today version 2 is in force: its new item shows, and the 2025 check of the same-titled item still counts.
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有年度工作计划：未核查' }).waitFor();
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：达标' }).waitFor();
    await expect.poll(() => chosen.textContent()).toContain('五有标准（2026 修订）（第 2 版）');

    await picker.click();
    await option(page, '基层红十字组织“五有”标准 — 已停用（第 1 版）').click();
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有年度工作计划：未核查' }).waitFor({ state: 'detached' });
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：达标' }).waitFor();

    // On a 2025 date version 1 is the one in force, chosen by default; version 2 is not yet effective.
    await fillDate(page, page.locator('#checklist-as-of'), '2025-12-31');
    await expect.poll(() => chosen.textContent()).toContain('基层红十字组织“五有”标准（第 1 版）');
    await picker.click();
    await option(page, '五有标准（2026 修订） — 未生效（第 2 版，2026-01-01 起）').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => matrix.getByRole('button', { name: /有年度工作计划/ }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

