import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { usccCheckChar } from '../../src-main/core/domain/uscc';
import { pickOrg } from './antd-inputs';
import { e2eSession, ledgerCli, screenshotDir, tempDb } from './web-host';

const session = e2eSession();

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const json = <T,>(...args: string[]) => JSON.parse(ledgerCli(...args, '--json')) as T;

describe('dues', () => {
  it('records dues, sees the report totals change, lapses the flagged members with confirmation and undoes it', async () => {
    // Three members who joined in 2021; only 李强 has paid 2022–2025. The other two have two
    // consecutive unpaid completed years, whatever year this runs in (2026 or later).
    const db = tempDb('dues.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    const org = json<{ id: number }>('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区');
    const add = (name: string, first17: string) =>
      json<{ id: number }>('member', 'add', '--db', db, '--org', String(org.id), '--name', name, '--id-number', idNumber(first17), '--join-date', '2021-03-01').id;
    const wang = add('王小芳', '33010619850312002');
    const li = add('李强', '33010619800101003');
    const zhao = add('赵敏', '33010619790101004');
    for (const year of ['2022', '2023', '2024', '2025']) {
      ledgerCli('dues', 'record', '--db', db, '--member', String(li), '--year', year, '--status', 'paid', '--paid-on', `${year}-03-01`);
    }

    const { page, problems } = await session.open(db, { screenshot: 'dues' });

    // 设置: the adult default goes from 10 to 12 元 (李强's recorded payments keep their 10 元).
    await page.getByRole('menuitem', { name: '设置' }).click();
    const adult = page.getByLabel('成人会员（元/年）');
    await expect.poll(() => adult.inputValue()).toBe('10.00');
    await adult.fill('12');
    await page.locator('form#dues-defaults').getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存会费标准').waitFor();

    await page.getByRole('menuitem', { name: '会员' }).click();
    await page.getByRole('tab', { name: '会费' }).click();
    await pickOrg(page, page.getByLabel('组织（含下级）'), '象山社区红十字会');
    await page.getByLabel('年度').click();
    await page.locator('.ant-select-item-option:visible', { hasText: '2025 年' }).click();

    // The report: 3 due, 1 paid (李强, 10 元); the two others owe the new default of 12 元.
    const totals = page.locator('.ant-table-summary tr').first();
    await expect.poll(() => totals.locator('td').allTextContents()).toEqual(['合计', '3', '1', '2', '0', '34.00', '10.00']);

    // Record 2025 as paid for 王小芳: the totals follow.
    const recorder = card(page, '登记会费');
    const wangRow = recorder.locator('.ant-table-row', { hasText: '王小芳' });
    await wangRow.getByRole('checkbox').check();
    await recorder.getByRole('button', { name: '登记所选（1）' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认登记' }).click();
    await expect.poll(() => totals.locator('td').allTextContents()).toEqual(['合计', '3', '2', '1', '0', '34.00', '22.00']);
    await wangRow.getByText('已缴').waitFor();

    // The report exports as CSV that Excel opens as UTF-8 (with a byte-order mark).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('象山社区红十字会-2025年会费统计.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')).toEqual([
      '\ufeff组织,应缴人数,已缴人数,未缴人数,免缴人数,应缴金额（元）,已缴金额（元）',
      '象山社区红十字会,3,2,1,0,34.00,22.00',
      '合计,3,2,1,0,34.00,22.00',
      '',
    ]);

    // The 视为自动退会 list: 王小芳 (2022–2024 unpaid) and 赵敏 (nothing paid), masked.
    const overdue = card(page, '视为自动退会');
    const count = overdue.getByRole('status', { name: '视为自动退会人数' });
    await count.getByText('视为自动退会：2 人').waitFor();
    await expect(overdue.locator('.ant-table-row').allTextContents()).resolves.toHaveLength(2);
    await expect(overdue.textContent()).resolves.not.toMatch(/\d{17}[\dX]/);
    await expect(overdue.textContent()).resolves.toContain(`330106********${idNumber('33010619790101004').slice(-4)}`);

    // One confirmed bulk lapse; cancelling first changes nothing.
    await overdue.getByRole('button', { name: '一键退会', exact: true }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认将 2 名会员视为自动退会？' });
    await confirm.getByText('范围：象山社区红十字会').waitFor();
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(json<{ status: string }>('member', 'get', '--db', db, '--id', String(zhao)).status).toBe('active');
    await overdue.getByRole('button', { name: '一键退会', exact: true }).click();
    await confirm.getByRole('button', { name: '确认退会' }).click();
    await count.getByText('视为自动退会：0 人').waitFor();
    for (const id of [wang, zhao]) expect(json<{ status: string; lapseReason: string }>('member', 'get', '--db', db, '--id', String(id))).toMatchObject({ status: 'lapsed', lapseReason: '视为自动退会' });
    expect(json<{ status: string }>('member', 'get', '--db', db, '--id', String(li)).status).toBe('active');
    await page.screenshot({ path: path.join(screenshotDir, 'dues.png'), fullPage: true });

    // Undo: both are members again, and the undo is spent.
    const undo = overdue.getByRole('button', { name: '撤销上次一键退会（2 人）' });
    await undo.click();
    await count.getByText('视为自动退会：2 人').waitFor();
    for (const id of [wang, zhao]) expect(json<{ status: string }>('member', 'get', '--db', db, '--id', String(id)).status).toBe('active');
    await expect.poll(() => overdue.getByRole('button', { name: '撤销上次一键退会' }).isDisabled()).toBe(true);

    expect(problems).toEqual([]);
  });
});

describe('group members', () => {
  it('adds a unit (the reason for a bad code shown on its field), finds it, and lapses it after confirmation', async () => {
    const db = tempDb('groups.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    ledgerCli('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区');
    ledgerCli('group', 'add', '--db', db, '--name', '杭州象山餐饮有限公司', '--uscc', `91330106MA2B3C4D5${usccCheckChar('91330106MA2B3C4D5')}`);
    const { page, problems } = await session.open(db, { screenshot: 'groups' });

    await page.getByRole('menuitem', { name: '会员' }).click();
    await page.getByRole('tab', { name: '团体会员' }).click();
    const roster = page.getByRole('table', { name: '团体会员名册' });
    const rows = roster.getByRole('rowgroup').nth(1).getByRole('row');

    await page.getByRole('button', { name: '新增团体会员' }).click();
    const form = page.getByRole('dialog', { name: '新增团体会员' });
    await form.getByLabel('单位名称').fill('华为技术有限公司');
    await form.getByLabel('统一社会信用代码').fill('914403001922038217');
    await pickOrg(page, form.getByLabel('所属组织（可不填）'), '象山社区红十字会');
    await form.getByLabel('联系电话').fill('13812345678');
    await form.getByRole('button', { name: '保存' }).click();
    // The reason sits under the field it concerns.
    await form.locator('.ant-form-item-explain-error', { hasText: '校验码应为 6，实际为 7' }).waitFor();
    await form.getByLabel('统一社会信用代码').fill('914403001922038216');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });

    const row = rows.filter({ hasText: '华为技术有限公司' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('914403001922038216');
    await expect(row.textContent()).resolves.toContain('138****5678');
    await expect(roster.textContent()).resolves.not.toContain('13812345678');
    await page.getByLabel('查找团体会员').fill('华为');
    await page.getByLabel('查找团体会员').press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    await page.screenshot({ path: path.join(screenshotDir, 'groups.png') });

    await row.click();
    const drawer = page.getByRole('dialog', { name: '华为技术有限公司' });
    await drawer.getByRole('button', { name: '退会' }).click();
    await page.getByRole('dialog').filter({ hasText: '确认“华为技术有限公司”退会？' }).getByRole('button', { name: '确认退会' }).click();
    await drawer.getByText(/已退会/).first().waitFor();
    await drawer.getByRole('button', { name: '恢复' }).waitFor();
    expect(JSON.parse(ledgerCli('group', 'list', '--db', db, '--status', 'lapsed', '--json')).rows).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});

function card(page: Page, title: string): Locator {
  return page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }) });
}

