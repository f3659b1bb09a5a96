import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src-main/core/domain/dates';
import { addFiveHasFacts } from '../helpers/checklist-fixture';
import { checklistLedger, recordManualCheck } from './ledger-fixtures';
import { e2eSession } from './web-host';

const session = e2eSession();

describe('达标检查 → 工作目标', () => {
  it('a manual 五有 item checked with evidence moves the matrix and the communities goal rate, which opens to that community', async () => {
    // The checklist county, with 阳光社区 meeting every automatic 五有 item today: one more member
    // (10 on the roll), and two activities this year. Its 管理制度 item is unchecked, so it does
    // not meet 五有 yet. Communities today: 阳光 and 新城 (founded 2026-03-01); 筹建 never counts.
    const today = todayInChina(new Date());
    const { db, image } = checklistLedger('standards-dashboard.sqlite', (s, f) =>
      addFiveHasFacts(s, f.sunshine, { leaderName: '李华', serviceSite: '阳光社区服务站', members: 1, volunteers: 0, joinedOn: '2020-01-01', activitiesOn: [`${today.slice(0, 4)}-01-01`, today] }),
    );
    const { page, problems } = await session.open(db, { screenshot: 'standards-dashboard' });

    // Before: no community meets 五有, 0 of 2.
    await page.getByRole('menuitem', { name: '工作目标' }).click();
    const goal = page.getByTestId('target-community_goal_rate');
    await expect.poll(() => goal.getByTestId('target-value').textContent()).toBe('0%');
    await goal.getByRole('button', { name: '达到活动目标的社区 0' }).waitFor();

    await page.getByRole('menuitem', { name: '达标检查' }).click();
    const matrix = page.getByRole('table', { name: '达标情况矩阵' });
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：未核查' }).waitFor();
    const rowCount = page.getByLabel('阳光社区红十字会 达标项');
    await expect.poll(() => rowCount.textContent()).toMatch(/^4\/5/);
    const counts = matrix.getByLabel('第 3 项计数');
    await expect.poll(() => counts.textContent()).toContain('达标 0');
    const summary = page.getByLabel('达标汇总');
    await expect.poll(() => summary.textContent()).toContain('全部适用项达标 0 个');

    await recordManualCheck(page, '阳光社区红十字会 · 有规范的管理制度：未核查', '制度汇编和会议记录已核查', image);
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：达标', includeHidden: true }).waitFor({ state: 'attached' });
    await expect.poll(() => counts.textContent()).toContain('达标 1');
    await expect.poll(() => rowCount.textContent()).toMatch(/^5\/5/);
    await expect.poll(() => summary.textContent()).toContain('全部适用项达标 1 个');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').filter({ hasText: '记录核查结果' }).waitFor({ state: 'hidden' });

    // After: 1 of 2 communities = 50%, still short of the strict > 50%.
    await page.getByRole('menuitem', { name: '工作目标' }).click();
    await expect.poll(() => goal.getByTestId('target-value').textContent()).toBe('50%');
    await goal.getByText('未达标').waitFor();
    await goal.getByRole('button', { name: '达到活动目标的社区 1' }).waitFor();

    // The figure opens the community behind it; the count equals the numerator.
    await goal.getByRole('button', { name: /：50%，查看明细$/ }).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('records-count').textContent()).toBe('1');
    await drawer.getByRole('table', { name: '明细记录' }).getByRole('row', { name: /阳光社区红十字会/ }).waitFor();
    await page.keyboard.press('Escape');

    // Each of the three sections shows its own page and nothing else (no leftover placeholder).
    for (const [label, heading] of [['工作目标', '工作目标'], ['达标检查', '达标检查'], ['年报', '年报 · 组织体系建设统计表']] as const) {
      await page.getByRole('menuitem', { name: label }).click();
      await page.getByText(heading, { exact: true }).first().waitFor();
      expect(await page.getByText('功能将在后续版本中提供').count()).toBe(0);
    }
    expect(problems).toEqual([]);
  });
});
