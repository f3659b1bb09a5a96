import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sheetFields } from '../../src-main/core/domain/sheet-fields';
import { maskIdNumber } from '../../src-main/core/domain/id-number';
import type { ExportKind } from '../../src-main/core/api/contract';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { download, formulaOrgName, id18, people, seedExportLedger, usccHuawei, type ExportFixture } from '../helpers/export-fixture';

let ledger: TestLedger;
let fixture: ExportFixture;
beforeEach(async () => {
  ledger = await createTestLedger();
  fixture = await seedExportLedger(ledger);
});
afterEach(() => ledger.db.close());

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A cell's text whether exceljs reads it as a plain or a rich-text string. */
function text(cell: ExcelJS.Cell): string | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return typeof v === 'string' ? v : String(v);
}

function isText(cell: ExcelJS.Cell): boolean {
  const v = cell.value;
  return typeof v === 'string' || (typeof v === 'object' && v !== null && 'richText' in v);
}

function rowsOf(sheet: ExcelJS.Worksheet): Array<Record<string, ExcelJS.Cell>> {
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (c, i) => (header[i] = text(c) ?? ''));
  const out: Array<Record<string, ExcelJS.Cell>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i)]).filter(([h]) => h)));
  }
  return out;
}

async function exportKind(kind: ExportKind, extra: { fullId?: boolean; filter?: Record<string, unknown> } = {}) {
  const result = await ledger.call('export.roster', { kind, ...extra });
  const bytes = await download(ledger, result.token);
  expect(bytes.length).toBe(result.size);
  return { result, bytes, sheet: (await workbook(bytes)).worksheets[0]! };
}

