import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organizationsMeetingTemplate } from '../../src-main/core/checklist/evaluate';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { seedChecklistFixture, tinyPng, type ChecklistFixture } from '../helpers/checklist-fixture';

let dir: string;
let ledger: TestLedger;
let f: ChecklistFixture;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-checklist-'));
  ledger = await createTestLedger({ file: path.join(dir, 'ledger.sqlite') });
  f = seedChecklistFixture(ledger.db.sqlite);
});
afterEach(async () => {
  await ledger.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(name: string, bytes: Buffer): Promise<string> {
  const { uploadId } = await ledger.call('file.uploadBegin', { name, size: bytes.length });
  await ledger.call('file.uploadChunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  await ledger.call('file.uploadFinish', { uploadId });
  return uploadId;
}

async function wuyou() {
  const [t] = await ledger.call('checklist.templates', { code: '五有' });
  return t!;
}

describe('builtin templates', () => {
  it('lists the three defaults, unconfirmed, with items and types', async () => {
    const list = await ledger.call('checklist.templates', {});
    expect(list.map((t) => [t.code, t.version, t.isDefault, t.isDraft, t.items.length])).toEqual([
      ['五有', '1', true, true, 5],
      ['博爱家园', '1', true, true, 6],
      ['双三一', '1', true, true, 6],
    ]);
    const five = list[0]!;
    expect(five.items.map((i) => i.mode)).toEqual(['auto', 'auto', 'manual', 'auto', 'auto']);
    expect(five.items[1]!.ruleText).toBe('会员不少于 10 人，且注册志愿者不少于 5 人');
    expect(five.items[0]!.appliesTo).toHaveLength(12);
    expect(list[2]!.name).toContain('草案');
    expect(list[1]!.items[0]!.appliesTo).toEqual(['社区', '村']);
  });

  it('confirming a default is an action, once', async () => {
    const t = await wuyou();
    const confirmed = await ledger.call('checklist.confirmTemplate', { templateId: t.id });
    expect([confirmed.isDefault, confirmed.isDraft, confirmed.confirmedOn]).toEqual([false, false, '2026-06-15']);
    const again = await ledger.raw('checklist.confirmTemplate', { templateId: t.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('checklist.matrix as of a date', () => {
  it('evaluates auto items from dated records and leaves manual items unchecked', async () => {
    const m = await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-12-31' });
    // 新城 (founded 2026) and 筹建 are not organisations on that date.
    expect(m.rows.map((r) => r.name)).toEqual(['阳光社区红十字会', '桃源村红十字会', '实验小学红十字会']);
    expect(m.rows[0]!.cells).toEqual(['met', 'not_met', 'unchecked', 'met', 'met']);
    expect(m.rows[1]!.cells).toEqual(['not_met', 'not_met', 'unchecked', 'not_met', 'not_met']);
    expect(m.rows[2]!.cells).toEqual(['met', 'not_met', 'unchecked', 'not_met', 'not_met']);
    expect(m.rows.map((r) => [r.met, r.applicable, r.meetsAll])).toEqual([[3, 5, false], [0, 5, false], [1, 5, false]]);
    expect(m.items.map((i) => i.counts)).toEqual([
      { met: 2, notMet: 1, notApplicable: 0, unchecked: 0 },
      { met: 0, notMet: 3, notApplicable: 0, unchecked: 0 },
      { met: 0, notMet: 0, notApplicable: 0, unchecked: 3 },
      { met: 1, notMet: 2, notApplicable: 0, unchecked: 0 },
      { met: 1, notMet: 2, notApplicable: 0, unchecked: 0 },
    ]);
    expect(m.totals).toEqual({ orgs: 3, meetingAll: 0 });

    // Mid-2025: the lapsed member was still on the roll (10), but only one activity so far.
    const mid = await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-06-01' });
    expect(mid.rows[0]!.cells).toEqual(['met', 'met', 'unchecked', 'met', 'not_met']);
  });

  it('gives the reason of a cell with the figure and the requirement', async () => {
    const t = await wuyou();
    const cell = await ledger.call('checklist.cell', { orgId: f.sunshine, itemId: t.items[1]!.id, asOf: '2025-12-31' });
    expect(cell.status).toBe('not_met');
    expect(cell.reason).toBe('会员 9 人，少于要求的 10 人；注册志愿者 5 人，达到要求的 5 人');
    const activity = await ledger.call('checklist.cell', { orgId: f.village, itemId: t.items[4]!.id, asOf: '2025-12-31' });
    expect(activity.reason).toBe('2025 年开展活动 0 次，少于要求的 2 次');
  });

  it('marks items not applicable to the organisation type, and filters by subtree and type', async () => {
    const [bojia] = await ledger.call('checklist.templates', { code: '博爱家园' });
    const m = await ledger.call('checklist.matrix', { templateId: bojia!.id, asOf: '2025-12-31' });
    const school = m.rows.find((r) => r.orgId === f.school)!;
    expect(school.cells.every((c) => c === 'not_applicable')).toBe(true);
    expect(school.meetsAll).toBe(false);
    expect(m.rows.find((r) => r.orgId === f.sunshine)!.cells).toEqual(['met', 'met', 'met', 'met', 'not_met', 'unchecked']);
    const typeId = ledger.db.sqlite.prepare("SELECT id FROM organization_type WHERE name = '村'").pluck().get() as number;
    expect((await ledger.call('checklist.matrix', { templateId: bojia!.id, asOf: '2025-12-31', typeId })).rows.map((r) => r.orgId)).toEqual([f.village]);
    expect((await ledger.call('checklist.matrix', { templateId: bojia!.id, asOf: '2025-12-31', rootOrgId: f.school })).rows.map((r) => r.orgId)).toEqual([f.school]);
  });
});

describe('scoped and county-wide evaluation', () => {
  it('gives each organisation the same cells whether it is evaluated alone, in a few, or with the whole county', async () => {
    const [five] = await ledger.call('checklist.templates', { code: '五有' });
    const county = await ledger.call('checklist.matrix', { templateId: five!.id, asOf: '2025-12-31' });
    expect(county.rows.length).toBeGreaterThan(2);
    for (const row of county.rows) {
      // One organisation is always a small share: its facts come from index seeks, not the county pass.
      const alone = await ledger.call('checklist.matrix', { templateId: five!.id, asOf: '2025-12-31', rootOrgId: row.orgId });
      expect(alone.rows.find((r) => r.orgId === row.orgId)!.cells, row.name).toEqual(row.cells);
    }
    const ids = county.rows.map((r) => r.orgId);
    const meeting = organizationsMeetingTemplate(ledger.db.sqlite, { templateCode: '五有', asOf: '2025-12-31', organizationIds: ids.slice(0, 1) });
    expect([...meeting]).toEqual(county.rows.slice(0, 1).filter((r) => r.meetsAll).map((r) => r.orgId));
  });
});

describe('manual checks with evidence', () => {
  it('records a check with an image; a later change does not alter an earlier date', async () => {
    const t = await wuyou();
    const manual = t.items[2]!;
    const uploadId = await upload('制度照片.png', tinyPng);
    const entry = await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: manual.id, status: 'met', checkedOn: '2025-05-01', note: '制度上墙', evidenceUploadIds: [uploadId] });
    expect(entry).toMatchObject({ status: 'met', checkedOn: '2025-05-01', checkedBy: '张敏', note: '制度上墙' });
    expect(entry.evidence).toEqual([{ id: expect.any(Number), name: '制度照片.png', mimeType: 'image/png', size: tinyPng.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: manual.id, status: 'not_met', checkedOn: '2026-01-10', checkedBy: '王科长' });

    const before = await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-12-31' });
    expect(before.rows[0]!.cells[2]).toBe('met');
    expect(before.items[2]!.counts).toEqual({ met: 1, notMet: 0, notApplicable: 0, unchecked: 2 });
    const after = await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-02-01' });
    expect(after.rows[0]!.cells[2]).toBe('not_met');
    const earlier = await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-04-30' });
    expect(earlier.rows[0]!.cells[2]).toBe('unchecked');

    const cell = await ledger.call('checklist.cell', { orgId: f.sunshine, itemId: manual.id, asOf: '2025-12-31' });
    expect(cell.history.map((h) => [h.checkedOn, h.status, h.checkedBy, h.inForce, h.evidence.length])).toEqual([
      ['2026-01-10', 'not_met', '王科长', false, 0],
      ['2025-05-01', 'met', '张敏', true, 1],
    ]);

    const ev = await ledger.call('checklist.evidence', { evidenceId: entry.evidence[0]!.id });
    expect(ev.state).toBe('intact');
    expect(ev.dataUrl).toBe(`data:image/png;base64,${tinyPng.toString('base64')}`);
    const stored = path.join(dir, 'evidence', ev.sha256.slice(0, 2), `${ev.sha256}.png`);
    expect(fs.readFileSync(stored)).toEqual(tinyPng);

    // The same file again is one evidence row and one file; a changed file is reported.
    const second = await ledger.call('checklist.setStatus', { orgId: f.village, itemId: manual.id, status: 'met', evidenceUploadIds: [await upload('copy.png', tinyPng)] });
    expect(second.evidence[0]!.id).toBe(entry.evidence[0]!.id);
    expect(ledger.db.sqlite.prepare('SELECT count(*) FROM evidence_file').pluck().get()).toBe(1);
    fs.appendFileSync(stored, 'x');
    expect(await ledger.call('checklist.evidence', { evidenceId: ev.id })).toMatchObject({ state: 'tampered', dataUrl: null });
    fs.rmSync(stored);
    expect((await ledger.call('checklist.evidence', { evidenceId: ev.id })).state).toBe('missing');
  });

  it('refuses files that are not JPG, PNG or PDF (by content, not name), and auto items', async () => {
    const t = await wuyou();
    const fake = await upload('扫描件.png', Buffer.from('GIF89a not really a png'));
    const refused = await ledger.raw('checklist.setStatus', { orgId: f.sunshine, itemId: t.items[2]!.id, status: 'met', evidenceUploadIds: [fake] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FILE_REFUSED', message: expect.stringContaining('扫描件.png') } });
    expect(ledger.db.sqlite.prepare('SELECT count(*) FROM checklist_status').pluck().get()).toBe(0);
    const pdf = await upload('制度.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const ok = await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: t.items[2]!.id, status: 'met', evidenceUploadIds: [pdf] });
    expect(ok.evidence[0]!.mimeType).toBe('application/pdf');
    const auto = await ledger.raw('checklist.setStatus', { orgId: f.sunshine, itemId: t.items[0]!.id, status: 'met' });
    expect(auto).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('editing and replacing templates', () => {
  it('saves an edit as a new version; manual checks carry over to the item of the same title', async () => {
    const t = await wuyou();
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: t.items[2]!.id, status: 'met', checkedOn: '2025-05-01' });
    const items = t.items.map((i) => ({ seq: i.seq, title: i.title, description: i.description, mode: i.mode, ...(i.rule ? { rule: i.rule } : {}), appliesTo: i.appliesTo }));
    items[1] = { ...items[1]!, rule: { kind: 'minMembers', n: 5 } };
    const saved = await ledger.call('checklist.saveTemplate', { template: { code: '五有', name: t.name, issuer: '西湖区红十字会', version: '2026', effectiveOn: '2026-01-01', items } });
    expect([saved.version, saved.origin, saved.isDefault, saved.items[1]!.ruleText]).toEqual(['2026', 'custom', false, '会员不少于 5 人']);
    // 2025 still reads version 1 with its check; 2026 reads the new version, whose manual item of the same title keeps that check.
    expect((await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-12-31' })).rows[0]!.cells[2]).toBe('met');
    const v2 = await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-06-15' });
    expect([v2.template.version, v2.rows[0]!.cells[1], v2.rows[0]!.cells[2]]).toEqual(['2026', 'met', 'met']);
    const bad = await ledger.raw('checklist.saveTemplate', { template: { code: '五有', name: t.name, version: '2027', items: [{ seq: 1, title: '有带头人', mode: 'auto', rule: { kind: 'hasBoss' } }] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('第 1 项“有带头人”的规则“hasBoss”不在规则表中') } });
    const same = await ledger.raw('checklist.saveTemplate', { template: { code: '五有', name: t.name, version: '2026', items } });
    expect(same).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('a manual check counts for the item as titled in every version of the standard, and the cell shows its history', async () => {
    const t = await wuyou();
    const v1Item = t.items[2]!.id;
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: v1Item, status: 'not_met', checkedOn: '2025-03-01' });
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: v1Item, status: 'met', checkedOn: '2025-05-01' });
    await ledger.call('checklist.setStatus', { orgId: f.village, itemId: v1Item, status: 'met', checkedOn: '2025-05-01' });
    // Version 2 renames nothing but the whitespace of the manual item, and adds a new manual item.
    const items = t.items.map((i) => ({ seq: i.seq, title: i.title, description: i.description, mode: i.mode, ...(i.rule ? { rule: i.rule } : {}), appliesTo: i.appliesTo }));
    items[2] = { ...items[2]!, title: ` 有规范的  管理制度 ` };
    items.push({ seq: 6, title: '有年度工作计划', description: null, mode: 'manual', appliesTo: ['社区'] });
    const v2 = await ledger.call('checklist.saveTemplate', { template: { code: '五有', name: t.name, version: '2', effectiveOn: '2026-01-01', items } });
    const v2Item = v2.items[2]!.id;
    expect(v2Item).not.toBe(v1Item);

    const m = await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-06-15' });
    expect(m.template.version).toBe('2');
    expect(m.rows.map((r) => [r.name, r.cells[2], r.cells[5]])).toEqual([
      ['阳光社区红十字会', 'met', 'unchecked'],
      ['桃源村红十字会', 'met', 'not_applicable'],
      ['实验小学红十字会', 'unchecked', 'not_applicable'],
      ['新城社区红十字会', 'unchecked', 'unchecked'],
    ]);
    // The check before the date wins, whichever version it was recorded on.
    expect((await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-06-15' })).items[2]!.counts).toEqual({ met: 2, notMet: 0, notApplicable: 0, unchecked: 2 });
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: v2Item, status: 'not_met', checkedOn: '2026-02-01' });
    const cell = await ledger.call('checklist.cell', { orgId: f.sunshine, itemId: v2Item, asOf: '2026-06-15' });
    expect(cell.status).toBe('not_met');
    expect(cell.history.map((h) => [h.checkedOn, h.status, h.inForce])).toEqual([
      ['2026-02-01', 'not_met', true],
      ['2025-05-01', 'met', false],
      ['2025-03-01', 'not_met', false],
    ]);
    // The version-1 cell as of mid-2025 still reads the version-1 check in force then.
    const old = await ledger.call('checklist.cell', { orgId: f.sunshine, itemId: v1Item, asOf: '2025-06-01' });
    expect([old.status, old.history.find((h) => h.inForce)!.checkedOn]).toEqual(['met', '2025-05-01']);
    expect((await ledger.call('checklist.matrix', { templateId: t.id, asOf: '2026-06-15' })).rows[0]!.cells[2]).toBe('not_met');
  });

  it('dates a version saved or imported without an effective date from today, so it never applies to past dates', async () => {
    const t = await wuyou();
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: t.items[2]!.id, status: 'met', checkedOn: '2025-05-01' });
    const items = [{ seq: 1, title: '有带头人', description: null, mode: 'auto' as const, rule: { kind: 'hasLeader' }, appliesTo: ['社区'] }];
    const saved = await ledger.call('checklist.saveTemplate', { template: { code: '五有', name: t.name, version: '2', items } });
    expect(saved.effectiveOn).toBe('2026-06-15');
    expect((await ledger.call('checklist.matrix', { code: '五有', asOf: '2025-12-31' })).template.version).toBe('1');
    expect((await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-06-14' })).template.version).toBe('1');
    expect((await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-06-15' })).template.version).toBe('2');
    const file = JSON.stringify({ format: 'hongh-checklist-template', formatVersion: 1, template: { code: '五有', name: t.name, version: '3', items } });
    expect((await ledger.call('checklist.importTemplate', { text: file })).effectiveOn).toBe('2026-06-15');
    // Same date: the later saved version wins.
    expect((await ledger.call('checklist.matrix', { code: '五有', asOf: '2026-06-15' })).template.version).toBe('3');
    // A code whose every version takes effect later: the earliest applies.
    const future = (version: string, effectiveOn: string) =>
      JSON.stringify({ format: 'hongh-checklist-template', formatVersion: 1, template: { code: '市标准', name: '市级标准', version, effectiveOn, items } });
    await ledger.call('checklist.importTemplate', { text: future('b', '2027-06-01') });
    await ledger.call('checklist.importTemplate', { text: future('a', '2027-01-01') });
    expect((await ledger.call('checklist.matrix', { code: '市标准', asOf: '2026-06-15' })).template.version).toBe('a');
    expect((await ledger.call('checklist.matrix', { code: '市标准', asOf: '2027-07-01' })).template.version).toBe('b');
  });

  it('replaces an imported version only when asked and only while it has no checks', async () => {
    const text = (title: string) =>
      JSON.stringify({ format: 'hongh-checklist-template', formatVersion: 1, template: { code: '市标准', name: '市级标准', version: '1', items: [{ seq: 1, title, mode: 'manual', appliesTo: ['社区'] }] } });
    await ledger.call('checklist.importTemplate', { text: text('有制度') });
    expect(await ledger.raw('checklist.importTemplate', { text: text('有制度和台账') })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const replaced = await ledger.call('checklist.importTemplate', { text: text('有制度和台账'), replace: true });
    expect(replaced.items.map((i) => i.title)).toEqual(['有制度和台账']);
    expect((await ledger.call('checklist.templates', { code: '市标准' })).map((t) => t.id)).toEqual([replaced.id]);
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: replaced.items[0]!.id, status: 'met' });
    expect(await ledger.raw('checklist.importTemplate', { text: text('别的'), replace: true })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringContaining('已有人工核查记录') } });
  });
});

describe('organizationsMeetingTemplate', () => {
  it('returns the organisations among those given that meet every applicable item', async () => {
    const t = await wuyou();
    const s = ledger.db.sqlite;
    const all = [f.sunshine, f.village, f.school, f.newTown, f.preparing];
    expect(organizationsMeetingTemplate(s, { templateCode: '五有', asOf: '2025-06-01', organizationIds: all })).toEqual(new Set());
    await ledger.call('checklist.setStatus', { orgId: f.sunshine, itemId: t.items[2]!.id, status: 'met', checkedOn: '2025-05-01' });
    expect(organizationsMeetingTemplate(s, { templateCode: '五有', asOf: '2025-06-01', organizationIds: all })).toEqual(new Set());
    // With the lapse undone, 阳光 has 10 members, 5 volunteers and two 2025 activities by 2025-12-31.
    s.prepare("UPDATE member SET lapsed_on = NULL, status = 'active' WHERE id = ?").run(f.lapsedMemberId);
    expect(organizationsMeetingTemplate(s, { templateCode: '五有', asOf: '2025-12-31', organizationIds: all })).toEqual(new Set([f.sunshine]));
    expect(organizationsMeetingTemplate(s, { templateCode: '五有', asOf: '2025-12-31', organizationIds: [f.village] })).toEqual(new Set());
  });

  it('uses the version in force on the date', async () => {
    const t = await wuyou();
    const { text } = await ledger.call('checklist.exportTemplate', { templateId: t.id });
    const doc = JSON.parse(text);
    doc.template.version = '2';
    doc.template.effectiveOn = '2026-01-01';
    doc.template.items = [{ seq: 1, title: '有带头人', description: null, mode: 'auto', rule: { kind: 'hasLeader' }, appliesTo: ['社区'] }];
    await ledger.call('checklist.importTemplate', { text: JSON.stringify(doc) });
    const s = ledger.db.sqlite;
    const ids = [f.sunshine, f.village, f.school];
    expect(organizationsMeetingTemplate(s, { templateCode: '五有', asOf: '2026-02-01', organizationIds: ids })).toEqual(new Set([f.sunshine]));
    expect(organizationsMeetingTemplate(s, { templateCode: '五有', asOf: '2025-12-31', organizationIds: ids })).toEqual(new Set());
    expect(() => organizationsMeetingTemplate(s, { templateCode: '没有', asOf: '2025-12-31', organizationIds: ids })).toThrow(/没有/);
  });
});
