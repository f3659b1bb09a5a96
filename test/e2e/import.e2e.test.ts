import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { e2eSession, ledgerCli, screenshotDir, tempDb } from './web-host';

const session = e2eSession();

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);
const json = <T,>(...args: string[]) => JSON.parse(ledgerCli(...args, '--json')) as T;
/** Any 18-character resident ID number, i.e. one shown unmasked. */
const fullIdPattern = /\d{17}[\dX]/;

const ids = {
  zhang: idNumber('33010619850312002'),
  wang: idNumber('33010619900501004'),
  sun: idNumber('33010619780909005'),
  li: idNumber('33010619800101003'),
};

/**
 * A township's hand-made roster: a title row and a blank row above the header, headers written
 * with aliases, one join-date header no alias covers (何时入会), a name padded with a full-width
 * space, an ID number Excel stored as a number (its last digits lost), an organisation the ledger
 * does not know (城南红会), a person already in the ledger (李强) and a 填表人 footer. A first
 * sheet of notes makes the clerk's sheet choice matter.
 */
async function messyMemberSheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('填表说明').addRow(['请按表头填写，每人一行。']);
  const sheet = workbook.addWorksheet('会员名单');
  sheet.addRow(['城关镇红十字会会员花名册']);
  sheet.mergeCells('A1:G1');
  sheet.addRow([]);
  sheet.addRow(['序号', '名字', '公民身份号码', '联系电话', '所属组织', '何时入会', '备注']);
  sheet.addRow([1, '张　三', ids.zhang, '138 1234 5678', '象山社区红十字会', '2020.3.1', '']); // row 4
  sheet.addRow([2, '王芳', ids.wang, '+86 139-0000-1111', '象山社区红十字会', '2021年5月1日', '']); // row 5
  sheet.addRow([3, '赵六', Number('330106199003071234'), '13700001111', '象山社区红十字会', '2019/01/02', '']); // row 6: the ID as a number
  sheet.addRow([4, '孙七', ids.sun, '', '城南红会', '20220315', '']); // row 7: unknown organisation
  sheet.addRow([5, '李强', ids.li, '', '象山社区红十字会', '2021-03-01', '']); // row 8: already in the ledger
  sheet.addRow([]);
  sheet.addRow(['填表人：王芳', '', '审核人：', '', '日期：2025年6月1日']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The number a 预览统计 tile shows. */
async function stat(page: Page, title: string): Promise<number> {
  const tile = page.getByRole('region', { name: '预览统计' }).locator('.ant-statistic').filter({ has: page.getByText(title, { exact: true }) });
  return Number((await tile.locator('.ant-statistic-content').textContent())!.replace(/[^\d]/g, ''));
}

/** Opens an antd select, types a fragment and picks the option with this text. */
async function choose(page: Page, select: Locator, typed: string, option: string) {
  await select.click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-item-option:visible', { hasText: option }).first().click();
}

describe('import through the UI', () => {
  it('previews a messy member sheet, fixes the mapping and an organisation, imports, downloads the rejected rows and undoes', async () => {
    const db = tempDb('import.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    const town = json<{ id: number }>('org', 'add', '--db', db, '--name', '城关镇红十字会', '--type', '乡镇');
    const xiangshan = json<{ id: number }>('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--parent', String(town.id));
    json('org', 'add', '--db', db, '--name', '城南村红十字会', '--type', '村', '--parent', String(town.id));
    json('member', 'add', '--db', db, '--org', String(xiangshan.id), '--name', '李强', '--id-number', ids.li, '--join-date', '2021-03-01');

    const { page, problems } = await session.open(db, { screenshot: 'import' });

    // From the member roster: the wizard opens with 个人会员 preset.
    await page.getByRole('menuitem', { name: '会员' }).click();
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await expect.poll(() => page.getByRole('radio', { name: '个人会员' }).isChecked()).toBe(true);

    // Upload; the roster sheet is preselected over the notes sheet.
    await page.locator('input[type="file"]').setInputFiles({
      name: '城关镇会员花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await messyMemberSheet(),
    });
    await page.getByText('城关镇会员花名册.xlsx').first().waitFor();
    // The keyboard focus is back on the file box once the file is read, not lost to the page.
    await expect.poll(() => page.evaluate("document.activeElement?.closest('.ant-upload-drag') !== null")).toBe(true);
    const sheetPicker = page.locator('.ant-form-item').filter({ hasText: '工作表' });
    await sheetPicker.getByText('会员名单').waitFor();
    await page.getByRole('button', { name: '预览导入结果' }).click();

    // The first preview: 何时入会 was not recognised, so 入会时间 is missing and nothing can be imported.
    await page.getByText('缺少必填列：入会时间').waitFor();
    await expect(page.getByRole('button', { name: /^导入 \d+ 行$/ }).isDisabled()).resolves.toBe(true);

    // The clerk maps column F to 入会时间; the preview runs again.
    await choose(page, page.getByLabel('第 F 列“何时入会”对应字段'), '入会时间', '入会时间');
    await expect.poll(() => page.getByText('缺少必填列').count()).toBe(0);
    await page.getByRole('region', { name: '预览统计' }).waitFor();
    // The focus is back on the select the clerk changed, ready for the next column.
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')")).toBe('第 F 列“何时入会”对应字段');
    // 张三 and 王芳 are new; 孙七's organisation is unknown (rejected until the clerk decides); 赵六's number is lost.
    await expect.poll(() => stat(page, '新增')).toBe(2);
    expect(await stat(page, '拒绝')).toBeGreaterThanOrEqual(2);

    const rejected = page.getByRole('table', { name: '被拒绝的行' });
    const zhaoRow = rejected.getByRole('row').filter({ has: page.getByRole('cell', { name: '6', exact: true }) });
    await zhaoRow.waitFor();
    await expect(zhaoRow.getByRole('cell').nth(1).textContent()).resolves.toBe('身份证号码');
    await expect(zhaoRow.getByRole('cell').nth(2).textContent()).resolves.toMatch(/\S{4,}/);

    // The person already in the ledger is listed as a duplicate with its row number.
    await page.getByRole('tab', { name: /^重复/ }).click();
    const duplicate = page.getByRole('table', { name: '重复' }).getByRole('row').filter({ hasText: '李强' });
    await expect(duplicate.getByRole('cell').first().textContent()).resolves.toBe('8');
    await expect(duplicate.textContent()).resolves.toContain('台账中已有');

    // 城南红会 is unknown: the clerk maps it to 城南村红十字会 and previews again.
    const unmatched = page.getByRole('table', { name: '未找到的组织' });
    await unmatched.getByText('城南红会').waitFor();
    await choose(page, page.getByLabel('“城南红会”的处理方式'), '', '对应到已有组织');
    await choose(page, page.getByLabel('“城南红会”对应到'), '城南村', '城南村红十字会');
    await page.getByRole('button', { name: '按选择重新预览' }).click();
    await expect.poll(() => stat(page, '新增')).toBe(3);
    await expect(page.locator('body').textContent()).resolves.not.toMatch(fullIdPattern);

    // The rejected rows as a workbook with a 错误原因 column, 赵六 among them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载被拒绝的行' }).click()]);
    const saved = path.join(path.dirname(db), download.suggestedFilename());
    await download.saveAs(saved);
    expect(saved).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const cells = book.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map((v) => String(v ?? '')) : []));
    expect(cells).toContain('错误原因');
    expect(cells).toContain('赵六');
    expect(cells).not.toContain('张三');

    // Import, confirming the counts and the automatic backup.
    await page.getByRole('button', { name: '导入 3 行' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '新增 3 人' });
    await confirm.getByText('自动备份').waitFor();
    await confirm.getByRole('button', { name: '开始导入' }).click();
    // (导入完成 alone is also the third step's title.)
    await page.getByRole('status').filter({ hasText: '新增 3 人' }).waitFor();
    await page.locator('.ant-result-title', { hasText: '导入完成' }).waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'import.png') });

    // The new members are in the roster, 张三 without the padding space, 孙七 in 城南村.
    await page.getByRole('menuitem', { name: '会员' }).click();
    const roster = page.getByRole('table', { name: '会员名册' });
    const search = page.getByLabel('查找会员');
    await search.fill('张三');
    await roster.getByRole('row').filter({ hasText: '张三' }).waitFor();
    await search.fill('孙七');
    await roster.getByRole('row').filter({ hasText: '城南村红十字会' }).waitFor();

    // 导入记录: undo the import; its members leave the roster.
    await page.getByRole('menuitem', { name: '导入导出' }).click();
    await page.getByRole('tab', { name: '导入记录' }).click();
    const entry = page.getByRole('table', { name: '导入记录' }).getByRole('row').filter({ hasText: '城关镇会员花名册.xlsx' });
    await expect(entry.textContent()).resolves.toContain('新增 3');
    await entry.getByRole('button', { name: '撤销本次导入' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '撤销本次导入' }).click();
    await page.getByText(/已撤销本次导入/).waitFor();
    await entry.getByText(/撤销$/).waitFor();

    await page.getByRole('menuitem', { name: '会员' }).click();
    await page.getByLabel('查找会员').fill('张三');
    await page.getByRole('status').getByText('已全部加载').waitFor();
    await expect(page.getByRole('table', { name: '会员名册' }).getByRole('row').filter({ hasText: '张三' }).count()).resolves.toBe(0);

    expect(problems.filter((p) => !p.includes('favicon'))).toEqual([]);
    await page.close();
  });
});
