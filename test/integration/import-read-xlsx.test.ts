import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectSource, readSheet, type RawRow, type ReadOptions } from '../../src-main/core/import/read';
import { makeTmpDir, writeRawXlsx } from '../helpers/import-files';

const tmp = makeTmpDir();
afterAll(() => tmp.cleanup());

async function readAll(file: string, opts: ReadOptions = {}) {
  const rows: RawRow[] = [];
  const batches: number[] = [];
  const result = await readSheet(file, opts, (batch) => {
    batches.push(batch.length);
    rows.push(...batch);
  });
  return { rows, batches, ...result };
}

/** Deterministic names of 1–12 characters mixing common hanzi, CJK Extension A/B characters outside
 *  the BMP (𠮷 and friends) and minority-name middle dots, so that multi-byte characters land on
 *  every possible offset of the inflater's chunk boundaries. */
function names(count: number): string[] {
  const pool = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰梅琳'];
  const rare = ['𠮷', '𡈽', '𪚥', '𬌗', '𫖮', '䶮', '𣲗', '𠀾', '·'];
  let seed = 20240601;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, (_, i) => {
    const len = 1 + (next() % 12);
    let s = '';
    for (let k = 0; k < len; k++) s += next() % 5 === 0 ? rare[next() % rare.length] : pool[next() % pool.length];
    return `${s}${i % 7 === 0 ? '𠮷' : ''}`;
  });
}

