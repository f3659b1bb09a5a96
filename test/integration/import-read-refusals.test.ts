// Files that are not what they claim, damaged, hostile or huge: each gets an AppError with a
// message telling the clerk what to do, never a crash or a hang.
import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectSource, readSheet } from '../../src-main/core/import/read';
import { encodeText, falsifyDeclaredSize, makeTmpDir, writeRawXlsx, writeZip } from '../helpers/import-files';

const tmp = makeTmpDir();
afterAll(() => tmp.cleanup());

const good = tmp.path('good.xlsx');
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员');
  for (let i = 0; i < 2000; i++) ws.addRow([`会员${i}`, '110101199001021234', i]);
  await wb.xlsx.writeFile(good);
});

/** An OLE compound file header followed by directory entry names (UTF-16LE), as Office writes them. */
function cfb(...names: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  return Buffer.concat([header, Buffer.alloc(1024), ...names.map((n) => Buffer.from(`Root Entry\0${n}\0`, 'utf16le'))]);
}

async function refusal(file: string) {
  const viaRead = await readSheet(file, {}, () => undefined).then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );
  const viaInspect = await inspectSource(file).then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );
  expect(viaInspect).toEqual(viaRead);
  return viaRead;
}

describe('refusals', () => {
  it('refuses a legacy .xls by its content, whatever its name, with the 另存为 advice', async () => {
    for (const name of ['old.xls', 'renamed.xlsx', 'renamed.csv']) {
      const file = tmp.path(name);
      writeFileSync(file, cfb('Workbook', 'SummaryInformation'));
      expect(await refusal(file)).toEqual({
        code: 'FILE_REFUSED',
        message: '这是旧版 Excel 97-2003（.xls）文件，本程序不读取这种格式。请在 Excel 或 WPS 中打开它，选择“另存为”→“Excel 工作簿(.xlsx)”，再导入新文件。',
      });
    }
  });

  it('asks to remove the password of an encrypted workbook', async () => {
    const file = tmp.path('encrypted.xlsx');
    writeFileSync(file, cfb('EncryptionInfo', 'EncryptedPackage'));
    expect(await refusal(file)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('取消密码') });
  });

  it('refuses HTML and XML spreadsheets named .xls with the 另存为 advice', async () => {
    const html = tmp.path('web.xls');
    writeFileSync(html, encodeText('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="gbk"></head><body><table><tr><td>姓名</td></tr></table></body></html>', 'gbk'));
    const xml = tmp.path('xml2003.xls');
    writeFileSync(xml, '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>');
    for (const file of [html, xml]) {
      expect(await refusal(file)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('“另存为”→“Excel 工作簿(.xlsx)”') });
    }
  });

  it('refuses zips that are not workbooks, saying what they look like', async () => {
    const docx = tmp.path('letter.xlsx');
    writeZip(docx, [{ name: '[Content_Types].xml', text: '<Types/>' }, { name: 'word/document.xml', text: '<w:document/>' }]);
    const zip = tmp.path('photos.xlsx');
    writeZip(zip, [{ name: 'a.txt', text: 'hello' }]);
    expect(await refusal(docx)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringMatching(/不是 Excel 工作簿.*Word 文档/) });
    expect(await refusal(zip)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('不是 Excel 工作簿') });
  });

  it('refuses a truncated download as damaged', async () => {
    for (const fraction of [0.5, 0.95]) {
      const file = tmp.path(`truncated-${fraction}.xlsx`);
      copyFileSync(good, file);
      truncateSync(file, Math.floor(readFileSync(good).length * fraction));
      expect(await refusal(file)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('已损坏或不完整') });
    }
  });

  it('refuses a sheet whose XML is broken', async () => {
    const file = tmp.path('broken-xml.xlsx');
    writeRawXlsx(file, { sheets: [{ name: '表', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="2"><c r="A2"' }] });
    await expect(readSheet(file, {}, () => undefined)).rejects.toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('工作表“表”的内容已损坏') });
  });

  it('refuses a zip bomb from its central directory before parsing', async () => {
    const file = tmp.path('bomb.xlsx');
    writeRawXlsx(file, { sheets: [{ name: '表', rows: '' }] });
    // 54 MB of spaces deflates to ~53 KB: ratio ~1000 on a sheet part.
    writeZip(file, [
      { name: 'xl/workbook.xml', text: '<workbook><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', text: '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', repeat: '                ', times: 3_400_000 },
    ]);
    const started = Date.now();
    expect(await refusal(file)).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('解压后的内容异常巨大') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops inflating an entry that is larger than its zip headers declare', async () => {
    const file = tmp.path('lying.xlsx');
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>会员${i}</t></is></c></row>`).join('');
    writeRawXlsx(file, { sheets: [{ name: '表', rows }] });
    falsifyDeclaredSize(file, 'xl/worksheets/sheet1.xml', 2000);
    let delivered = 0;
    await expect(readSheet(file, {}, (b) => void (delivered += b.length))).rejects.toMatchObject({ code: 'FILE_REFUSED' });
    expect(delivered).toBeLessThan(3000);
  });

  it('refuses a file over 100 MB before reading it', async () => {
    const file = tmp.path('huge.csv');
    writeFileSync(file, '');
    truncateSync(file, 101 * 1024 * 1024);
    expect(await refusal(file)).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('超过 100 MB') });
  });

  it('refuses empty, binary and missing files', async () => {
    const empty = tmp.path('empty.csv');
    writeFileSync(empty, '');
    const binary = tmp.path('photo.xlsx');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    expect(await refusal(empty)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('空的') });
    expect(await refusal(binary)).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('不是表格文件') });
    expect(await refusal(tmp.path('missing.xlsx'))).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('文件不存在') });
  });

  it('reads a text file named .xlsx as CSV (content decides, not the extension)', async () => {
    const file = tmp.path('export.xlsx');
    writeFileSync(file, '姓名,手机\n王芳,13800138000\n');
    expect(await inspectSource(file)).toMatchObject({ format: 'csv', sheets: [{ name: 'export' }] });
    const rows: unknown[] = [];
    await readSheet(file, {}, (b) => void rows.push(...b));
    expect(rows).toEqual([
      { row: 1, cells: ['姓名', '手机'] },
      { row: 2, cells: ['王芳', '13800138000'] },
    ]);
  });

  it('refuses a sheet past Excel’s row or column limits', async () => {
    const rows = tmp.path('too-many-rows.xlsx');
    writeRawXlsx(rows, { sheets: [{ name: '表', rows: '<row r="1048577"><c r="A1048577" t="inlineStr"><is><t>x</t></is></c></row>' }] });
    await expect(readSheet(rows, {}, () => undefined)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('1,048,576 行') });
    const csv = tmp.path('too-many-columns.csv');
    writeFileSync(csv, `${','.repeat(16_384)}x\n`);
    await expect(readSheet(csv, {}, () => undefined)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('16,384 列') });
  });
});
