// Reviewer's failing tests for defects found in the changes since 76fdff1.
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src-main/core/checklist/rules';
import { SheetScanner } from '../../src-main/core/import/read/sheet-scanner';

describe('checklist rule nesting guard', () => {
  it('refuses a deep rule hidden past the 10th child instead of overflowing the stack', () => {
    let deep: unknown = { kind: 'hasLeader' };
    for (let i = 0; i < 100_000; i++) deep = { kind: 'all', rules: [deep] };
    const rule = { kind: 'all', rules: [...Array.from({ length: 10 }, () => ({ kind: 'hasLeader' })), deep] };
    // nestingDepth() only looks at rules.slice(0, 10); findUnknownKind() then recurses into all of them.
    const result = parseRule(rule, '第 1 项');
    expect(result.ok).toBe(false);
  });
});

describe('sheet scanner well-formed XML', () => {
  it('reads a sheet whose attribute value holds a literal ">" (legal XML, e.g. a data-validation prompt)', () => {
    const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const xml =
      `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>` +
      `<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>` +
      `<dataValidations count="1"><dataValidation type="whole" prompt="请输入>0的数" sqref="A1"/></dataValidations></worksheet>`;
    const scanner = new SheetScanner({ sheet: '表', strings: [], dateStyles: [], date1904: false });
    scanner.writeBytes(Buffer.from(xml));
    expect(() => scanner.end()).not.toThrow(); // today: MalformedXml('unfinished part') → whole sheet refused
    expect(scanner.takeRows()).toEqual([{ row: 1, cells: ['x'] }]);
  });

  it('does not accept character references XML forbids (&#0;, lone surrogates) as cell text', () => {
    const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const xml = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&#0;b&#xD800;</t></is></c></row></sheetData></worksheet>`;
    const scanner = new SheetScanner({ sheet: '表', strings: [], dateStyles: [], date1904: false });
    let rows: unknown = null;
    try {
      scanner.writeBytes(Buffer.from(xml));
      scanner.end();
      rows = scanner.takeRows();
    } catch {
      rows = 'refused';
    }
    // saxes (exceljs) refused the part; now "a\u0000b\ud800" reaches the ledger.
    expect(rows).not.toEqual([{ row: 1, cells: ['a\u0000b\ud800'] }]);
  });
});
