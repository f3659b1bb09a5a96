import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eSession, ledgerCli, screenshotDir, tempDb } from './web-host';

const session = e2eSession();

describe('first run', () => {
  it('asks for the county, refuses a wrong code, and opens the ledger', async () => {
    const { page, problems, url } = await session.open(tempDb('first-run.sqlite'));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);

    await page.getByText('首次使用：请填写本县（市、区）红十字会').waitFor();
    const code = page.getByLabel('县级行政区划代码（6 位）');
    await code.fill('999999');
    await expect.poll(() => page.getByText('不是县级代码').count()).toBeGreaterThan(0);
    await code.fill('330106');
    await page.getByText('对应：浙江省 杭州市 西湖区').waitFor();
    await expect(page.getByLabel('红十字会名称').inputValue()).resolves.toBe('杭州市西湖区红十字会');
    await page.getByLabel('经办人姓名').fill('李晓红');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '稍后填写' }).click();

    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await expect(page.getByText('杭州市西湖区红十字会').count()).resolves.toBeGreaterThan(0);
    for (const section of ['组织', '会员', '志愿者', '达标检查', '年报', '打印', '设置']) {
      await expect(page.getByRole('menuitem', { name: section }).count()).resolves.toBe(1);
    }
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByText('年报所需信息尚未填写').waitFor();
    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await page.close();
  });
});

describe('organisation tree on a seeded ledger', () => {
  it('adds, moves, retires, searches and shows the change history', async () => {
    const db = tempDb('seeded.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    ledgerCli('seed', '--db', db, '--scale', 'small', '--seed', '7');
    const { page, problems } = await session.open(db, { screenshot: 'orgs' });
    const tree = page.getByRole('tree');
    await tree.waitFor();

    // Keyboard: focus the tree; the selection follows ↑↓, → unfolds a township.
    await tree.getByRole('treeitem').first().waitFor();
    const topLevelCount = await tree.getByRole('treeitem').count();
    await tree.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: '基本信息' }).waitFor();
    const first = await page.locator('.ant-card-head h4').textContent();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect.poll(() => page.locator('.ant-card-head h4').textContent()).not.toBe(first);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tree.getByRole('treeitem').count()).toBeGreaterThan(topLevelCount);

    async function addOrg(parent: string | null, name: string, type: string) {
      if (parent) {
        await pick(parent, parent);
        await page.getByRole('button', { name: '新增下级' }).click();
      } else {
        await page.getByRole('button', { name: '新增顶层组织' }).click();
      }
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称').fill(name);
      await dialog.getByLabel('类型').click();
      await page.locator('.ant-select-item-option:visible', { hasText: new RegExp(`^${type}$`) }).click();
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByRole('heading', { name }).waitFor();
    }

    async function pick(fragment: string, expected: string, by: 'mouse' | 'keyboard' = 'mouse') {
      const search = page.getByRole('combobox', { name: '查找组织' });
      await search.fill(fragment);
      const results = page.getByRole('listbox', { name: '查找结果' });
      const option = results.getByRole('option', { name: expected }).first();
      await option.waitFor();
      if (by === 'mouse') {
        await option.click();
      } else {
        // Move the highlight onto the wanted hit with ↓, then open it with Enter.
        while ((await option.getAttribute('aria-selected')) !== 'true') await search.press('ArrowDown');
        await search.press('Enter');
      }
      await page.getByRole('heading', { name: expected }).waitFor();
    }

    await addOrg(null, '测试镇红十字会', '乡镇');
    await addOrg(null, '试验街道红十字会', '街道');
    await addOrg('测试镇红十字会', '东风试点村红十字会', '村');
    await expect(page.getByRole('heading', { name: '东风试点村红十字会' }).count()).resolves.toBe(1);

    // A duplicate name under the same parent is refused with a clear message and nothing changes.
    await pick('测试镇', '测试镇红十字会');
    await page.getByRole('button', { name: '新增下级' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('东风试点村红十字会');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByText('同一上级下名称不能重复').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    // Move the village under the other township.
    await pick('东风试点村', '东风试点村红十字会');
    await expect(page.locator('.ant-breadcrumb').textContent()).resolves.toContain('测试镇红十字会');
    await page.getByRole('button', { name: '移动' }).click();
    const moveDialog = page.getByRole('dialog');
    await moveDialog.getByRole('combobox', { name: '新的上级组织' }).fill('试验街道');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '试验街道红十字会' }).click();
    await moveDialog.getByRole('button', { name: '移动' }).click();
    await page.locator('.ant-breadcrumb', { hasText: '试验街道红十字会' }).waitFor();

    // Retire it, with confirmation.
    await page.getByRole('button', { name: '撤销' }).click();
    await page.getByLabel('撤销原因（可不填）').fill('村社合并');
    await page.getByRole('button', { name: '确认撤销' }).click();
    await page.locator('.ant-card-head .ant-tag', { hasText: '撤销' }).waitFor();
    await expect(page.getByRole('button', { name: '恢复' }).count()).resolves.toBe(1);

    // Search by a fragment from the middle of the name, then read the history.
    await pick('试点村', '东风试点村红十字会', 'keyboard');
    await page.getByRole('tab', { name: '变更记录' }).click();
    const history = page.getByRole('table');
    await history.getByText('移动').first().waitFor();
    await expect(history.getByText('撤销', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(history.getByText('测试镇红十字会').count()).resolves.toBeGreaterThan(0);
    await expect(history.getByText('王芳').count()).resolves.toBeGreaterThan(0);
    await expect(history.getByText('村社合并').count()).resolves.toBe(1);

    await page.screenshot({ path: path.join(screenshotDir, 'orgs-history.png'), fullPage: true });
    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await page.close();
  });
});
