import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedChecklistFixture, tinyPng, type ChecklistFixture } from '../helpers/checklist-fixture';

// The checklist command lines, run exactly as outside checks run them.
const root = path.resolve(import.meta.dirname, '../..');

function ledger(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T = Record<string, unknown>>(...args: string[]) {
  const result = ledger(...args, '--json');
  return { ...result, value: JSON.parse(result.stdout) as T };
}

interface Template {
  id: number;
  code: string;
  name: string;
  version: string;
  isDefault: boolean;
  items: Array<{ id: number; seq: number; title: string; mode: string; rule: unknown; appliesTo: string[] }>;
}

let dir: string;
let db: string;
let f: ChecklistFixture;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-checklist-'));
  db = path.join(dir, 'ledger.sqlite');
  expect(json('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '张敏').status).toBe(0);
  const s = new Database(db);
  f = seedChecklistFixture(s);
  s.close();
}, 180_000);

describe('ledger checklist', () => {
  it('lists templates, shows the matrix, records a manual check with evidence', () => {
    const templates = json<Template[]>('checklist', 'templates', '--db', db);
    expect(templates.status).toBe(0);
    const five = templates.value.find((t) => t.code === '五有')!;
    expect(five).toMatchObject({ name: '基层红十字组织“五有”标准', version: '1', isDefault: true });
    expect(five.items[0]).toMatchObject({ seq: 1, title: '有热心红十字事业的带头人', mode: 'auto', rule: { kind: 'hasLeader' } });
    const manual = five.items.find((i) => i.mode === 'manual')!;

    const status = json<{ rows: Array<{ orgId: number; cells: string[] }>; items: Array<{ counts: { met: number } }> }>('checklist', 'status', '--db', db, '--template', '五有', '--as-of', '2025-12-31');
    expect(status.status).toBe(0);
    expect(status.value.rows.find((r) => r.orgId === f.sunshine)!.cells).toEqual(['met', 'not_met', 'unchecked', 'met', 'met']);

    const png = path.join(dir, '制度.png');
    fs.writeFileSync(png, tinyPng);
    const set = json<{ status: string; checkedBy: string; evidence: Array<{ mimeType: string }> }>(
      'checklist', 'set', '--db', db, '--org', String(f.sunshine), '--item', String(manual.id), '--status', 'met', '--date', '2025-05-01', '--by', '王科长', '--note', '制度上墙', '--evidence', png,
    );
    expect(set.status).toBe(0);
    expect(set.value).toMatchObject({ status: 'met', checkedBy: '王科长', evidence: [{ mimeType: 'image/png' }] });
    const after = json<{ rows: Array<{ orgId: number; cells: string[] }> }>('checklist', 'status', '--db', db, '--template', String(five.id), '--as-of', '2025-12-31', '--org', String(f.sunshine));
    expect(after.value.rows).toEqual([expect.objectContaining({ orgId: f.sunshine, cells: ['met', 'not_met', 'met', 'met', 'met'] })]);

    const txt = path.join(dir, 'note.txt');
    fs.writeFileSync(txt, 'just text');
    const refused = json<{ error: { code: string; message: string } }>('checklist', 'set', '--db', db, '--org', String(f.sunshine), '--item', String(manual.id), '--status', 'met', '--evidence', txt);
    expect(refused.status).toBe(1);
    expect(refused.value.error).toMatchObject({ code: 'FILE_REFUSED', message: expect.stringContaining('note.txt') });
    const badStatus = json<{ error: { code: string } }>('checklist', 'set', '--db', db, '--org', String(f.sunshine), '--item', String(manual.id), '--status', 'done');
    expect([badStatus.status, badStatus.value.error.code]).toEqual([1, 'INVALID_INPUT']);
  });

  it('exports and imports template files; same code and version is refused; unknown rules are refused', () => {
    const out = path.join(dir, 'wuyou.json');
    const exported = json<{ file: string; bytes: number }>('checklist', 'export-template', '--db', db, '--template', '五有', '--out', out);
    expect(exported.status).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(exported.value.bytes).toBe(Buffer.byteLength(text));
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'hongh-checklist-template', formatVersion: 1, template: { code: '五有', version: '1' } });

    const same = json<{ error: { code: string; message: string } }>('checklist', 'import-template', '--db', db, out);
    expect(same.status).toBe(1);
    expect(same.value.error.message).toContain('已有模板“五有”的第 1 版');

    doc.template.version = '2026';
    doc.template.effectiveOn = '2026-01-01';
    const v2 = path.join(dir, 'wuyou-2026.json');
    fs.writeFileSync(v2, `${JSON.stringify(doc, null, 2)}\n`);
    const imported = json<Template>('checklist', 'import-template', '--db', db, v2);
    expect(imported.status).toBe(0);
    expect(imported.value).toMatchObject({ code: '五有', version: '2026', isDefault: false });
    const again = path.join(dir, 'again.json');
    expect(json('checklist', 'export-template', '--db', db, '--template', String(imported.value.id), '--out', again).status).toBe(0);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(v2, 'utf8'));

    doc.template.version = '2027';
    doc.template.items[1].rule = { kind: 'minMembersX', n: 3 };
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(doc));
    const refused = json<{ error: { code: string; message: string } }>('checklist', 'import-template', '--db', db, bad);
    expect(refused.status).toBe(1);
    expect(refused.value.error.message).toMatch(/^第 2 项“有稳定的会员和志愿者队伍”的规则“minMembersX”不在规则表中/);

    doc.template.items[1].rule = { kind: 'minMembers', n: 3 };
    doc.template.items[1].appliesTo = ['火星站'];
    fs.writeFileSync(bad, JSON.stringify(doc));
    const unknownType = json<{ error: { code: string; message: string } }>('checklist', 'import-template', '--db', db, bad);
    expect(unknownType.value.error).toMatchObject({ code: 'UNKNOWN_TYPE', message: expect.stringContaining('“火星站”') });
  });
});
