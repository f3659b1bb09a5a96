import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { fillDate } from './antd-inputs';
import { e2eSession, ledgerCli, screenshotDir, tempDb } from './web-host';

const session = e2eSession();

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

describe('volunteer editing', () => {
  it('edits a volunteer, manages a team’s members from both sides and shows the team’s history', async () => {
    const db = tempDb('volunteer-editing.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    const org = JSON.parse(ledgerCli('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--json')) as { id: number };
    const teamName = '象山社区红十字志愿服务队';
    const team = JSON.parse(ledgerCli('team', 'add', '--db', db, '--name', teamName, '--org', String(org.id), '--founded-on', '2020-01-01', '--json')) as { id: number };
    const otherTeam = '象山社区应急救护队';
    ledgerCli('team', 'add', '--db', db, '--name', otherTeam, '--org', String(org.id), '--founded-on', '2021-05-01', '--json');
    const first = '欧阳晓雯';
    const second = '司马明远';
    ledgerCli('volunteer', 'add', '--db', db, '--name', first, '--id-number', idNumber('33010619880315062'), '--org', String(org.id), '--phone', '13912345678', '--fields', '应急救护', '--team', String(team.id), '--registered-on', '2024-01-02', '--json');
    ledgerCli('volunteer', 'add', '--db', db, '--name', second, '--id-number', idNumber('33010619900704101'), '--org', String(org.id), '--phone', '13800001111', '--registered-on', '2024-01-02', '--json');

    const { page, problems } = await session.open(db, { screenshot: 'volunteer-editing' });

    await page.getByRole('menuitem', { name: '志愿者' }).click();
    const roster = page.getByRole('table', { name: '志愿者名册' });
    const firstRow = roster.getByRole('row').filter({ hasText: first });
    await expect.poll(() => firstRow.textContent()).toContain('139****5678');

    // Edit: a malformed phone is refused under the field; a good one and other fields are saved.
    await firstRow.click();
    const drawer = page.getByRole('dialog', { name: first });
    await drawer.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog', { name: `编辑志愿者：${first}` });
    await edit.getByLabel('联系电话').fill('12345');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByText('「联系电话」应为 11 位手机号或带区号的固定电话。').waitFor();
    await edit.getByLabel('联系电话').fill('13655556666');
    await edit.getByLabel('应急救护').uncheck();
    await edit.getByLabel('无偿献血').check();
    await edit.getByLabel('救护员证编号').fill('ZJ2025-0042');
    await fillDate(page, edit.getByLabel('救护员证有效期至'), '2029-06-30');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await drawer.getByText('136****6666').waitFor();
    await drawer.getByText('无偿献血').waitFor();
    await drawer.getByText('ZJ2025-0042，有效期至 2029-06-30').waitFor();
    expect(await drawer.getByText('应急救护', { exact: true }).count()).toBe(0);
    await expect(drawer.textContent()).resolves.not.toContain('13655556666');
    await drawer.getByRole('tab', { name: '变更记录' }).click();
    const volunteerHistory = drawer.getByRole('table', { name: '变更记录' });
    await volunteerHistory.getByRole('row').filter({ hasText: '服务领域' }).filter({ hasText: '无偿献血' }).waitFor();
    await expect(volunteerHistory.textContent()).resolves.not.toContain('13655556666');
    // 显示 shows the full numbers once, and the viewing joins the history.
    await drawer.getByRole('tab', { name: '基本信息' }).click();
    await drawer.getByRole('button', { name: '显示' }).click();
    await drawer.getByText('13655556666', { exact: true }).waitFor();
    await drawer.getByText(idNumber('33010619880315062'), { exact: true }).waitFor();
    await expect(drawer.getByRole('button', { name: '显示' }).count()).resolves.toBe(0);
    await drawer.getByRole('tab', { name: '变更记录' }).click();
    await volunteerHistory.getByText('查看完整号码').waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => firstRow.textContent()).toContain('136****6666');

    // The team drawer lists the first volunteer; add the second, then remove them again.
    await page.getByRole('tab', { name: '服务队' }).click();
    await page.getByRole('table', { name: '服务队列表' }).getByRole('button', { name: teamName }).click();
    const teamDrawer = page.getByRole('dialog', { name: teamName });
    const members = teamDrawer.getByRole('region', { name: '队员名单' });
    await members.getByText(first).waitFor();
    await expect(members.textContent()).resolves.not.toContain(second);
    await teamDrawer.getByRole('button', { name: '添加队员' }).click();
    const adding = page.getByRole('dialog', { name: `添加队员：${teamName}` });
    const picker = adding.getByLabel('志愿者');
    await picker.click();
    await picker.fill('明远');
    await page.locator('.ant-select-item-option:visible', { hasText: second }).click();
    await adding.getByRole('list', { name: '待添加的志愿者' }).getByRole('listitem').filter({ hasText: `${second}（330106` }).waitFor();
    await adding.getByRole('button', { name: '添加' }).click();
    await adding.waitFor({ state: 'hidden' });
    await members.getByText(second).waitFor();
    await teamDrawer.getByRole('tab', { name: '队员（2）' }).waitFor();

    await members.getByRole('button', { name: `移出${second}` }).click();
    const confirm = page.getByRole('dialog', { name: `将“${second}”移出“${teamName}”？` });
    await confirm.getByRole('button', { name: '移出' }).click();
    await expect.poll(() => members.textContent()).not.toContain(second);
    await members.getByText(first).waitFor();
    await teamDrawer.getByRole('tab', { name: '队员（1）' }).waitFor();

    // Edit the team: another team's name is refused under 名称; a party branch and a leader are saved.
    await teamDrawer.getByRole('button', { name: '编辑' }).click();
    const teamEdit = page.getByRole('dialog', { name: `编辑服务队：${teamName}` });
    await teamEdit.getByLabel('名称').fill(otherTeam);
    await teamEdit.getByRole('button', { name: '保存' }).click();
    await teamEdit.getByText(`「名称」该组织下已有名为“${otherTeam}”的服务队。`).waitFor();
    await teamEdit.getByLabel('名称').fill(teamName);
    await teamEdit.getByLabel('已建立党支部').check();
    await teamEdit.getByRole('button', { name: '指定' }).click();
    const leaderPicker = teamEdit.getByLabel('负责人');
    await leaderPicker.click();
    await leaderPicker.fill('晓雯');
    await page.locator('.ant-select-item-option:visible', { hasText: first }).click();
    await teamEdit.getByRole('button', { name: '保存' }).click();
    await teamEdit.waitFor({ state: 'hidden' });
    await teamDrawer.getByText('已建立').waitFor();
    await teamDrawer.getByRole('row').filter({ hasText: '负责人' }).getByText(first).waitFor();
    await teamDrawer.getByRole('tab', { name: '变更记录' }).click();
    const teamHistory = teamDrawer.getByRole('table', { name: '变更记录' });
    await teamHistory.getByRole('row').filter({ hasText: '加入服务队' }).filter({ hasText: second }).waitFor();
    await teamHistory.getByRole('row').filter({ hasText: '退出服务队' }).filter({ hasText: second }).waitFor();
    await teamHistory.getByRole('row').filter({ hasText: '修改' }).filter({ hasText: '党支部' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'volunteer-editing-team.png') });
    await page.keyboard.press('Escape');
    await teamDrawer.waitFor({ state: 'hidden' });
    const teamRow = page.getByRole('table', { name: '服务队列表' }).getByRole('row').filter({ hasText: teamName });
    await expect.poll(() => teamRow.textContent()).toContain(first);

    // From the volunteer's side: the second volunteer joins the team in the drawer and leaves it again.
    await page.getByRole('tab', { name: '志愿者' }).click();
    await page.getByRole('table', { name: '志愿者名册' }).getByRole('row').filter({ hasText: second }).click();
    const secondDrawer = page.getByRole('dialog', { name: second });
    await secondDrawer.getByRole('tab', { name: '服务队（0）' }).click();
    await secondDrawer.getByRole('button', { name: '加入服务队' }).click();
    const join = page.getByRole('dialog', { name: `加入服务队：${second}` });
    await join.getByLabel('服务队').click();
    await page.locator('.ant-select-item-option:visible', { hasText: teamName }).click();
    await join.getByRole('button', { name: '加入' }).click();
    await join.waitFor({ state: 'hidden' });
    const myTeams = secondDrawer.getByRole('table', { name: '所在服务队' });
    await myTeams.getByText(teamName).waitFor();
    await secondDrawer.getByRole('tab', { name: '服务队（1）' }).waitFor();
    await myTeams.getByRole('button', { name: `退出${teamName}` }).click();
    await page.getByRole('dialog', { name: `“${second}”退出“${teamName}”？` }).getByRole('button', { name: '退出' }).click();
    await secondDrawer.getByRole('tab', { name: '服务队（0）' }).waitFor();
    await expect(myTeams.textContent()).resolves.not.toContain(teamName);

    const listed = JSON.parse(ledgerCli('volunteer', 'list', '--db', db, '--team', String(team.id), '--json')) as { rows: Array<{ name: string }> };
    expect(listed.rows.map((r) => r.name)).toEqual([first]);
    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await page.close();
  });
});

