import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { download, id18 } from '../helpers/export-fixture';
import { preview, upload } from '../helpers/import';
import { makeTmpDir, writeRawXlsx } from '../helpers/import-files';

// Which sheet of a file is the roster, and what it is called, as the clerk sees them: the visible
// roster over a hidden sheet of old data, a CSV named after the file chosen, and values far right
// of any roster read no further (one stray cell in column XFD used to make every row 16,384 wide).

let ledger: TestLedger;
let orgId: number;
beforeEach(async () => {
  ledger = await createTestLedger();
  orgId = (await ledger.call('org.add', { name: '象山社区红十字会', type: '社区' })).id;
});
afterEach(() => ledger.db.close());

const header = ['姓名', '身份证号码', '手机号码', '入会时间'];

describe('the sheet imported', () => {
  it('says when other sheets hold rosters too (a school workbook of one sheet per class), naming them', async () => {
    const wb = new ExcelJS.Workbook();
    ['五(1)班', '五(2)班', '五(3)班'].forEach((name, i) => {
      const sheet = wb.addWorksheet(name);
      sheet.addRow(header);
      sheet.addRow([`学生${i}`, id18(`3301061980010110${i}`), '13800000001', '2020-03-01']);
    });
    wb.addWorksheet('说明').addRow(['本表由各班主任填写']);
    const uploadId = await upload(ledger, '会员.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const { preview: p } = await preview(ledger, uploadId, { kind: 'members', orgId });
    expect(p.sheet).toBe('五(1)班');
    expect(p.warnings).toEqual([{ row: 1, field: '整行', reason: expect.stringContaining('另有 2 个工作表也像个人会员名册（“五(2)班”、“五(3)班”），本次只导入工作表“五(1)班”') }]);
    // A sheet the clerk chose is what they meant: nothing to say.
    expect((await preview(ledger, uploadId, { kind: 'members', orgId, sheet: '五(2)班' })).preview.warnings).toEqual([]);
  });

  it('preselects the visible roster over a hidden sheet that matches more columns', async () => {
    const wb = new ExcelJS.Workbook();
    const old = wb.addWorksheet('备份', { state: 'hidden' });
    old.addRow([...header, '出生日期']);
    old.addRow(['旧数据甲', id18('33010619800101100'), '13900000009', '2000-01-01', '1980-01-01']);
    const roster = wb.addWorksheet('名册');
    roster.addRow(header);
    roster.addRow(['张三', id18('33010619800101101'), '13800000001', '2020-03-01']);
    const uploadId = await upload(ledger, '名册.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const inspected = await ledger.call('import.inspect', { uploadId, kind: 'members' });
    expect(inspected.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['备份', true],
      ['名册', false],
    ]);
    expect(inspected.suggestedSheet).toBe('名册');
    const { preview: p } = await preview(ledger, uploadId, { kind: 'members', orgId });
    expect(p.sheet).toBe('名册');
    expect(p.counts.inserted).toBe(1);
  });

  it('names a CSV file’s sheet after the file the clerk chose, and ignores a sheet name given for it', async () => {
    const csv = Buffer.from(`${header.join(',')}\n张三,${id18('33010619800101101')},13800000001,2020-03-01\n`);
    const uploadId = await upload(ledger, '象山社区会员.csv', csv);
    const { preview: p } = await preview(ledger, uploadId, { kind: 'members', orgId, sheet: '名册' });
    expect([p.sheet, p.sheets]).toEqual(['象山社区会员', ['象山社区会员']]);
    expect(p.counts.inserted).toBe(1);
  });

  it('says the names it read as empty were formulas saved without their result, also on the row that is rejected', async () => {
    const tmp = makeTmpDir();
    try {
      const is = (text: string) => `t="inlineStr"><is><t>${text}</t></is>`;
      const row = (r: number, name: string, id: string) =>
        `<row r="${r}"><c r="A${r}" ${name}</c><c r="B${r}" ${is(id)}</c><c r="C${r}" ${is('2020-03-01')}</c></row>`;
      writeRawXlsx(tmp.path('generated.xlsx'), {
        sheets: [
          {
            name: '名册',
            rows:
              `<row r="1"><c r="A1" ${is('姓名')}</c><c r="B1" ${is('身份证号码')}</c><c r="C1" ${is('入会时间')}</c></row>` +
              row(2, 't="str"><f>"张"&amp;"三"</f>', id18('33010619800101101')) +
              row(3, is('李四'), id18('33010619800101102')),
          },
        ],
      });
      const uploadId = await upload(ledger, 'generated.xlsx', fs.readFileSync(tmp.path('generated.xlsx')));
      const { preview: p } = await preview(ledger, uploadId, { kind: 'members', orgId });
      expect(p.counts).toMatchObject({ inserted: 1, rejected: 1 });
      expect(p.rejected).toEqual([{ row: 2, field: '姓名', reason: '姓名为空，请填写姓名' }]);
      expect(p.warnings).toEqual([{ row: 2, field: '整行', reason: expect.stringContaining('从本行起有 1 个公式单元格没有保存计算结果') }]);
    } finally {
      tmp.cleanup();
    }
  });

  it('reads 256 columns and warns once about values beyond them, instead of running out of memory', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名册');
    sheet.addRow(header);
    for (let i = 0; i < 3; i++) {
      const row = sheet.addRow([`张${'一二三'[i]}`, id18(`3301061980010110${i}`), null, '2020-03-01']);
      row.getCell(16_384).value = 'x';
    }
    const uploadId = await upload(ledger, '名册.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const { preview: p } = await preview(ledger, uploadId, { kind: 'members', orgId });
    expect(p.counts.inserted).toBe(3);
    expect(p.warnings).toEqual([{ row: 2, field: '整行', reason: expect.stringContaining('从本行起有 3 个单元格在第 256 列（IV 列）之后') }]);
  });
});

describe('the rejected rows saved for the township', () => {
  it('keep numbers as numbers and ID numbers and phones as text, with the row number and the reason', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('会员');
    sheet.addRow(['序号', '姓名', '身份证号码', '手机号码', '入会时间']);
    sheet.addRow([1, '张三', id18('33010619800101101'), 13800000001, '2020-03-01']);
    sheet.addRow([2, '李四', '33010619800101', '13800000002', '2020-03-01']);
    sheet.addRow([3, '王五', id18('33010619800101103'), 13800000003, '2030-03-01']);
    const uploadId = await upload(ledger, '会员.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const { jobId, preview: p } = await preview(ledger, uploadId, { kind: 'members', orgId });
    expect(p.rejected.map((r) => [r.row, r.field])).toEqual([
      [3, '身份证号码'],
      [4, '入会时间'],
    ]);
    const saved = await ledger.call('import.rejectedSheet', { jobId });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(ledger, saved.token)) as unknown as ArrayBuffer);
    const out = book.worksheets[0]!;
    expect(out.getRow(1).values).toEqual([undefined, '序号', '姓名', '身份证号码', '手机号码', '入会时间', '原表行号', '错误原因']);
    const li = out.getRow(2);
    const wang = out.getRow(3);
    expect([li.getCell(1).value, li.getCell(2).value, li.getCell(3).value, li.getCell(4).value, li.getCell(6).value]).toEqual([2, '李四', '33010619800101', '13800000002', 3]);
    expect([wang.getCell(1).value, wang.getCell(3).value, wang.getCell(4).value, wang.getCell(6).value]).toEqual([3, id18('33010619800101103'), '13800000003', 4]);
    expect(wang.getCell(4).numFmt).toBe('@');
    expect(String(wang.getCell(7).value)).toMatch(/^入会时间：/);
    expect(out.rowCount).toBe(3);
  });
});
