import { utimesSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectSource, readSheet, type RawRow, type ReadOptions } from '../../src-main/core/import/read';
import { SAMPLE_BYTES } from '../../src-main/core/import/read/csv-detect';
import { encodeText, makeTmpDir } from '../helpers/import-files';

const tmp = makeTmpDir();
afterAll(() => tmp.cleanup());

async function readAll(file: string, opts: ReadOptions = {}) {
  const rows: RawRow[] = [];
  const result = await readSheet(file, opts, (batch) => void rows.push(...batch));
  return { rows, ...result };
}

const roster = '姓名,身份证号码,手机号码\n王芳,110101199001021234,138 0013 8000\n𠮷林,"11010119900102123X",\n';
const rosterRows = [
  { row: 1, cells: ['姓名', '身份证号码', '手机号码'] },
  { row: 2, cells: ['王芳', '110101199001021234', '138 0013 8000'] },
  { row: 3, cells: ['𠮷林', '11010119900102123X', null] },
];

describe('readSheet on csv', () => {
  it('reads UTF-8 with and without BOM', async () => {
    const bom = tmp.path('roster-utf8-bom.csv');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(roster)]));
    const plain = tmp.path('roster-utf8.csv');
    writeFileSync(plain, roster);
    for (const file of [bom, plain]) {
      expect(await inspectSource(file)).toMatchObject({ format: 'csv', encoding: 'utf8', delimiter: ',' });
      expect((await readAll(file)).rows).toEqual(rosterRows);
    }
  });

  it('detects GBK as GB18030, which also decodes characters outside GBK', async () => {
    const gbk = tmp.path('roster-gbk.csv');
    writeFileSync(gbk, encodeText(roster.replace('𠮷', '吉'), 'gbk'));
    const gb18030 = tmp.path('roster-gb18030.csv');
    writeFileSync(gb18030, encodeText(roster, 'gb18030'));
    expect(await inspectSource(gbk)).toMatchObject({ encoding: 'gb18030', sheets: [{ name: 'roster-gbk' }] });
    expect((await readAll(gbk)).rows[2]?.cells[0]).toBe('吉林');
    expect((await readAll(gb18030)).rows).toEqual(rosterRows);
  });

  it('honours an encoding override (gbk decodes as gb18030)', async () => {
    const file = tmp.path('ambiguous.csv');
    writeFileSync(file, encodeText('姓名\n王芳\n', 'gbk'));
    expect((await inspectSource(file, { encoding: 'utf8' })).encoding).toBe('utf8');
    expect((await inspectSource(file, { encoding: 'gbk' })).encoding).toBe('gb18030');
    expect((await readAll(file, { encoding: 'gbk' })).rows[1]?.cells).toEqual(['王芳']);
    expect((await readAll(file, { encoding: 'utf8' })).rows[1]?.cells[0]).toContain('\uFFFD');
  });

  it("reads Excel's “Unicode 文本” (tab-separated UTF-16 with a BOM), whatever encoding was chosen, characters split across read chunks included", async () => {
    const text = roster.replace(/,/g, '\t');
    const le = tmp.path('unicode-le.txt');
    writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const be = tmp.path('unicode-be.txt');
    writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    expect(await inspectSource(le)).toMatchObject({ format: 'csv', encoding: 'utf16le', delimiter: '\t' });
    expect(await inspectSource(be, { encoding: 'gbk' })).toMatchObject({ format: 'csv', encoding: 'utf16be', delimiter: '\t' });
    expect((await readAll(le)).rows).toEqual(rosterRows);
    expect((await readAll(be, { encoding: 'utf8' })).rows).toEqual(rosterRows);

    // The reader takes 256 KiB at a time: after the BOM, the header and this filler row, 𠮷 (a
    // surrogate pair) starts 2 bytes before that boundary, its halves in two chunks.
    const filler = `${'填'.repeat(131_061)}\n`;
    const big = tmp.path('unicode-big.txt');
    writeFileSync(big, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`姓名\t手机号码\n${filler}𠮷林\t13800138000\n`, 'utf16le')]));
    expect(Buffer.byteLength('\ufeff姓名\t手机号码\n', 'utf16le') + Buffer.byteLength(filler, 'utf16le')).toBe(256 * 1024 - 2);
    const rows = (await readAll(big)).rows;
    expect(rows[2]).toEqual({ row: 3, cells: ['𠮷林', '13800138000'] });
  });

  it('decodes the six name characters GB18030-2022 moved out of the private use area', async () => {
    const file = tmp.path('rare-pua.csv');
    writeFileSync(file, Buffer.concat([encodeText('姓名\n', 'gb18030'), Buffer.from([0xfe, 0x51, 0xfe, 0x52, 0xfe, 0x53, 0xfe, 0x6c, 0xfe, 0x76, 0xfe, 0x91]), Buffer.from('\n')]));
    expect((await readAll(file, { encoding: 'gbk' })).rows[1]?.cells).toEqual(['𠂇𠂉𠃌𡗗𢦏𤇾']);
  });

  it('reads ="…" fields as their text and drops the apostrophe that kept a value from running as a formula', async () => {
    const file = tmp.path('system-export.csv');
    writeFileSync(file, `姓名,身份证号码,备注\n王芳,="110101199001021234",'=1+1\n李明,'110101199001021234,'@SUM(A1)\n`);
    expect((await readAll(file)).rows.slice(1).map((r) => r.cells)).toEqual([
      ['王芳', '110101199001021234', '=1+1'],
      ['李明', "'110101199001021234", '@SUM(A1)'],
    ]);
  });

  it('tells tab-, comma- and semicolon-separated files apart by the separator every line holds equally often', async () => {
    const tabs = tmp.path('tabs-with-commas.txt');
    writeFileSync(tabs, `姓名\t身份证号码\t服务领域\n${Array.from({ length: 8 }, (_, i) => `王${i}\t11010119900102123X\t应急救护,无偿献血,养老服务\n`).join('')}`);
    expect(await inspectSource(tabs)).toMatchObject({ delimiter: '\t' });
    const semicolons = tmp.path('semicolons.csv');
    writeFileSync(semicolons, '姓名;身份证号码;手机号码\n王芳;110101199001021234;13800138000\n');
    expect(await inspectSource(semicolons)).toMatchObject({ delimiter: ';' });
    expect((await readAll(semicolons)).rows[1]?.cells).toEqual(['王芳', '110101199001021234', '13800138000']);
    const commas = tmp.path('commas-with-a-tab.csv');
    writeFileSync(commas, '姓名,身份证号码,备注\n王芳,110101199001021234,甲\t乙\n李明,110101199001021235,丙\n');
    expect(await inspectSource(commas)).toMatchObject({ delimiter: ',' });
  });

  it('sniffs tab-separated files, ignoring commas inside quotes', async () => {
    const file = tmp.path('export.xls');
    writeFileSync(file, '姓名\t地址\t备注\n王芳\t"杭州市,西湖区"\t"他说""好"""\n');
    expect(await inspectSource(file)).toMatchObject({ format: 'csv', delimiter: '\t' });
    expect((await readAll(file)).rows[1]?.cells).toEqual(['王芳', '杭州市,西湖区', '他说"好"']);
  });

  it('numbers rows by physical record (multi-line cells count once, blank records are skipped), ragged rows and stray quotes allowed', async () => {
    const file = tmp.path('messy.csv');
    writeFileSync(file, '标题\n\n姓名,备注\n王芳,"第一行\n第二行"\n李"强,5寸\n,,\n合计,2,多余列\n');
    const { rows, rowCount } = await readAll(file);
    expect(rows).toEqual([
      { row: 1, cells: ['标题'] },
      { row: 3, cells: ['姓名', '备注'] },
      { row: 4, cells: ['王芳', '第一行\n第二行'] },
      { row: 5, cells: ['李"强', '5寸'] },
      { row: 7, cells: ['合计', '2', '多余列'] },
    ]);
    expect(rowCount).toBe(5);
  });

  it('detects UTF-8 when the sample ends inside a multi-byte character', async () => {
    const file = tmp.path('big-utf8.csv');
    const line = '王芳,备注\n';
    // 'a' shifts the lines so the 4 MB sample boundary falls inside a 3-byte character.
    let text = 'a\n' + line.repeat(Math.ceil(SAMPLE_BYTES / Buffer.byteLength(line)) + 10);
    while (Buffer.from(text).subarray(0, SAMPLE_BYTES).toString('utf8').endsWith('\uFFFD') === false) text = 'a' + text;
    writeFileSync(file, text);
    expect((await inspectSource(file)).encoding).toBe('utf8');
  });

  it('reports the file mtime as the saved date in China time, and stops at maxRows', async () => {
    const file = tmp.path('dated.csv');
    writeFileSync(file, 'a\nb\nc\n');
    utimesSync(file, new Date('2024-03-04T17:30:00Z'), new Date('2024-03-04T17:30:00Z'));
    expect((await inspectSource(file)).savedOn).toBe('2024-03-05');
    expect(await readAll(file, { maxRows: 2 })).toMatchObject({ rowCount: 2, truncated: true });
    expect(await readAll(file, { maxRows: 3 })).toMatchObject({ rowCount: 3, truncated: false });
  });
});
