import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { latestSchemaVersion } from '../../src-main/core/db/migrate';
import { id18 } from '../helpers/export-fixture';

// The `ledger` command lines are a contract that outside checks run exactly as written.
const root = path.resolve(import.meta.dirname, '../..');

function ledger(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(...args: string[]) {
  const result = ledger(...args, '--json');
  return { ...result, value: JSON.parse(result.stdout) as unknown };
}

let db: string;
beforeAll(() => {
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-')), 'ledger.sqlite');
});

describe('ledger CLI', () => {
  it('init creates the database, is safe to repeat, and refuses another county', () => {
    const first = json('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会');
    expect(first.status).toBe(0);
    expect(first.value).toMatchObject({ county: { divisionCode: '330106', name: '杭州市西湖区红十字会' }, schemaVersion: latestSchemaVersion });
    expect(json('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会').status).toBe(0);
    const other = json('init', '--db', db, '--county-code', '330105', '--county-name', '杭州市拱墅区红十字会');
    expect(other.status).toBe(1);
    expect(other.value).toMatchObject({ error: { code: 'COUNTY_MISMATCH' } });
    expect(other.stderr).toContain('330106');
    const wrong = json('init', '--db', `${db}.other`, '--county-code', '123456', '--county-name', '某县红十字会');
    expect(wrong.status).toBe(1);
    expect(wrong.value).toMatchObject({ error: { code: 'COUNTY_CODE_UNKNOWN' } });
  });

  it('adds, lists, moves, retires and checks organisations with exactly one JSON document on stdout', () => {
    const town = json('org', 'add', '--db', db, '--name', '转塘街道红十字会', '--type', '街道', '--founded-on', '2019-03-01');
    expect(town.status).toBe(0);
    const townId = (town.value as { id: number }).id;
    const other = json('org', 'add', '--db', db, '--name', '留下街道红十字会', '--type', '街道');
    const otherId = (other.value as { id: number }).id;
    const community = json('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--parent', String(townId), '--status', 'preparing');
    expect(community.value).toMatchObject({ name: '象山社区红十字会', type: '社区', parentId: townId, status: 'preparing', foundedOn: null });
    const communityId = (community.value as { id: number }).id;

    const list = json('org', 'list', '--db', db);
    expect(list.status).toBe(0);
    const rows = list.value as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(3);
    expect(rows.find((o) => o.id === townId)).toMatchObject({ name: '转塘街道红十字会', type: '街道', parentId: null, status: 'active', foundedOn: '2019-03-01', divisionCode: null, childCount: 1 });
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'name', 'type', 'parentId', 'status', 'foundedOn', 'divisionCode', 'childCount']));

    const unknownType = json('org', 'add', '--db', db, '--name', '某协会', '--type', '协会');
    expect(unknownType.status).toBe(1);
    expect(unknownType.value).toMatchObject({ error: { code: 'UNKNOWN_TYPE' } });
    const duplicate = json('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--parent', String(townId));
    expect(duplicate.status).toBe(1);
    expect(duplicate.value).toMatchObject({ error: { code: 'DUPLICATE_NAME' } });

    expect(json('org', 'move', '--db', db, '--id', String(communityId), '--parent', String(otherId)).value).toMatchObject({ parentId: otherId });
    expect(json('org', 'update', '--db', db, '--id', String(communityId), '--name', '象山新社区红十字会').value).toMatchObject({ name: '象山新社区红十字会' });
    const unconfirmed = json('org', 'retire', '--db', db, '--id', String(communityId));
    expect(unconfirmed.status).toBe(1);
    expect(json('org', 'retire', '--db', db, '--id', String(communityId), '--reason', '村社合并', '--yes').value).toMatchObject({ status: 'retired' });
    const history = json('org', 'history', '--db', db, '--id', String(communityId)).value as Array<{ action: string }>;
    expect(new Set(history.map((h) => h.action))).toEqual(new Set(['create', 'move', 'update', 'retire']));

    const check = json('check', '--db', db);
    expect(check.status).toBe(0);
    expect(check.value).toMatchObject({ ok: true, quickCheck: ['ok'], schemaVersion: latestSchemaVersion, latestSchemaVersion });
  });

  it('writes no colour codes and no envelope, and prints plain text without --json', () => {
    const plain = ledger('org', 'list', '--db', db);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('转塘街道红十字会');
    expect(plain.stdout + plain.stderr).not.toContain(String.fromCharCode(27));
    expect(json('org', 'list', '--db', db).value).toBeInstanceOf(Array);
  });

  it('seed refuses a database that already has data', () => {
    const seeded = json('seed', '--db', db, '--scale', 'small');
    expect(seeded.status).toBe(1);
    expect(seeded.value).toMatchObject({ error: { code: 'INVALID_STATE' } });
  });
});

