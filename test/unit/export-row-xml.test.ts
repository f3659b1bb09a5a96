import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openXlsxSink } from '../../src-main/core/export/sheet-sink';
import { columnLetters, excelSerial, rowXml, xmlText } from '../../src-main/core/export/row-xml';

describe('rowXml', () => {
  it('names columns like Excel', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('writes text as inline strings, escaped, with XML-illegal characters dropped and others kept', () => {
    expect(xmlText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlText('王\u0001芳\u007f')).toBe('王芳');
    expect(xmlText('𠮷\uD800x')).toBe('𠮷x');
    const xml = rowXml(7, ['=1+1', ' 王芳', null, 'a\rb_x0041_'], ['A', 'B', 'C', 'D'], [1, 2, 3, 4]);
    expect(xml).toBe(
      '<row r="7"><c r="A7" s="1" t="inlineStr"><is><t>=1+1</t></is></c>' +
        '<c r="B7" s="2" t="inlineStr"><is><t xml:space="preserve"> 王芳</t></is></c>' +
        '<c r="D7" s="4" t="inlineStr"><is><t>a_x000D_b_x005F_x0041_</t></is></c></row>',
    );
  });

  it('writes the control characters XML cannot hold as Excel does (_x0001_), so the importer reads them back', () => {
    expect(rowXml(3, ['备注\u0001甲\u000B乙\u007f'], ['A'], [0])).toBe('<row r="3"><c r="A3" s="0" t="inlineStr"><is><t>备注_x0001_甲_x000B_乙_x007F_</t></is></c></row>');
  });

  it('writes numbers as numbers and dates as serial days', () => {
    expect(excelSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(rowXml(2, [3.5, new Date(Date.UTC(2020, 2, 1)), Number.NaN], ['A', 'B', 'C'], [0, 5, 0])).toBe('<row r="2"><c r="A2" s="0"><v>3.5</v></c><c r="B2" s="5"><v>43891</v></c></row>');
  });

  it('a sheet written through the sink reads back through exceljs with values, formats and fonts intact', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'row-xml-')), 'out.xlsx');
    const sink = openXlsxSink(file, '名册', [
      { label: '姓名', width: 12 },
      { label: '身份证号码', width: 22, text: true },
      { label: '入会时间', width: 12, date: true },
      { label: '时长', width: 8 },
    ]);
    for (let i = 0; i < 3000; i++) sink.add([`𠮷王${i} <&>`, `33010619900101${String(i).padStart(4, '0')}`, new Date(Date.UTC(2020, 0, 1 + (i % 365))), i / 4]);
    await sink.drain();
    sink.add(['+86', null, null, null]);
    await sink.finish();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3002);
    const row = sheet.getRow(1001);
    const text = (v: ExcelJS.CellValue) => (typeof v === 'object' && v !== null && 'richText' in v ? v.richText.map((r) => r.text).join('') : v);
    expect(text(row.getCell(1).value)).toBe('𠮷王999 <&>');
    expect(text(row.getCell(2).value)).toBe('330106199001010999');
    expect(row.getCell(2).numFmt).toBe('@');
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2020, 0, 1 + (999 % 365))));
    expect(row.getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(4).value).toBe(249.75);
    expect(row.getCell(1).font?.name).toBe('宋体');
    expect(text(sheet.getRow(3002).getCell(1).value)).toBe('+86');
    expect(sheet.getRow(3002).getCell(2).value).toBeNull();
  });
});
