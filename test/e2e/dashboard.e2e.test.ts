import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { cliJson as json, initLedger } from './ledger-fixtures';
import { option } from './antd-inputs';
import { e2eSession, screenshotDir } from './web-host';

const session = e2eSession();

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

describe('工作目标', () => {
  it('shows the targets and a chart, follows the population setting, and opens the records behind a figure', async () => {
    // Two communities under one street, one with a team; one registered volunteer.
    const db = initLedger('dashboard.sqlite');
    const street = json<{ id: number }>('org', 'add', '--db', db, '--name', '北山街道红十字会', '--type', '街道', '--founded-on', '2018-01-01').id;
    const xiangshan = json<{ id: number }>('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--parent', String(street), '--founded-on', '2019-01-01').id;
    json('org', 'add', '--db', db, '--name', '和睦社区红十字会', '--type', '社区', '--parent', String(street), '--founded-on', '2019-01-01');
    json('team', 'add', '--db', db, '--name', '象山社区志愿服务队', '--org', String(xiangshan), '--founded-on', '2020-01-01');
    json('volunteer', 'add', '--db', db, '--name', '李强', '--id-number', idNumber('33010619800101003'), '--org', String(xiangshan), '--registered-on', '2020-02-01');

    const { page, problems } = await session.open(db, { screenshot: 'dashboard' });

    await page.getByRole('menuitem', { name: '工作目标' }).click();
    // 1 of 2 communities: 50% ≥ 30%.
    const coverage = page.getByTestId('target-community_team_coverage');
    await expect.poll(() => coverage.getByTestId('target-value').textContent()).toBe('50%');
    await coverage.getByText('已达标').waitFor();
    // Neither community records a leader, so neither meets 五有: 0 of 2.
    const goal = page.getByTestId('target-community_goal_rate');
    await expect.poll(() => goal.getByTestId('target-value').textContent()).toBe('0%');
    await goal.getByText('未达标').waitFor();
    await goal.getByRole('button', { name: '未达到的社区' }).waitFor();

    // The township chart is drawn as SVG, with the street's bar label.
    const chart = page.getByRole('img', { name: '各乡镇（街道）社区覆盖率图' });
    await chart.locator('svg').first().waitFor();
    await expect.poll(() => chart.locator('svg').textContent()).toContain('北山街道红十字会');

    // ‰ target: 未设置 until the population is set; 1 volunteer of 200 people = 5‰ ≥ 5‰.
    const rate = page.getByTestId('target-volunteer_population_rate');
    await expect.poll(() => rate.getByTestId('target-value').textContent()).toBe('未设置');
    await rate.getByText('未达标').waitFor();
    await page.getByLabel('全县常住人口（人）').fill('200');
    await page.locator('form#dashboard-settings').getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存目标设置').waitFor();
    await expect.poll(() => rate.getByTestId('target-value').textContent()).toBe('5‰');
    await rate.getByText('已达标').waitFor();
    await page.getByLabel('全县常住人口（人）').fill('400');
    await page.locator('form#dashboard-settings').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => rate.getByTestId('target-value').textContent()).toBe('2.5‰');
    await rate.getByText('未达标').waitFor();

    // Teams per organisation: the share of organisations against 100%, the teams needed in the title.
    const perOrg = page.getByTestId('target-teams_per_organization');
    await perOrg.getByText('每个基层组织至少 1 支志愿服务队', { exact: true }).waitFor();
    await perOrg.getByText('目标：全部基层组织达到（≥ 100%）').waitFor();

    // The campaign template is chosen from the county's templates, not typed.
    await page.getByRole('combobox', { name: '活动目标模板' }).click();
    await option(page, '博爱家园：博爱家园建设').waitFor();
    await page.locator('.ant-select-item-option[title^="双三一："]').click();
    await page.locator('form#dashboard-settings').getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存目标设置').last().waitFor();
    expect(json<{ templateCode: string }>('dashboard', 'set', '--db', db).templateCode).toBe('双三一');

    await page.screenshot({ path: path.join(screenshotDir, 'dashboard.png'), fullPage: true });

    // The coverage figure opens the community behind it; the count equals the figure's numerator.
    await coverage.getByRole('button', { name: /建有红十字志愿服务队的社区占比：50%/ }).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('records-count').textContent()).toBe('1');
    await drawer.getByRole('table', { name: '明细记录' }).getByRole('row', { name: /象山社区红十字会/ }).waitFor();
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByLabel('Close')).first().click();

    // The volunteers behind the ‰ figure, masked.
    await rate.getByRole('button', { name: '注册志愿者 1' }).click();
    const volunteers = page.getByRole('dialog').getByRole('table', { name: '明细记录' });
    await volunteers.getByRole('row', { name: /李强/ }).waitFor();
    await expect(volunteers.textContent()).resolves.not.toMatch(/\d{17}[\dX]/);

    expect(problems).toEqual([]);
  });
});