describe('ledger import as a command line', () => {
  let ledgerDb: string;
  let sheet: string;
  const zhang = id18('33010619800101101');
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-import-'));
    ledgerDb = path.join(dir, 'ledger.sqlite');
    json('init', '--db', ledgerDb, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会');
    const org = json('org', 'add', '--db', ledgerDb, '--name', '象山社区红十字会', '--type', '社区').value as { id: number };
    json('member', 'add', '--db', ledgerDb, '--org', String(org.id), '--name', '张三', '--id-number', zhang, '--join-date', '2020-01-01');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会员');
    ws.addRow(['姓名', '身份证号码', '所属基层组织', '入会时间']);
    ws.addRow(['张三丰', zhang, '象山社区红十字会', '2020-01-01']);
    sheet = path.join(dir, '会员.xlsx');
    await wb.xlsx.writeFile(sheet);
  });

  it('keeps the ledger’s name for a known ID number and says so, and leaves no copy of the sheet behind', () => {
    const run = json('import', '--db', ledgerDb, '--kind', 'members', sheet, '--dry-run');
    expect(run.status).toBe(0);
    expect(run.value).toMatchObject({
      inserted: 0,
      unchanged: 1,
      rejected: [],
      warnings: [{ row: 2, field: '姓名', reason: '身份证号码在台账中登记的姓名是“张三”，与表中“张三丰”不同，保留台账中的姓名。' }],
    });
    expect(fs.readdirSync(path.join(path.dirname(ledgerDb), 'imports', 'uploads'))).toEqual([]);
  });

  it('refuses a default organisation that does not exist before reading a row', () => {
    const run = json('import', '--db', ledgerDb, '--kind', 'members', sheet, '--org', '999');
    expect(run.status).toBe(1);
    expect(run.value).toEqual({ error: { code: 'INVALID_INPUT', message: '默认所属组织（编号 999）不存在，请重新选择。' } });
  });

  it('names an unknown flag, a missing or wrong value and a second file in Chinese, without the whole usage', () => {
    const unknown = json('import', '--db', ledgerDb, '--kind', 'members', sheet, '--bogus');
    expect(unknown.status).toBe(1);
    expect(unknown.value).toEqual({ error: { code: 'INVALID_INPUT', message: '参数有误：没有 --bogus 这个参数。运行 ledger --help 可查看各命令的参数。' } });
    const missing = json('import', '--db', ledgerDb, '--kind', 'members', sheet, '--on-duplicate');
    expect(missing.value).toMatchObject({ error: { message: expect.stringMatching(/^参数有误：--on-duplicate 缺少取值/) } });
    const badValue = json('import', '--db', ledgerDb, '--kind', 'members', sheet, '--on-duplicate', 'overwrite');
    expect(badValue.value).toEqual({ error: { code: 'INVALID_INPUT', message: '--on-duplicate 应为 update（更新台账）、keep（保留台账，默认）或 reject（拒绝该行）。' } });
    const twoFiles = json('import', '--db', ledgerDb, '--kind', 'members', sheet, sheet);
    expect(twoFiles.status).toBe(1);
    expect(twoFiles.value).toMatchObject({ error: { message: expect.stringMatching(/^一次只能导入一个文件/) } });
  });

  it('refuses a --db that does not exist instead of creating an empty ledger there', () => {
    const missing = path.join(path.dirname(ledgerDb), 'typo', 'ledgr.sqlite');
    const run = json('import', '--db', missing, '--kind', 'members', sheet, '--dry-run');
    expect(run.status).toBe(1);
    expect(run.value).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});