describe('readSheet on xlsx', () => {
  it('reads 32,000 Chinese names with non-BMP characters byte-exact, from shared strings and from inline cells', async () => {
    const expected = names(32_000);
    for (const useSharedStrings of [true, false]) {
      const file = tmp.path(`names-${useSharedStrings ? 'shared' : 'inline'}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
      const ws = wb.addWorksheet('会员');
      ws.addRow(['姓名', '备注']).commit();
      for (const n of expected) ws.addRow([n, `${n}（${n.length}）`]).commit();
      await wb.commit();

      const { rows, batches } = await readAll(file);
      expect(rows).toHaveLength(expected.length + 1);
      const mismatches = expected.filter((n, i) => rows[i + 1]?.cells[0] !== n || rows[i + 1]?.cells[1] !== `${n}（${n.length}）`);
      expect(mismatches).toEqual([]);
      expect(rows.at(-1)?.row).toBe(expected.length + 1);
      expect(Math.max(...batches)).toBeLessThanOrEqual(1000);
    }
  });

  it('flattens rich text, gives formula results, hyperlink text, dates at UTC midnight; null for errors and blanks', async () => {
    const file = tmp.path('kinds.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '出生日期', '备注', '公式日期', '布尔', '错误', '数字']);
    ws.addRow([
      { richText: [{ text: '王' }, { text: '　芳', font: { bold: true } }] },
      new Date(Date.UTC(1990, 0, 2, 15, 30)),
      { text: '官网', hyperlink: 'https://example.org' },
      { formula: 'B2+1', result: 32876 },
      true,
      { error: '#N/A' },
      3.30106e17,
    ]);
    ws.getCell('B2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('D2').numFmt = 'yyyy-mm-dd';
    ws.addRow([]);
    ws.addRow(['', '  ', null, { formula: 'A1', result: '姓名' }]);
    await wb.xlsx.writeFile(file);

    const { rows, rowCount, merges } = await readAll(file);
    expect(rowCount).toBe(3);
    expect(merges).toEqual([]);
    expect(rows[1]).toEqual({
      row: 2,
      cells: ['王　芳', new Date(Date.UTC(1990, 0, 2)), '官网', new Date(Date.UTC(1990, 0, 3)), true, null, 3.30106e17],
    });
    // Row 3 is blank and skipped; whitespace is content (the cleaning layer trims it).
    expect(rows[2]).toEqual({ row: 4, cells: [null, '  ', null, '姓名'] });
  });

  it('returns merged ranges (after <sheetData>) and lists sheets in workbook order with hidden ones marked', async () => {
    const file = tmp.path('merges.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.created = new Date('2024-03-04T17:30:00Z');
    const title = wb.addWorksheet('说明');
    title.addRow(['填写说明']);
    const ws = wb.addWorksheet('会员名单');
    ws.addRow(['某乡红十字会会员名单']);
    ws.addRow(['序号', '基本信息', '', '入会时间']);
    ws.addRow(['', '姓名', '身份证号码', '']);
    for (let i = 1; i <= 3000; i++) ws.addRow([i, `会员${i}`, '', '']);
    ws.mergeCells('A1:D1');
    ws.mergeCells('B2:C2');
    ws.mergeCells('A2:A3');
    ws.mergeCells('D2:D3');
    ws.mergeCells('E4:E3003');
    wb.addWorksheet('隐藏', { state: 'hidden' }).addRow(['x']);
    await wb.xlsx.writeFile(file);

    const info = await inspectSource(file);
    expect(info).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null });
    expect(info.sheets).toEqual([
      { name: '说明', hidden: false },
      { name: '会员名单', hidden: false },
      { name: '隐藏', hidden: true },
    ]);
    expect(info.savedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const expectedMerges = [
      { top: 1, left: 0, bottom: 1, right: 3 },
      { top: 2, left: 1, bottom: 2, right: 2 },
      { top: 2, left: 0, bottom: 3, right: 0 },
      { top: 2, left: 3, bottom: 3, right: 3 },
      { top: 4, left: 4, bottom: 3003, right: 4 },
    ];
    const full = await readAll(file, { sheet: '会员名单' });
    expect(full.merges).toEqual(expect.arrayContaining(expectedMerges));
    expect(full.merges).toHaveLength(5);
    expect(full).toMatchObject({ rowCount: 3003, truncated: false });

    // A peek stops delivering rows but still finds the merges at the end of the sheet.
    const peek = await readAll(file, { sheet: '会员名单', maxRows: 60 });
    expect(peek.rows.map((r) => r.row)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(peek).toMatchObject({ rowCount: 60, truncated: true });
    expect(peek.merges).toEqual(full.merges);

    expect((await readAll(file)).rows).toEqual([{ row: 1, cells: ['填写说明'] }]);
  });

  it('reads Excel-ordered packages, CJK built-in date formats, the 1904 date system and the saved date in China time', async () => {
    const file = tmp.path('raw.xlsx');
    writeRawXlsx(file, {
      date1904: true,
      modified: '2024-03-04T17:30:00Z',
      sharedStrings: ['姓名', '入会时间', '𠮷林', '<r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r>'],
      cellXfs: [{ numFmtId: 0 }, { numFmtId: 31 }, { numFmtId: 57 }, { numFmtId: 165 }],
      numFmts: [{ id: 165, code: 'yyyy/m/d;@' }],
      sheets: [
        {
          name: '表一',
          rows:
            '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>' +
            // 1904 system: serial 0 is 1904-01-01.
            '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="s"><v>3</v></c><c r="C3" s="1"><v>31412</v></c><c r="D3" s="2"><v>31412</v></c><c r="E3" s="3"><v>31412.75</v></c><c r="F3" t="inlineStr"><is><t>内联</t></is></c></row>',
          tail: '<mergeCells count="1"><mergeCell ref="A2:B2"/></mergeCells>',
        },
        { name: '表二', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' },
        { name: '表三', rows: '<row r="1"><c r="A1" t="s"><v>1</v></c></row>' },
      ],
    });
    const info = await inspectSource(file);
    expect(info.savedOn).toBe('2024-03-05');
    const { rows, merges } = await readAll(file);
    const d = new Date(Date.UTC(1990, 0, 1));
    expect(rows).toEqual([
      { row: 2, cells: ['姓名', null, '入会时间'] },
      { row: 3, cells: ['𠮷林', '富文本', d, d, d, '内联'] },
    ]);
    expect(merges).toEqual([{ top: 2, left: 0, bottom: 2, right: 1 }]);
    // Sheets spilled to temp files before sharedStrings.xml are skipped without a stray error.
    for (let i = 0; i < 10; i++) {
      expect((await readAll(file, { sheet: '表三' })).rows).toEqual([{ row: 1, cells: ['入会时间'] }]);
    }
    await new Promise((r) => setTimeout(r, 50));
  });

  it('refuses a sheet name that does not exist, naming the sheets there are', async () => {
    const file = tmp.path('merges.xlsx');
    await expect(readAll(file, { sheet: '不存在' })).rejects.toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('“会员名单”') });
  });
});