describe('export.roster', () => {
  it('writes every kind with the canonical header row and one row per record, nothing else', async () => {
    const expected = { members: 4, 'youth-members': 1, 'group-members': 1, volunteers: 1, teams: 1, hours: 1, orgs: 2 } as const;
    for (const [kind, count] of Object.entries(expected) as Array<[keyof typeof expected, number]>) {
      const { result, sheet } = await exportKind(kind);
      const header: Array<string | null> = [];
      sheet.getRow(1).eachCell((c) => header.push(text(c)));
      expect(header, kind).toEqual(sheetFields[kind].map((f) => f.label));
      expect(result.rows, kind).toBe(count);
      expect(sheet.actualRowCount, kind).toBe(count + 1);
      expect(sheet.views[0], kind).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });

  it('members: adult and youth together, masked by default, dates as date cells, text cells with @ format', async () => {
    const { result, sheet } = await exportKind('members');
    expect(result.fileName).toBe('个人会员名册-2026-06-15.xlsx');
    const rows = rowsOf(sheet);
    const wang = rows.find((r) => text(r['姓名']!) === '王芳')!;
    expect(text(wang['身份证号码']!)).toBe(maskIdNumber(people.wangFang.idNumber));
    expect(text(wang['手机号码']!)).toBe('138****5678');
    expect(text(wang['性别']!)).toBe('女');
    expect(text(wang['会员类型']!)).toBe('成人会员');
    expect(text(wang['所属基层组织']!)).toBe(formulaOrgName);
    expect(wang['入会时间']!.value).toEqual(new Date(Date.UTC(2020, 2, 1)));
    expect(wang['入会时间']!.numFmt).toBe('yyyy-mm-dd');
    // The birth date is the masked digits of the ID number: left out next to a masked one.
    expect(wang['出生日期']!.value).toBeNull();
    for (const col of ['身份证号码', '手机号码']) {
      expect(isText(wang[col]!)).toBe(true);
      expect(wang[col]!.numFmt).toBe('@');
    }
    const hong = rows.find((r) => text(r['姓名']!) === '刘小红')!;
    expect(text(hong['会员类型']!)).toBe('青少年会员');
    expect(text(hong['监护人姓名']!)).toBe('刘强');
    expect(text(hong['监护人电话']!)).toBe('135****4444');
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(20);
    expect(sheet.getCell('A1').font?.name).toBe('宋体');
    // No row ever carries a full number by default.
    for (const p of Object.values(people)) for (const r of rows) expect(text(r['身份证号码']!)).not.toBe(p.idNumber);
  });

  it('fullId writes full ID numbers and phones and says so in the file name', async () => {
    const { result, sheet } = await exportKind('members', { fullId: true });
    expect(result.fileName).toBe('个人会员名册-含完整身份证号-2026-06-15.xlsx');
    const rows = rowsOf(sheet);
    const ids = rows.map((r) => text(r['身份证号码']!)).sort();
    expect(ids).toEqual([people.wangFang, people.liMing, people.zhaoLei, people.xiaoHong].map((p) => p.idNumber).sort());
    const wang = rows.find((r) => text(r['姓名']!) === '王芳')!;
    expect(text(wang['手机号码']!)).toBe('13812345678');
    expect(isText(wang['身份证号码']!)).toBe(true);
    expect(wang['出生日期']!.value).toEqual(new Date(Date.UTC(1985, 2, 12)));
  });

  it('formula-looking values stay literal strings: inline strings, never <f>', async () => {
    const { bytes, sheet } = await exportKind('members');
    const notes = rowsOf(sheet).map((r) => text(r['备注']!)).sort();
    expect(notes).toEqual(['+86', '-3', '=1+1', '@SUM(A1)'].sort());
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).not.toContain('t="str"');
    expect(xml).toContain('t="inlineStr"');
    expect(xml).toContain('<t>=1+1</t>');
    expect(xml).toContain('<t>@SUM(A1)</t>');
  });

  it('filters like the list screens: organisation subtree, youth only, status', async () => {
    const other = (await ledger.call('org.add', { name: '留下街道红十字会', type: '街道' })).id;
    await ledger.call('member.add', { orgId: other, name: '孙丽', idNumber: id18('11010119900307004'), joinedOn: '2021-01-01' });
    expect((await exportKind('members', { filter: { orgId: fixture.townId } })).result.rows).toBe(4);
    expect((await exportKind('members')).result.rows).toBe(5);
    expect((await exportKind('members', { filter: { kind: 'youth' } })).result.rows).toBe(1);
    expect((await exportKind('members', { filter: { search: '王' } })).result.rows).toBe(1);
    expect((await exportKind('members', { filter: { status: 'lapsed' } })).result.rows).toBe(0);
    expect((await exportKind('volunteers', { filter: { teamId: fixture.teamId } })).result.rows).toBe(1);
    const refused = await ledger.raw('export.roster', { kind: 'members', filter: { status: 'left' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('volunteers, groups, hours, teams and orgs carry their fields as text, numbers and dates', async () => {
    const v = rowsOf((await exportKind('volunteers')).sheet)[0]!;
    expect(text(v['服务领域']!)).toBe('应急救护、无偿献血');
    expect(text(v['所属服务队']!)).toBe('象山社区红十字志愿服务队');
    expect(v['累计服务时长']!.value).toBe(2.5);
    expect(v['救护员证有效期至']!.value).toEqual(new Date(Date.UTC(2027, 5, 30)));
    expect(text(v['备注']!)).toBe('@队长');
    const g = rowsOf((await exportKind('group-members')).sheet)[0]!;
    expect(text(g['统一社会信用代码']!)).toBe(usccHuawei);
    expect(g['统一社会信用代码']!.numFmt).toBe('@');
    expect(text(g['联系电话']!)).toBe('138****5678');
    const h = rowsOf((await exportKind('hours')).sheet)[0]!;
    expect(text(h['活动名称']!)).toBe('=世界红十字日义诊');
    expect(h['服务时长（小时）']!.value).toBe(2.5);
    expect(h['服务日期']!.value).toEqual(new Date(Date.UTC(2026, 4, 8)));
    expect(text(h['身份证号码']!)).toBe(maskIdNumber(people.zhaoLei.idNumber));
    const t = rowsOf((await exportKind('teams')).sheet)[0]!;
    expect(text(t['备注']!)).toBe('=HYPERLINK("x")');
    const o = rowsOf((await exportKind('orgs')).sheet);
    expect(o.map((r) => text(r['组织名称']!))).toEqual(['转塘街道红十字会', formulaOrgName]);
    expect(text(o[1]!['上级组织']!)).toBe('转塘街道红十字会');
    expect(text(o[0]!['负责人电话']!)).toBe('136****3333');
  });

  it('csv: UTF-8 with BOM, formula-looking values prefixed with an apostrophe', async () => {
    const result = await ledger.call('export.roster', { kind: 'members', format: 'csv', fullId: true });
    expect(result.fileName).toBe('个人会员名册-含完整身份证号-2026-06-15.csv');
    const bytes = await download(ledger, result.token);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(sheetFields.members.map((f) => f.label).join(','));
    expect(lines).toHaveLength(5);
    const wang = lines.find((l) => l.startsWith('王芳,'))!;
    expect(wang).toBe(`王芳,女,${people.wangFang.idNumber},,1985-03-12,13812345678,'=1+1社区红十字会,2020-03-01,成人会员,,,,,,,,'=1+1`);
    expect(lines.find((l) => l.startsWith('赵磊,'))).toMatch(/,'-3$/);
    expect(lines.find((l) => l.startsWith('李明,'))).toMatch(/,'@SUM\(A1\)$/);
    expect(lines.find((l) => l.startsWith('刘小红,'))).toMatch(/,'\+86$/);
  });
});

describe('export.template and export.duesReport', () => {
  it('a template per kind: header with text format on ID/phone columns and a 填写说明 sheet', async () => {
    const ref = await ledger.call('export.template', { kind: 'members' });
    expect(ref.fileName).toBe('个人会员导入模板.xlsx');
    const wb = await workbook(await download(ledger, ref.token));
    const [roster, help] = wb.worksheets;
    expect(roster!.actualRowCount).toBe(1);
    expect(roster!.getColumn(3).numFmt).toBe('@');
    expect(roster!.getColumn(6).numFmt).toBe('@');
    expect(roster!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(help!.name).toBe('填写说明');
    const idRow = rowsOf(help!).find((r) => text(r['列名']!) === '身份证号码')!;
    expect(text(idRow['填写说明']!)).toBe(sheetFields.members[2]!.hint);
    expect(text(rowsOf(help!).find((r) => text(r['列名']!) === '姓名')!['是否必填']!)).toBe('必填');
  });

  it('the youth template says it is for members under 18 and when a guardian is needed', async () => {
    const ref = await ledger.call('export.template', { kind: 'youth-members' });
    expect(ref.fileName).toBe('青少年会员导入模板.xlsx');
    const [roster, help] = (await workbook(await download(ledger, ref.token))).worksheets;
    expect(roster!.name).toBe('青少年会员');
    const notes: string[] = [];
    help!.eachRow((row) => notes.push(text(row.getCell(1)) ?? ''));
    expect(notes).toContain('本表只填青少年会员（未满 18 周岁，会员类型可不填）；未满 14 周岁的须同时填写监护人姓名和监护人电话。');
  });

  it('the dues report as a sheet with a 合计 row', async () => {
    const ref = await ledger.call('export.duesReport', { year: 2025 });
    expect(ref.fileName).toBe('杭州市西湖区红十字会-2025年会费统计.xlsx');
    const sheet = (await workbook(await download(ledger, ref.token))).worksheets[0]!;
    expect(text(sheet.getCell('A1'))).toBe('组织');
    const last = sheet.getRow(sheet.actualRowCount);
    expect(text(last.getCell(1))).toBe('合计');
    expect(last.getCell(2).value).toBe(4); // all four members belonged in 2025 and none is exempt
    expect([last.getCell(6).numFmt, last.getCell(7).numFmt]).toEqual(['0.00', '0.00']);
  });
});

describe('file transfer', () => {
  it('uploads in contiguous chunks and refuses gaps, oversize files and bad ids', async () => {
    const data = Buffer.from('姓名,身份证号码\r\n王芳,330106\r\n'.repeat(50_000));
    const { uploadId } = await ledger.call('file.uploadBegin', { name: '../../名册.csv', size: data.length });
    const chunk = 1024 * 1024;
    expect(await ledger.raw('file.uploadChunk', { uploadId, offset: 10, dataBase64: data.subarray(0, 10).toString('base64') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (let offset = 0; offset < data.length; offset += chunk) {
      await ledger.call('file.uploadChunk', { uploadId, offset, dataBase64: data.subarray(offset, offset + chunk).toString('base64') });
    }
    const done = await ledger.call('file.uploadFinish', { uploadId });
    expect(done).toEqual({ uploadId, name: '.._.._名册.csv', size: data.length });
    // Names Windows would refuse (an organisation named 某某:分会) are made safe the same way.
    const { cleanName } = await import('../../src-main/core/files/transfer');
    expect(cleanName('某某:分会*?"<>|-2025年会费统计.xlsx')).toBe('某某_分会______-2025年会费统计.xlsx');
    const { resolveUpload } = await import('../../src-main/core/api/handlers/files');
    const stored = resolveUpload({ dbFile: ':memory:' }, uploadId);
    expect(fs.readFileSync(stored.path).equals(data)).toBe(true);
    expect(() => resolveUpload({ dbFile: ':memory:' }, '../etc/passwd')).toThrow();
    expect(await ledger.raw('file.uploadBegin', { name: 'big.xlsx', size: 101 * 1024 * 1024 })).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    expect(await ledger.raw('file.uploadChunk', { uploadId: 'x'.repeat(32), offset: 0, dataBase64: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('file.uploadChunk', { uploadId, offset: 0, dataBase64: Buffer.alloc(chunk + 3).toString('base64') })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ledger.raw('file.read', { token: 'f'.repeat(32), offset: 0 })).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('file.discard deletes a produced file and its token at once, and a repeat is harmless', async () => {
    const { exportsDir } = await import('../../src-main/core/files/transfer');
    const dir = exportsDir(':memory:');
    const ref = await ledger.call('export.roster', { kind: 'members', fullId: true });
    const kept = await ledger.call('export.roster', { kind: 'orgs' });
    const before = fs.readdirSync(dir);
    expect(before).toContain(`${ref.token}.json`);
    const { file } = JSON.parse(fs.readFileSync(path.join(dir, `${ref.token}.json`), 'utf8')) as { file: string };
    expect(before).toContain(file);
    expect((await download(ledger, ref.token)).length).toBe(ref.size);

    expect(await ledger.call('file.discard', { token: ref.token })).toEqual({ discarded: true });
    const after = fs.readdirSync(dir);
    expect(after).not.toContain(file);
    expect(after).not.toContain(`${ref.token}.json`);
    expect(await ledger.raw('file.read', { token: ref.token, offset: 0 })).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
    expect(await ledger.call('file.discard', { token: ref.token })).toEqual({ discarded: false });
    // Another download is untouched; a malformed token is refused by the contract.
    expect((await download(ledger, kept.token)).length).toBe(kept.size);
    expect(await ledger.raw('file.discard', { token: '../ledger' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('ledger export / template', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8' });

  it('writes the file named by --out (.xlsx or .csv) and prints rows and file with --json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-'));
    const db = path.join(dir, 'ledger.sqlite');
    expect(run('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会').status).toBe(0);
    const file = await createTestLedger({ file: db, setup: false });
    await seedExportLedger(file);
    await file.db.close();
    const out = path.join(dir, 'members.xlsx');
    const result = run('export', '--db', db, '--kind', 'members', '--out', out, '--full-id', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ rows: 4, file: out });
    // The copy with full ID numbers beside the database is gone once --out has it.
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]);
    const sheet = (await workbook(fs.readFileSync(out))).worksheets[0]!;
    expect(rowsOf(sheet).map((r) => text(r['身份证号码']!))).toContain(people.wangFang.idNumber);
    const csv = path.join(dir, 'orgs.csv');
    expect(run('export', '--db', db, '--kind', 'orgs', '--out', csv).status).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain(`'${formulaOrgName}`);
    const tpl = path.join(dir, 'tpl.xlsx');
    expect(run('template', '--db', db, '--kind', 'hours', '--out', tpl).status).toBe(0);
    expect((await workbook(fs.readFileSync(tpl))).worksheets.map((s) => s.name)).toEqual(['志愿服务时长', '填写说明']);
    const bad = run('export', '--db', db, '--kind', 'cats', '--out', out, '--json');
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});

describe('export over many pages', () => {
  it('exports every member of a seeded county once, in name order, across keyset pages and through search', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-many-'));
    const db = path.join(dir, 'ledger.sqlite');
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(cli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会').status).toBe(0);
    expect(cli('seed', '--db', db, '--scale', 'small', '--seed', '3').status).toBe(0);
    const big = await createTestLedger({ file: db, setup: false });
    try {
      const total = big.db.sqlite.prepare('SELECT count(*) FROM member').pluck().get() as number;
      expect(total).toBeGreaterThan(2500);
      const result = await big.call('export.roster', { kind: 'members', fullId: true, format: 'csv' });
      expect(result.rows).toBe(total);
      const lines = (await download(big, result.token)).toString('utf8').slice(1).trimEnd().split('\r\n').slice(1);
      const ids = lines.map((l) => l.split(',')[2]);
      expect(new Set(ids).size).toBe(total);
      const expectedIds = big.db.sqlite.prepare('SELECT p.id_number FROM member m JOIN person p ON p.id = m.person_id ORDER BY m.name_sort_key, m.person_id').pluck().all();
      expect(ids).toEqual(expectedIds);
      // The list's search path: a surname fragment gives exactly the members whose name holds it.
      const wang = big.db.sqlite.prepare("SELECT count(*) FROM member m JOIN person p ON p.id = m.person_id WHERE instr(p.name, '王') > 0").pluck().get() as number;
      expect((await big.call('export.roster', { kind: 'members', filter: { search: '王' } })).rows).toBe(wang);
      const active = big.db.sqlite.prepare("SELECT count(*) FROM member WHERE status = 'active' AND kind = 'youth'").pluck().get() as number;
      expect((await big.call('export.roster', { kind: 'youth-members', filter: { status: 'active' } })).rows).toBe(active);
    } finally {
      await big.db.close();
    }
  });
});
