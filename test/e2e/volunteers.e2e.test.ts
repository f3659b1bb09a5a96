import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { fillDate, pickOrg } from './antd-inputs';
import { e2eSession, ledgerCli, screenshotDir, tempDb } from './web-host';

const session = e2eSession();

const fullIdPattern = /\d{17}[\dX]/;

describe('volunteers', () => {
  it('adds a volunteer, refuses implausible hours, records hours that raise star eligibility and awards the star', async () => {
    const db = tempDb('volunteers.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    const org = JSON.parse(ledgerCli('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--json')) as { id: number };
    const teamName = '象山社区红十字志愿服务队';
    const team = JSON.parse(ledgerCli('team', 'add', '--db', db, '--name', teamName, '--org', String(org.id), '--founded-on', '2020-01-01', '--json')) as { id: number };

    const { page, problems } = await session.open(db, { screenshot: 'volunteers' });

    await page.getByRole('menuitem', { name: '志愿者' }).click();
    const roster = page.getByRole('table', { name: '志愿者名册' });
    await roster.getByText('没有符合条件的志愿者').waitFor();

    // Add a volunteer registered in 2024, in the team, with a field of service.
    const first17 = '33010619880315062';
    const idNumber = first17 + residentIdCheckChar(first17);
    const name = '欧阳晓雯';
    await page.getByRole('button', { name: '新增志愿者' }).click();
    const form = page.getByRole('dialog', { name: '新增志愿者' });
    await pickOrg(page, form.getByLabel('所属组织'), '象山社区红十字会');
    await form.getByLabel('姓名', { exact: true }).fill(name);
    await form.getByLabel('证件号码').fill(idNumber);
    await form.getByLabel('联系电话').fill('13912345678');
    await fillDate(page, form.getByLabel('注册日期'), '2024-01-02');
    await form.getByLabel('应急救护').check();
    await form.getByLabel('服务队').click();
    await page.locator('.ant-select-item-option:visible', { hasText: teamName }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: '保存' }).click();
    const drawer = page.getByRole('dialog', { name: name });
    await drawer.getByText(teamName).waitFor();
    await drawer.getByText('应急救护').waitFor();
    await expect(drawer.textContent()).resolves.not.toContain(idNumber);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const row = roster.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`330106********${idNumber.slice(-4)}`);
    await expect(roster.textContent()).resolves.not.toMatch(fullIdPattern);

    // 96 hours on four earlier days, recorded from the command line.
    const found = JSON.parse(ledgerCli('volunteer', 'list', '--db', db, '--search', '晓雯', '--json')) as { rows: Array<{ id: number }> };
    const volunteerId = String(found.rows[0]!.id);
    for (const date of ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04']) {
      ledgerCli('hours', 'add', '--db', db, '--team', String(team.id), '--date', date, '--category', '关爱老人', '--volunteer', volunteerId, '--hours', '24');
    }

    // Not yet at 100 hours: no one eligible for 1 star.
    await page.getByRole('tab', { name: '星级' }).click();
    const levels = page.getByRole('table', { name: '星级概况' });
    const levelOne = levels.getByRole('row').filter({ hasText: '100 小时' });
    await expect.poll(() => levelOne.getByRole('cell').nth(2).textContent()).toBe('0');

    // Record hours in the form: 25 hours in a day is refused with the row and the name.
    await page.getByRole('tab', { name: '服务记录' }).click();
    await page.getByRole('button', { name: '记录服务时长' }).click();
    const hoursForm = page.getByRole('dialog', { name: '记录服务时长' });
    await hoursForm.getByLabel('服务队').click();
    await page.locator('.ant-select-item-option:visible', { hasText: teamName }).click();
    await hoursForm.getByLabel('活动类别').click();
    await page.locator('.ant-select-item-option:visible', { hasText: '世界急救日' }).click();
    await hoursForm.getByLabel('活动名称').fill('应急救护培训进社区');
    const picker = hoursForm.getByLabel('第 1 行志愿者');
    await picker.click();
    await picker.fill('晓雯');
    await page.locator('.ant-select-item-option:visible', { hasText: name }).click();
    await hoursForm.getByLabel('第 1 行时长').fill('25');
    await hoursForm.getByRole('button', { name: '保存' }).click();
    const refusal = hoursForm.getByRole('alert');
    await refusal.getByText(`第 1 行（${name}）`, { exact: false }).waitFor();
    await expect(refusal.textContent()).resolves.toContain('超过每人每天 24 小时');

    // 5 hours are fine: 101 hours in all.
    await hoursForm.getByLabel('第 1 行时长').fill('5');
    await hoursForm.getByRole('button', { name: '保存' }).click();
    await hoursForm.waitFor({ state: 'hidden' });
    const records = page.getByRole('table', { name: '服务记录列表' });
    await records.getByText('应急救护培训进社区').waitFor();

    // Now eligible for 1 star, and the county awards it.
    await page.getByRole('tab', { name: '星级' }).click();
    await expect.poll(() => levelOne.getByRole('cell').nth(2).textContent()).toBe('1');
    await levels.getByRole('button', { name: '授予 1 星' }).click();
    const award = page.getByRole('dialog', { name: '授予星级' });
    const awardPicker = award.getByLabel('志愿者');
    await awardPicker.click();
    await awardPicker.fill(name.slice(0, 2));
    await page.locator('.ant-select-item-option:visible', { hasText: name }).click();
    await award.getByLabel('文号').fill('西红〔2026〕30号');
    await award.getByRole('button', { name: '授予' }).click();
    await award.waitFor({ state: 'hidden' });
    await expect.poll(() => levelOne.getByRole('cell').nth(2).textContent()).toBe('0');
    await expect.poll(() => levelOne.getByRole('cell').nth(3).textContent()).toBe('1');
    const register = page.getByRole('table', { name: '星级授予登记' });
    await register.getByText('西红〔2026〕30号').waitFor();
    await expect(register.textContent()).resolves.toContain('101');
    await expect(register.textContent()).resolves.not.toMatch(fullIdPattern);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'volunteers-stars.png') });

    // The roster shows the hours and the star.
    await page.getByRole('tab', { name: '志愿者' }).click();
    const updated = page.getByRole('table', { name: '志愿者名册' }).getByRole('row').filter({ hasText: name });
    await expect.poll(() => updated.textContent()).toContain('101 小时');
    await expect(updated.textContent()).resolves.toContain('1 星');

    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await page.close();
  });
});

