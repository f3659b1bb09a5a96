import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkResidentId } from '../../src-main/core/domain/id-number';
import { createTestLedger } from '../helpers/backend';
import { createImportBaseLedger } from '../fixtures/import/base-ledger';
import { importCases, refusalCases } from '../fixtures/import/expected';
import { expectedNames, largeSheetHeader, largeSheetRow, writeLargeMemberSheet } from '../fixtures/import/large-sheet';
import { baseOrgs, existing, idLostAsNumber } from '../fixtures/import/people';

// The fixtures are only worth their name if each really carries its defect: these checks read
// the committed files back (not through the importer) and fail if a regeneration loses one.

const dir = path.resolve(import.meta.dirname, '../fixtures/import');
const read = (name: string) => fs.readFileSync(path.join(dir, name));

async function workbook(name: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(read(name) as unknown as ArrayBuffer);
  return wb;
}

describe('import fixture files carry their defects', () => {
  it('expectations add up: every data row is inserted, updated, unchanged or rejected, and a warned row is not rejected', () => {
    for (const c of importCases) {
      const rejectedRows = new Set(c.expect.rejected.map((r) => r.row));
      expect(c.expect.inserted + c.expect.updated + c.expect.unchanged + rejectedRows.size, c.title).toBe(c.dataRows);
      for (const w of c.expect.warnings) expect(rejectedRows.has(w.row), `${c.title}: row ${w.row}`).toBe(false);
    }
  });

  it('every file named by an expectation exists', () => {
    for (const c of [...importCases, ...refusalCases]) expect(fs.existsSync(path.join(dir, c.file)), c.file).toBe(true);
  });

  it('township roster: merged two-row header and org blocks, rich text, an ID stored as a number, 合计 and footer rows', async () => {
    const ws = (await workbook('members-township-messy.xlsx')).getWorksheet('会员花名册')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(['C3:E3', 'G3:H3', 'I3:I4', 'B5:B9', 'B11:B13', 'B14:B16']));
    expect(ws.getCell('C4').value).toBe('姓 名');
    expect(ws.getCell('C5').value).toBe('王\u3000芳');
    expect(ws.getCell('C7').value).toMatch(/•/);
    expect(ws.getCell('C8').value).toHaveProperty('richText');
    expect(typeof ws.getCell('E12').value).toBe('number');
    expect(String(ws.getCell('E12').value)).not.toBe(idLostAsNumber);
    expect(checkResidentId(String(ws.getCell('E12').value), { today: '2026-01-01' }).ok, 'the lost digits still pass the check').toBe(true);
    expect(ws.getCell('E6').value).toMatch(/x$/);
    expect(ws.getCell('E7').value).toMatch(/^[０-９]{18}$/);
    expect(ws.getCell('E11').value).toMatch(/^\d{15}$/);
    expect(typeof ws.getCell('F8').value).toBe('number');
    expect(ws.getCell('I8').value).toBeInstanceOf(Date);
    expect(ws.getRow(10).cellCount).toBe(0);
    expect(ws.getCell('A19').value).toBe('合计');
    expect(ws.getCell('G21').value).toBe('填表日期：2025年6月30日');
    expect(ws.getCell('E9').value).toBe(existing.chenJianguo.id);
  });

  it('two-sheet workbook puts the 说明 sheet first', async () => {
    expect((await workbook('members-two-sheets.xlsx')).worksheets.map((w) => w.name)).toEqual(['说明', '会员名单']);
  });

  it('CSV encodings: BOM or not, GBK and GB18030 are not UTF-8, GB18030 holds characters GBK lacks', () => {
    expect([...read('members-utf8-bom.csv').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(read('members-utf8.csv')[0]).not.toBe(0xef);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    expect(() => utf8.decode(read('members-gbk.csv'))).toThrow();
    expect(() => utf8.decode(read('members-gb18030-rare-chars.csv'))).toThrow();
    expect(new TextDecoder('gbk').decode(read('members-gbk.csv'))).toContain('诸葛明亮');
    expect(read('members-gbk.csv').includes('\r\n')).toBe(true);
    const rare = new TextDecoder('gb18030').decode(read('members-gb18030-rare-chars.csv'));
    for (const name of ['𠮷祥云', '王䶮', '张𡈽']) expect(rare).toContain(name);
    expect(read('members-tab-separated.txt').toString('utf8').split('\n')[0]).toContain('\t');
  });

  it('refusal files look like what they pretend to be', () => {
    expect([...read('legacy.xls').subarray(0, 8)]).toEqual([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(read('html-table.xls').toString('utf8')).toMatch(/^<html/);
    expect(read('not-a-workbook.xlsx').subarray(0, 2).toString()).toBe('PK');
    expect(read('not-a-workbook.xlsx').toString('latin1')).toContain('word/document.xml');
    expect(read('truncated.xlsx').subarray(0, 2).toString()).toBe('PK');
    expect(read('truncated.xlsx').length).toBeLessThan(read('members-two-sheets.xlsx').length);
    expect(read('text-renamed.xlsx').subarray(0, 2).toString()).not.toBe('PK');
    const bomb = read('zip-bomb.xlsx');
    expect(bomb.length).toBeLessThan(400_000);
  });
});

describe('import base ledger', () => {
  it('has the townships, their organisations and the people the fixtures collide with', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-base-')), 'base.sqlite');
    const base = await createImportBaseLedger(file);
    expect(Object.keys(base.orgs).sort()).toEqual(baseOrgs.map((o) => o.name).sort());
    const l = await createTestLedger({ file, setup: false });
    try {
      const orgs = await l.call('org.list', {});
      expect(orgs.find((o) => o.name === '象山社区红十字会')).toMatchObject({ type: '社区', parentId: base.orgs['城关镇红十字会'] });
      const members = (await l.call('member.list', { limit: 500 })).rows;
      expect(members.map((r) => r.name).sort()).toEqual([existing.chenJianguo.name, existing.zhouXiaoyan.name].sort());
      expect((await l.call('member.reveal', { id: base.members.chenJianguo })).idNumber).toBe(existing.chenJianguo.id);
      expect((await l.call('team.list', {})).map((t) => t.name).sort()).toEqual(Object.keys(base.teams).sort());
      expect((await l.call('volunteer.get', { id: base.volunteers.liuTing })).registeredOn).toBe(existing.liuTing.registeredOn);
    } finally {
      await l.db.close();
    }
  });
});

describe('large member sheet', () => {
  it('streams valid, unique rows whose names (non-BMP included) read back byte-exact', async () => {
    const rows = 3000;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'large-sheet-')), 'members.xlsx');
    await writeLargeMemberSheet(file, rows);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...largeSheetHeader]);
    const names: string[] = [];
    const ids = new Set<string>();
    for (let r = 2; r <= rows + 1; r++) {
      names.push(ws.getCell(r, 1).value as string);
      const id = ws.getCell(r, 3).value as string;
      ids.add(id);
      expect(checkResidentId(id, { today: '2026-01-01' }).ok, id).toBe(true);
    }
    expect(names).toEqual(expectedNames(rows));
    expect(ids.size).toBe(rows);
    const nonBmp = names.filter((n) => /[\u{10000}-\u{10FFFF}]/u.test(n));
    expect(nonBmp.length).toBeGreaterThan(rows / 20);
    expect(new Set(nonBmp.map((n) => Array.from(n).findIndex((c) => c.codePointAt(0)! > 0xffff))).size).toBeGreaterThanOrEqual(3);
    expect(largeSheetRow(99_999).idNumber).not.toBe(largeSheetRow(99_999 - 18_000).idNumber);
  });

  it('comes through exceljs streaming reader byte-exact (the parse-sax UTF-8 chunk fix is in place)', async () => {
    const rows = 20_000;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'large-sheet-')), 'members.xlsx');
    await writeLargeMemberSheet(file, rows);
    const want = expectedNames(rows);
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
    const wrong: string[] = [];
    let seen = 0;
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number === 1) continue;
        seen++;
        const name = row.getCell(1).value;
        if (name !== want[row.number - 2] && wrong.length < 5) wrong.push(`row ${row.number}: ${JSON.stringify(name)} ≠ ${want[row.number - 2]}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(seen).toBe(rows);
  }, 120_000);
});
