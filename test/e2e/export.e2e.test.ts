import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { e2eSession, ledgerCli, tempDb } from './web-host';

const session = e2eSession();

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return v === null || v === undefined ? '' : String(v);
}

describe('导出 Excel on the members screen', () => {
  it('downloads the filtered roster, masked unless 包含完整身份证号 is ticked, and the template', async () => {
    const db = tempDb('export.sqlite');
    ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
    ledgerCli('seed', '--db', db, '--scale', 'small', '--seed', '7');
    const expected = JSON.parse(ledgerCli('export', '--db', db, '--kind', 'members', '--out', path.join(path.dirname(db), 'all.xlsx'), '--json')) as { rows: number };
    const { page, problems } = await session.open(db, { screenshot: 'export' });

    await page.getByRole('menuitem', { name: '会员' }).click();
    await page.getByRole('table', { name: '会员名册' }).getByRole('rowgroup').nth(1).getByRole('row').first().waitFor();
    // The screen's default filter is 在册 only; choose 全部状态 so the export should hold every member.
    await page.locator('.ant-select').filter({ hasText: '在册' }).first().click();
    await page.locator('.ant-select-item-option:visible', { hasText: '全部状态' }).click();
    await page.getByRole('status').getByText('已加载 100 人').waitFor();

    await page.getByRole('button', { name: '导出 Excel' }).click();
    const dialog = page.getByRole('dialog', { name: '导出个人会员名单' });
    await expect(dialog.getByRole('checkbox', { name: '包含完整身份证号' }).isChecked()).resolves.toBe(false);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), dialog.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^个人会员名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(path.dirname(db), 'download.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => cellText({ value: v } as ExcelJS.Cell));
    expect(header.slice(0, 9)).toEqual(['姓名', '性别', '身份证号码', '证件类型', '出生日期', '手机号码', '所属基层组织', '入会时间', '会员类型']);
    expect(sheet.actualRowCount - 1).toBe(expected.rows);
    for (let r = 2; r <= Math.min(sheet.rowCount, 200); r++) {
      const id = cellText(sheet.getRow(r).getCell(3));
      if (id) expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
    expect(sheet.getRow(2).getCell(8).value).toBeInstanceOf(Date);

    // Ticked: full numbers, and the file name says so.
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const again = page.getByRole('dialog', { name: '导出个人会员名单' });
    await again.getByRole('checkbox', { name: '包含完整身份证号' }).check();
    await again.getByText('文件将含完整的身份证号码和手机号码').waitFor();
    const [full] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), again.getByRole('button', { name: '导出' }).click()]);
    expect(full.suggestedFilename()).toMatch(/^个人会员名册-含完整身份证号-/);
    const fullFile = path.join(path.dirname(db), 'full.xlsx');
    await full.saveAs(fullFile);
    const fullWb = new ExcelJS.Workbook();
    await fullWb.xlsx.readFile(fullFile);
    expect(cellText(fullWb.worksheets[0]!.getRow(2).getCell(3))).toMatch(/^\d{17}[\dX]$/);

    const [template] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: '下载导入模板' }).click()]);
    expect(template.suggestedFilename()).toBe('个人会员导入模板.xlsx');
    expect(problems).toEqual([]);
  });
});
