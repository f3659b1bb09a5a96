import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { pickOrg } from './antd-inputs';
import { e2eSession, ledgerCli, screenshotDir, tempDb } from './web-host';

const session = e2eSession();

/** Any 18-character resident ID number, i.e. one shown unmasked. */
const fullIdPattern = /\d{17}[\dX]/;

describe('member roster on a seeded ledger', () => {
  it('lists, adds, finds by a name fragment, reveals once and shows the change history', async () => {
    const db = tempDb('members.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    ledgerCli('seed', '--db', db, '--scale', 'small', '--seed', '7');
    // An open organisation of the seeded county to put the new member in.
    const orgLine = ledgerCli('org', 'list', '--db', db)
      .split('\n')
      .find((line) => line.split('\t')[3] === '已成立');
    const orgName = orgLine!.split('\t')[1]!;

    const { page, problems } = await session.open(db, { screenshot: 'members' });

    await page.getByRole('menuitem', { name: '会员' }).click();
    const roster = page.getByRole('table', { name: '会员名册' });
    const dataRows = roster.getByRole('rowgroup').nth(1).getByRole('row');
    await dataRows.first().waitFor();
    // The first page only, and only the rows on screen are in the DOM.
    await page.getByRole('status').getByText('已加载 100 人').waitFor();
    const rendered = await dataRows.count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
    await expect(dataRows.first().getByRole('cell').first().textContent()).resolves.toMatch(/\S/);
    await expect(roster.textContent()).resolves.not.toMatch(fullIdPattern);

    // Scrolling near the end of what is loaded fetches the next page.
    await roster.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByRole('status').getByText('已加载 200 人').waitFor();

    // Sorting by a column header: join date ascending, then descending; back to names.
    const joinedHeader = roster.getByRole('columnheader', { name: /入会日期/ });
    const joinedDates = async () => (await dataRows.evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent ?? ''))).slice(0, 8);
    await joinedHeader.getByRole('button').click();
    await expect.poll(() => joinedHeader.getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('status').getByText('已加载 100 人').waitFor();
    const ascending = await joinedDates();
    expect(ascending).toEqual([...ascending].sort());
    await joinedHeader.getByRole('button').click();
    await expect.poll(() => joinedHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await joinedDates())[0]! > ascending[0]!).toBe(true);
    const descending = await joinedDates();
    expect(descending).toEqual([...descending].sort().reverse());
    await roster.getByRole('columnheader', { name: /姓名/ }).getByRole('button').click();
    await expect.poll(() => joinedHeader.getAttribute('aria-sort')).toBe('none');

    // A wrong check character is refused with the backend's Chinese message.
    const first17 = '33010619900512345';
    const idNumber = first17 + residentIdCheckChar(first17);
    const wrongCheck = first17 + (residentIdCheckChar(first17) === '0' ? '1' : '0');
    const name = '司马青岚';
    await page.getByRole('button', { name: '新增会员' }).click();
    const form = page.getByRole('dialog', { name: '新增会员' });
    await pickOrg(page, form.getByLabel('所属组织'), orgName);
    await form.getByLabel('姓名', { exact: true }).fill(name);
    await form.getByLabel('证件号码').fill(wrongCheck);
    await form.getByLabel('联系电话').fill('13812345678');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('校验码应为').waitFor();

    // The right number: saved, then the member opens in the drawer.
    await form.getByLabel('证件号码').fill(idNumber);
    await form.getByText('出生日期 1990-05-12，男（按证件号码）').waitFor();
    await expect(form.getByText('监护人姓名').count()).resolves.toBe(0);
    await form.getByRole('button', { name: '保存' }).click();
    const drawer = page.getByRole('dialog', { name: name });
    await drawer.getByText(orgName).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Found by a two-character fragment of the name; ↓ from the box into the roster, Enter opens.
    const search = page.getByLabel('查找会员');
    await search.fill('青岚');
    await dataRows.filter({ hasText: name }).waitFor();
    await page.getByRole('status').getByText('已全部加载').waitFor();
    await expect(roster.getByText('已全部加载').count()).resolves.toBe(1);
    const row = dataRows.filter({ hasText: name });
    await expect(row.textContent()).resolves.toContain(`330106********${idNumber.slice(-4)}`);
    await expect(row.textContent()).resolves.toContain('138****5678');
    await search.press('ArrowDown');
    await expect(roster.locator('[role="row"][aria-selected="true"]').textContent()).resolves.toContain(name);
    await page.keyboard.press('Enter');
    await drawer.getByRole('tab', { name: '基本信息' }).waitFor();

    // Masked until 显示, which is offered once and then shows the full numbers.
    await drawer.getByText(`330106********${idNumber.slice(-4)}`).waitFor();
    await expect(drawer.textContent()).resolves.not.toContain(idNumber);
    await drawer.getByRole('button', { name: '显示' }).click();
    await drawer.getByText(idNumber, { exact: true }).waitFor();
    await drawer.getByText('13812345678', { exact: true }).waitFor();
    await expect(drawer.getByRole('button', { name: '显示' }).count()).resolves.toBe(0);

    // The change history lists the addition and the viewing of the full number.
    await drawer.getByRole('tab', { name: '变更记录' }).click();
    const history = drawer.getByRole('table');
    await history.getByText('查看完整号码').waitFor();
    await expect(history.getByText('新增', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(history.getByText('王芳').count()).resolves.toBeGreaterThan(0);
    await expect(history.textContent()).resolves.not.toContain(idNumber);
    // Let the toasts fade so the picture shows the drawer itself.
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'members.png') });

    // The roster still shows the number masked after the reveal.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await expect(roster.textContent()).resolves.not.toContain(idNumber);
    await expect(roster.textContent()).resolves.not.toMatch(fullIdPattern);

    // Adding the same number again creates nothing and opens the member already in the ledger.
    await page.getByRole('button', { name: '新增会员' }).click();
    await pickOrg(page, form.getByLabel('所属组织'), orgName);
    await form.getByLabel('姓名', { exact: true }).fill('司马青');
    await form.getByLabel('证件号码').fill(idNumber);
    await form.getByRole('button', { name: '保存' }).click();
    const notice = page.getByRole('dialog', { name: `“${name}”已在台账中` });
    await notice.getByText('已为您打开该会员').waitFor();
    await notice.getByRole('button', { name: '知道了' }).click();
    await drawer.getByRole('tab', { name: '基本信息' }).waitFor();
    await page.keyboard.press('Escape');
    await search.fill('司马青');
    await page.getByRole('status').getByText('已全部加载').waitFor();
    await expect(dataRows.filter({ hasText: '司马青' }).count()).resolves.toBe(1);

    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await page.close();
  });
});

