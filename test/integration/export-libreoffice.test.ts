import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKinds, sheetFields } from '../../src-main/core/domain/sheet-fields';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { download, formulaOrgName, people, seedExportLedger, usccHuawei } from '../helpers/export-fixture';

// Every exported kind opened by LibreOffice headless and saved as CSV: the cell text must be
// what the ledger holds (full ID numbers intact, no formula evaluated). CI installs LibreOffice;
// only a developer machine without it and outside CI skips, and says so.

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !soffice && !process.env.CI;
if (skip) console.warn('export-libreoffice: skipped — soffice (LibreOffice) is not installed and CI is unset; install libreoffice-calc-nogui to run it.');

let ledger: TestLedger;
let dir: string;
beforeAll(async () => {
  if (skip) return;
  ledger = await createTestLedger();
  await seedExportLedger(ledger);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-lo-'));
});
afterAll(async () => {
  if (skip) return;
  await ledger.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Converts with a private profile (no lock clash with another soffice) to UTF-8 CSV, cells as shown, no formulas. */
function toCsv(file: string): string[][] {
  const out = path.join(dir, 'csv');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false', '--outdir', out, file], { timeout: 60_000, stdio: 'pipe' });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const text = fs.readFileSync(path.join(out, `${path.basename(file, '.xlsx')}.csv`), 'utf8');
  return parseCsv(text);
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe.skipIf(skip)('exports opened by LibreOffice', () => {
  it.each(importKinds)('%s: header, rows and literal cell text survive', async (kind) => {
    const result = await ledger.call('export.roster', { kind, fullId: true });
    const file = path.join(dir, `${kind}.xlsx`);
    fs.writeFileSync(file, await download(ledger, result.token));
    const [header, ...rows] = toCsv(file);
    expect(header).toEqual(sheetFields[kind].map((f) => f.label));
    expect(rows).toHaveLength(result.rows);
    const cells = rows.flat();
    if (kind === 'members') {
      const col = (label: string) => header!.indexOf(label);
      const wang = rows.find((r) => r[0] === '王芳')!;
      expect(wang[col('身份证号码')]).toBe(people.wangFang.idNumber);
      expect(wang[col('手机号码')]).toBe('13812345678');
      expect(wang[col('入会时间')]).toBe('2020-03-01');
      expect(wang[col('备注')]).toBe('=1+1');
      expect(cells).toEqual(expect.arrayContaining(['@SUM(A1)', '-3', '+86', formulaOrgName]));
      expect(rows.map((r) => r[col('身份证号码')]).sort()).toEqual(Object.values(people).map((p) => p.idNumber).sort());
    }
    if (kind === 'group-members') expect(cells).toContain(usccHuawei);
    if (kind === 'hours') expect(cells).toEqual(expect.arrayContaining([people.zhaoLei.idNumber, '=世界红十字日义诊', '2026-05-08', '2.5']));
    if (kind === 'teams') expect(cells).toContain('=HYPERLINK("x")');
    if (kind === 'orgs') expect(cells).toEqual(expect.arrayContaining([formulaOrgName, '13600003333', '2015-06-01']));
    // No formula was evaluated anywhere: 2 would be =1+1's result.
    expect(cells).not.toContain('2');
  });

  it('the members template opens with its two sheets header', async () => {
    const ref = await ledger.call('export.template', { kind: 'members' });
    const file = path.join(dir, 'template.xlsx');
    fs.writeFileSync(file, await download(ledger, ref.token));
    expect(toCsv(file)[0]).toEqual(sheetFields.members.map((f) => f.label));
  });
});
