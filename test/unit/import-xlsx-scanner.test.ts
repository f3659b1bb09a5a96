// The xlsx part scanners on hand-written SpreadsheetML: every cell type and writer quirk, and the
// same rows however the bytes are cut into chunks (one byte at a time, inside a 4-byte UTF-8
// character, inside an entity).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SharedStringsScanner } from '../../src-main/core/import/read/shared-strings';
import { SheetScanner, type SheetContext } from '../../src-main/core/import/read/sheet-scanner';
import { isDateFormat } from '../../src-main/core/import/read/cells';
import { isBuiltinDateFormat, parseDateStyles } from '../../src-main/core/import/read/styles';
import type { RawRow } from '../../src-main/core/import/read/types';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheetXml = (rows: string, tail = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${NS}><sheetData>${rows}</sheetData>${tail}</worksheet>`;

const ctx: SheetContext = {
  sheet: '表',
  strings: ['姓名', null, '𠮷林'],
  // Style 1: a date format; style 2: a number format.
  dateStyles: [false, true, false],
  date1904: false,
};

/** Feeds `xml` to the scanner cut at `cuts` (byte offsets), as the inflater would hand it over. */
function scanSheet(xml: string, cuts: number[] = [], context = ctx) {
  const scanner = new SheetScanner(context);
  const rows: RawRow[] = [];
  for (const chunk of split(Buffer.from(xml, 'utf8'), cuts)) {
    scanner.writeBytes(chunk);
    rows.push(...scanner.takeRows());
  }
  scanner.end();
  rows.push(...scanner.takeRows());
  return { rows, merges: scanner.merges };
}

function scanStrings(xml: string, cuts: number[] = []) {
  const scanner = new SharedStringsScanner();
  for (const chunk of split(Buffer.from(xml, 'utf8'), cuts)) scanner.writeBytes(chunk);
  scanner.end();
  return scanner.strings;
}

function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, cut));
    from = cut;
  }
  return out;
}

const everyByte = (xml: string) => Array.from({ length: Buffer.byteLength(xml) - 1 }, (_, i) => i + 1);

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

// Every cell kind on one sheet, in the forms Excel, WPS, LibreOffice and exceljs write them.
const kinds = sheetXml(
  '<row r="1" spans="1:9"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>1</v></c></row>' +
    '<row r="3">' +
    '<c r="A3" t="inlineStr"><is><t xml:space="preserve">  王　芳 </t></is></c>' +
    '<c r="B3" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh sb="0" eb="1"><t>フ</t></rPh></is></c>' +
    '<c r="C3" t="str"><f>A3&amp;"x"</f><v>R&amp;D &lt;总&gt; &quot;部&quot; &apos;1&apos; &#123; &#x1F600;</v></c>' +
    '<c r="D3" t="b"><v>1</v></c><c r="E3" t="b"><v>0</v></c>' +
    '<c r="F3" t="e"><v>#N/A</v></c>' +
    '<c r="G3" s="1"><f>B1+1</f><v>32876</v></c>' +
    '<c r="H3" s="1"><v>32876.75</v></c>' +
    '<c r="I3" s="2"><v>3.30106E+17</v></c>' +
    '<c r="J3" t="d"><v>2024-03-05T00:00:00</v></c>' +
    '<c r="K3" t="n"><v>-12.5</v></c>' +
    '<c r="L3" s="1"/><c r="M3"><v/></c><c r="N3" t="s"/><c r="O3"><f>1/0</f></c>' +
    '<c r="P3" t="inlineStr"><is><t/></is></c><c r="Q3" t="str"><v></v></c>' +
    '</row>' +
    // A blank row (only styled empty cells) is skipped.
    '<row r="4"><c r="A4" s="1"/><c r="B4" t="s"><v>1</v></c></row>' +
    '<row r="5"><c r="B5" t="inlineStr"><is><t>a\r\nb&#13;c</t></is></c><c r="C5" t="str"><v><![CDATA[x<&amp;>]]></v></c><!-- <c r="D5"><v>9</v></c> --></row>',
  '<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="C3"/></mergeCells><pageMargins left="0.7" right="0.7"/>',
);

const kindsRows: RawRow[] = [
  { row: 1, cells: ['姓名', null, '𠮷林'] },
  {
    row: 3,
    cells: ['  王　芳 ', '富文本', 'R&D <总> "部" \'1\' { 😀', true, false, null, d(1990, 1, 3), d(1990, 1, 3), 3.30106e17, d(2024, 3, 5), -12.5],
  },
  { row: 5, cells: [null, 'a\nb\rc', 'x<&amp;>'] },
];

describe('SheetScanner', () => {
  it('reads every cell type: shared, inline (rich, phonetic runs left out), formula results, booleans, errors, dates, ISO dates', () => {
    const { rows, merges } = scanSheet(kinds);
    expect(rows).toEqual(kindsRows);
    expect(merges).toEqual([
      { top: 1, left: 0, bottom: 2, right: 1 },
      { top: 3, left: 2, bottom: 3, right: 2 },
    ]);
  });

  it('gives the same rows when the XML arrives one byte at a time', () => {
    expect(scanSheet(kinds, everyByte(kinds)).rows).toEqual(kindsRows);
  });

  it('keeps 4-byte characters whole when a chunk ends inside one, at each of its three inner offsets', () => {
    const xml = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>姓𠮷野家𡈽</t></is></c></row>');
    const bytes = Buffer.from(xml, 'utf8');
    for (const ch of ['𠮷', '𡈽']) {
      const at = bytes.indexOf(Buffer.from(ch, 'utf8'));
      for (let cut = at + 1; cut < at + 4; cut++) {
        expect(scanSheet(xml, [cut]).rows).toEqual([{ row: 1, cells: ['姓𠮷野家𡈽'] }]);
      }
    }
  });

  it('decodes an entity split across chunks', () => {
    const xml = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>A&amp;B&#x1F600;C</t></is></c></row>');
    const bytes = Buffer.from(xml, 'utf8');
    const amp = bytes.indexOf(Buffer.from('&amp;'));
    const hex = bytes.indexOf(Buffer.from('&#x1F600;'));
    for (let cut = amp + 1; cut < amp + 5; cut++) expect(scanSheet(xml, [cut]).rows[0]?.cells).toEqual(['A&B😀C']);
    for (let cut = hex + 1; cut < hex + 9; cut++) expect(scanSheet(xml, [cut]).rows[0]?.cells).toEqual(['A&B😀C']);
  });

  it('reads prefixed element names (Open XML SDK) and rows and cells without r (they follow the previous one)', () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="2"><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>7</x:v></x:c><x:c r="E2" t="inlineStr"><x:is><x:t>e</x:t></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>' +
      '<x:row><x:c r="B3" s="1"><x:v>45356</x:v></x:c></x:row>' +
      '<x:row><x:c/><x:c><x:v>1</x:v></x:c></x:row>' +
      '</x:sheetData><x:mergeCells><x:mergeCell ref="A2:D2"/></x:mergeCells></x:worksheet>';
    const expected = {
      rows: [
        { row: 2, cells: ['姓名', 7, null, null, 'e', true] },
        { row: 3, cells: [null, d(2024, 3, 5)] },
        { row: 4, cells: [null, 1] },
      ],
      merges: [{ top: 2, left: 0, bottom: 2, right: 3 }],
    };
    expect(scanSheet(xml)).toEqual(expected);
    expect(scanSheet(xml, everyByte(xml))).toEqual(expected);
  });

  it('honours the 1904 date system', () => {
    const xml = sheetXml('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>31412</v></c><c r="C1" s="1"><v>1E+300</v></c></row>');
    expect(scanSheet(xml, [], { ...ctx, date1904: true }).rows).toEqual([{ row: 1, cells: [d(1904, 1, 1), d(1990, 1, 1)] }]);
  });

  it('stops building rows once rowsWanted is off, and still collects the merges', () => {
    const scanner = new SheetScanner(ctx);
    scanner.write(sheetXml('<row r="1"><c t="s"><v>0</v></c></row>').replace('</sheetData></worksheet>', ''));
    expect(scanner.takeRows()).toHaveLength(1);
    scanner.rowsWanted = false;
    scanner.write('<row r="2"><c t="s"><v>0</v></c></row></sheetData><mergeCells><mergeCell ref="B2:C9"/></mergeCells></worksheet>');
    scanner.end();
    expect(scanner.takeRows()).toEqual([]);
    expect(scanner.merges).toEqual([{ top: 2, left: 1, bottom: 9, right: 2 }]);
  });

  it('refuses broken or cut-short XML, a DOCTYPE, and rows or columns past Excel’s limits', () => {
    expect(() => scanSheet(sheetXml('<row r="1"><c r="A1"').replace('</sheetData></worksheet>', ''))).toThrow();
    expect(() => scanSheet(sheetXml('<row r="1"><c r="A1"</sheetData></worksheet>'))).toThrow();
    expect(() => scanSheet(sheetXml('<row r="1">'))).toThrow();
    expect(() => scanSheet(`<!DOCTYPE x [<!ENTITY a "aaaa">]>${sheetXml('')}`)).toThrow();
    expect(() => scanSheet(sheetXml('<row r="1048577"><c><v>1</v></c></row>'))).toThrow(/1,048,576 行/);
    expect(() => scanSheet(sheetXml('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).toThrow(/16,384 列/);
  });

  it('counts formulas saved without their result and error values, which read as empty', () => {
    const scanner = new SheetScanner(ctx);
    scanner.write(
      sheetXml(
        '<row r="2"><c r="A2" t="str"><f>CONCATENATE(B2,C2)</f></c><c r="B2" t="str"><f>B1</f><v>王芳</v></c><c r="C2" t="e"><v>#N/A</v></c></row>' +
          '<row r="3"><c r="A3"><f t="shared" si="0"/></c><c r="B3" t="str"><f>""</f><v></v></c></row>',
      ),
    );
    scanner.end();
    expect(scanner.takeRows()).toEqual([{ row: 2, cells: [null, '王芳'] }]);
    expect(scanner.notes).toEqual({ formulaWithoutResult: { count: 2, firstRow: 2 }, errorValue: { count: 1, firstRow: 2 } });
  });

  it('reads the first 256 columns and counts the values beyond, so one stray cell in XFD does not make every row 16,384 wide', () => {
    const scanner = new SheetScanner(ctx);
    scanner.write(sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="IV1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="IW2"><v>4</v></c></row><row r="1048576"><c r="XFD1048576"><v>5</v></c></row>'));
    scanner.end();
    const rows = scanner.takeRows();
    expect(rows.map((r) => [r.row, r.cells.length, r.cells[0], r.cells.at(-1)])).toEqual([
      [1, 256, 1, 2],
      [2, 1, 3, 3],
    ]);
    expect(scanner.notes).toEqual({ beyondColumns: { count: 2, firstRow: 2 } });
  });
});

describe('SharedStringsScanner', () => {
  const sst =
    `<?xml version="1.0" encoding="UTF-8"?>\n<sst ${NS} count="7" uniqueCount="7">` +
    '<si><t>姓名</t></si>' +
    '<si><r><rPr><b/><sz val="11"/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r></si>' +
    // Excel writes the reading of East Asian text as phonetic runs: they are not cell text.
    '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
    '<si><t/></si>' +
    '<si><t>R&amp;D&#x20BB7;&#40644;</t></si>' +
    '<si><t>一\r\n二</t></si>' +
    '<si><r><t>𠮷</t></r><rPh sb="0" eb="1"><t>よし</t></rPh><r><t>野家</t></r></si>' +
    '</sst>';
  const expected = ['姓名', '富 文本 ', '東京', null, 'R&D𠮷黄', '一\n二', '𠮷野家'];

  it('flattens rich runs, leaves out phonetic runs, and gives null for an empty string', () => {
    expect(scanStrings(sst)).toEqual(expected);
  });

  it('decodes the _xHHHH_ escapes Excel and our export write (CR, an escaped underscore) in shared and inline strings', () => {
    const escaped = `<sst ${NS}><si><t>迁入_x000D_\n自外地 _x005F_x0041_</t></si><si><r><t>王_x4E94_</t></r></si><si><t>_x_ and _x12_</t></si></sst>`;
    expect(scanStrings(escaped)).toEqual(['迁入\r\n自外地 _x0041_', '王五', '_x_ and _x12_']);
    const inline = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>李四_x000D_</t></is></c></row>');
    expect(scanSheet(inline).rows).toEqual([{ row: 1, cells: ['李四\r'] }]);
  });

  it('refuses a strings table with more strings or text than any roster (200 million empty <si/> zip to 13 MB)', () => {
    const many = (n: number, si: string) => `<sst ${NS}>${si.repeat(n)}</sst>`;
    const scan = (xml: string) => {
      const scanner = new SharedStringsScanner({ chars: 100, strings: 10 });
      scanner.write(xml);
      scanner.end();
      return scanner.strings.length;
    };
    expect(scan(many(10, '<si/>'))).toBe(10);
    expect(() => scan(many(11, '<si/>'))).toThrow(/异常巨大/);
    expect(() => scan(many(3, `<si><t>${'长'.repeat(40)}</t></si>`))).toThrow(/异常巨大/);
  });

  it('gives the same strings one byte at a time', () => {
    expect(scanStrings(sst, everyByte(sst))).toEqual(expected);
  });
});

describe('SheetScanner: what XML allows and forbids', () => {
  it('reads a sheet whose attribute value holds a literal ">" (a data-validation prompt)', () => {
    const xml =
      `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>` +
      `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>` +
      `<dataValidations count="1"><dataValidation type="whole" prompt="请输入>0的数" sqref="A1"/></dataValidations></worksheet>`;
    const scanner = new SheetScanner({ sheet: '表', strings: [], dateStyles: [], date1904: false });
    for (let cut = 1; cut < xml.length; cut += 7) {
      const again = new SheetScanner({ sheet: '表', strings: [], dateStyles: [], date1904: false });
      again.write(xml.slice(0, cut));
      again.write(xml.slice(cut));
      again.end();
      expect(again.takeRows()).toEqual([{ row: 1, cells: ['x'] }]);
    }
    scanner.writeBytes(Buffer.from(xml));
    scanner.end();
    expect(scanner.takeRows()).toEqual([{ row: 1, cells: ['x'] }]);
    expect(scanner.merges).toEqual([{ top: 1, left: 0, bottom: 1, right: 1 }]);
  });

  it('refuses character references XML forbids (NUL, a lone surrogate) and a "<" inside a tag', () => {
    const read = (body: string) => {
      const scanner = new SheetScanner({ sheet: '表', strings: [], dateStyles: [], date1904: false });
      scanner.writeBytes(Buffer.from(`<worksheet ${NS}><sheetData><row r="1">${body}</row></sheetData></worksheet>`));
      scanner.end();
      return scanner.takeRows();
    };
    expect(read('<c r="A1" t="inlineStr"><is><t>a&#x1F600;b&amp;&#9;</t></is></c>')).toEqual([{ row: 1, cells: ['a😀b&\t'] }]);
    expect(() => read('<c r="A1" t="inlineStr"><is><t>a&#0;b</t></is></c>')).toThrow();
    expect(() => read('<c r="A1" t="inlineStr"><is><t>&#xD800;</t></is></c>')).toThrow();
    expect(() => read('<c r="A1" <v>1</v></c>')).toThrow();
    // Not references: XML names are case-sensitive.
    expect(read('<c r="A1" t="inlineStr"><is><t>&AMP;</t></is></c>')).toEqual([{ row: 1, cells: ['&AMP;'] }]);
  });
});

describe('parseDateStyles', () => {
  it('reads a number format whose code holds a literal ">" and the formats after it', () => {
    const xml =
      `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="[>=100]yyyy/m/d;0.00"/><numFmt numFmtId="165" formatCode="yyyy/m/d"/></numFmts>` +
      '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>';
    expect(parseDateStyles(xml)).toEqual([false, true, true]);
  });

  it('marks the cellXfs whose number format shows dates: custom, built-in and CJK built-in ids', () => {
    const xml =
      `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;元&quot;"/></numFmts>` +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/><xf numFmtId="49"/><xf numFmtId="57"></xf></cellXfs></styleSheet>';
    expect(parseDateStyles(xml)).toEqual([false, true, true, false, true, false, true]);
  });

  it('knows the same built-in date formats as exceljs (with the zh-cn codes of the locale-specific ids)', () => {
    type Builtin = Record<string, { f?: string; 'zh-cn'?: string }>;
    const table = createRequire(import.meta.url)('exceljs/lib/xlsx/defaultnumformats.js') as Builtin;
    for (let id = 1; id < 200; id++) {
      const def = table[id];
      expect([id, isBuiltinDateFormat(id)]).toEqual([id, isDateFormat(def?.f ?? def?.['zh-cn'])]);
    }
  });
});
