import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { importOptions } from '../../src-main/core/api/contract/import';
import { previewImport } from '../../src-main/core/import/engine';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { commit, preview, upload, waitJob } from '../helpers/import';

const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const wang = id18('33010619850312002');
const li = id18('33010619900101003');
const zhao = id18('33010619751120005');
const sun = id18('33010619881010006');
const existing = id18('33010619700505004');

let dir: string;
let ledger: TestLedger;
let township: number;
let xiangshan: number;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-members-'));
  ledger = await createTestLedger({ file: path.join(dir, 'ledger.sqlite'), now: '2026-06-15T02:00:00Z' });
  township = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
  xiangshan = (await ledger.call('org.add', { name: '城关镇象山社区红十字会', type: '社区', parentId: township })).id;
  await ledger.call('member.add', { orgId: xiangshan, name: '钱伟', idNumber: existing, phone: '13700000000', joinedOn: '2019-01-01' });
});

afterEach(async () => {
  await ledger.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A township's roster as they send it: title row, aliases for headers, padded names, a footer. */
async function townshipSheet(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员名册');
  sheet.addRow(['城关镇红十字会会员花名册']);
  sheet.addRow(['名字', '性别', '公民身份号码', '联系电话', '所属组织', '入会日期']);
  for (const row of rows) sheet.addRow(row);
  sheet.addRow([]);
  sheet.addRow(['填表人：张敏', null, '填表日期：2026年6月1日']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const count = (table: string) => ledger.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('member import', () => {
  it('previews row-exact outcomes, writes nothing, then commits and can be undone', async () => {
    const data = await townshipSheet([
      ['王　芳', '女', wang, '138 1234 5678', '象山社区', '2020.3.1'],
      ['李明', '男', li.replace(/X$/, 'x'), '+86 139-0000-1111', '象山社区', '2021年5月'],
      ['赵磊', '男', Number(zhao.slice(0, 15)) * 1000, null, '象山社区', '2020-01-01'],
      ['孙丽', '女', sun, null, '不存在的村', '2022/01/02'],
      ['王芳', '女', wang, null, '象山社区', '2020.3.1'],
      ['钱伟', '男', existing, '13800000000', '象山社区', '2019-01-01'],
    ]);
    const uploadId = await upload(ledger, '城关镇会员.xlsx', data);
    const before = { person: count('person'), member: count('member') };
    const { jobId, preview: p } = await preview(ledger, uploadId, { kind: 'members', scopeOrgId: township });

    expect(p.headerRows).toEqual([2]);
    expect(p.dataRows).toBe(6);
    expect(p.sheetDate).toBe('2026-06-01');
    expect(p.counts).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 4 });
    const rejected = Object.fromEntries(p.rejected.map((r) => [r.row, r]));
    expect(Object.keys(rejected).map(Number)).toEqual([5, 6, 7, 8]);
    expect(rejected[5]).toMatchObject({ field: '身份证号码' });
    expect(rejected[5]!.reason).toMatch(/数字|丢失/);
    expect(rejected[6]).toMatchObject({ field: '所属基层组织' });
    expect(rejected[6]!.reason).toContain('不存在的村');
    expect(rejected[7]!.reason).toContain('第 3 行');
    expect(rejected[8]!.reason).toMatch(/保留台账/);
    expect(p.unmatchedOrgs).toEqual([expect.objectContaining({ name: '不存在的村', rows: 1, firstRow: 6 })]);
    expect(p.duplicates.map((d) => [d.row, d.where])).toEqual([[7, 'file'], [8, 'ledger']]);
    expect(JSON.stringify(p)).not.toContain(wang);
    expect({ person: count('person'), member: count('member') }).toEqual(before);

    const result = await commit(ledger, jobId);
    expect(result.counts.inserted).toBe(2);
    expect(result.backupFile && fs.existsSync(result.backupFile)).toBe(true);
    const names = ledger.db.sqlite.prepare('SELECT p.name, p.phone, m.joined_on, m.organization_id FROM member m JOIN person p ON p.id = m.person_id ORDER BY m.id').all();
    expect(names.slice(1)).toEqual([
      { name: '王芳', phone: '13812345678', joined_on: '2020-03-01', organization_id: xiangshan },
      { name: '李明', phone: '13900001111', joined_on: '2021-05-01', organization_id: xiangshan },
    ]);

    const [entry] = await ledger.call('import.history', {});
    expect(entry).toMatchObject({ kind: 'members', fileName: '城关镇会员.xlsx', undoBlockedBy: null });
    await ledger.call('import.undo', { importId: entry!.id });
    expect({ person: count('person'), member: count('member') }).toEqual(before);
    expect(ledger.db.sqlite.prepare('SELECT count(*) FROM person_name_gram WHERE person_id NOT IN (SELECT id FROM person)').pluck().get()).toBe(0);
    const [undone] = await ledger.call('import.history', {});
    expect(undone!.undoneAt).not.toBeNull();
  });

  it('updates an existing member only when asked, and re-importing the same sheet is unchanged', async () => {
    const data = await townshipSheet([['钱伟', '男', existing, '13800000000', '象山社区', '2019-01-01']]);
    const uploadId = await upload(ledger, 'a.xlsx', data);
    const { jobId, preview: p } = await preview(ledger, uploadId, { kind: 'members', onDuplicate: 'update' });
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1 });
    await commit(ledger, jobId);
    expect(ledger.db.sqlite.prepare('SELECT phone FROM person WHERE id_number = ?').pluck().get(existing)).toBe('13800000000');
    const again = await preview(ledger, uploadId, { kind: 'members' });
    expect(again.preview.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });

    // Undo puts the old phone back.
    const [entry] = await ledger.call('import.history', {});
    await ledger.call('import.undo', { importId: entry!.id });
    expect(ledger.db.sqlite.prepare('SELECT phone FROM person WHERE id_number = ?').pluck().get(existing)).toBe('13700000000');
  });

  it('creates unknown organisations only under the chosen parent, typed from the name', async () => {
    const data = await townshipSheet([['孙丽', '女', sun, null, '新华村', '2022/01/02']]);
    const uploadId = await upload(ledger, 'b.xlsx', data);
    const { jobId, preview: p } = await preview(ledger, uploadId, { kind: 'members', createOrgsUnder: township });
    expect(p.willCreate.orgs).toEqual(['新华村红十字会']);
    await commit(ledger, jobId);
    const org = ledger.db.sqlite.prepare('SELECT o.parent_id, t.name AS type FROM organization o LEFT JOIN organization_type t ON t.id = o.type_id WHERE o.name = ?').get('新华村红十字会');
    expect(org).toEqual({ parent_id: township, type: '村' });
  });

  it('blocks undo once a later change touches an imported member', async () => {
    const uploadId = await upload(ledger, 'c.xlsx', await townshipSheet([['王芳', '女', wang, null, '象山社区', '2020-03-01']]));
    await commit(ledger, (await preview(ledger, uploadId, { kind: 'members' })).jobId);
    const memberId = ledger.db.sqlite.prepare('SELECT m.id FROM member m JOIN person p ON p.id = m.person_id WHERE p.id_number = ?').pluck().get(wang) as number;
    await ledger.call('member.update', { id: memberId, changes: { notes: '后来补的备注' } });
    // The member's history: the later change above the import that created it.
    const history = await ledger.call('member.history', { id: memberId });
    expect(history.map((h) => [h.actionLabel, h.newValue])).toEqual([
      [expect.any(String), '后来补的备注'],
      ['导入', '导入自“c.xlsx”'],
    ]);
    const [entry] = await ledger.call('import.history', {});
    expect(entry!.undoBlockedBy).toMatch(/修改/);
    const refused = await ledger.raw('import.undo', { importId: entry!.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNDO_BLOCKED' } });
  });

  it('still blocks the undo of an import after an earlier import is undone (change_log ids are not reused below it)', async () => {
    // B writes history lines (an update); A, later, only creates. Undoing B deletes the log's top
    // lines, and SQLite would hand their ids out again: a later edit of A's member must still
    // count as after A.
    const b = await upload(ledger, 'b.xlsx', await townshipSheet([['钱伟', '男', existing, '13800000000', '象山社区', '2019-01-01']]));
    await commit(ledger, (await preview(ledger, b, { kind: 'members', onDuplicate: 'update' })).jobId);
    const a = await upload(ledger, 'a.xlsx', await townshipSheet([['王芳', '女', wang, null, '象山社区', '2020-03-01']]));
    const imported = await commit(ledger, (await preview(ledger, a, { kind: 'members' })).jobId);
    const [, undoneFirst] = await ledger.call('import.history', {});
    await ledger.call('import.undo', { importId: undoneFirst!.id });

    const memberId = ledger.db.sqlite.prepare('SELECT m.id FROM member m JOIN person p ON p.id = m.person_id WHERE p.id_number = ?').pluck().get(wang) as number;
    await ledger.call('member.update', { id: memberId, changes: { notes: '后来补的备注' } });
    const entry = (await ledger.call('import.history', {})).find((h) => h.id === imported.importId);
    expect(entry!.undoBlockedBy).toMatch(/修改/);
    expect((await ledger.call('member.history', { id: memberId }))[0]!.newValue).toBe('后来补的备注');
  });

  it('plans a long sheet while it is read, and plans it again when merged cells listed after the rows fill its data rows', async () => {
    // Rows are planned as the reader delivers them, but a sheet lists its merged cells after its
    // rows: an organisation merged down beside its members is known only at the end.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('会员名册');
    sheet.addRow(['城关镇红十字会会员花名册']);
    sheet.mergeCells(1, 1, 1, 5);
    sheet.addRow(['姓名', '身份证号码', '联系电话', '所属基层组织', '入会时间']);
    const ids = Array.from({ length: 130 }, (_, i) => id18(`33010619900101${String(100 + i)}`));
    const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
    ids.forEach((idNumber, i) => sheet.addRow([`会员${given[i % 20]}${given[Math.floor(i / 20)]}`, idNumber, null, i === 0 ? '象山社区' : i === 70 ? '城关镇红十字会' : null, '2020-01-01']));
    sheet.mergeCells(3, 4, 72, 4);
    sheet.mergeCells(73, 4, 132, 4);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    // The progress bar starts over for the second planning, under a phase that says why.
    const file = path.join(dir, '长名册.xlsx');
    fs.writeFileSync(file, bytes);
    const phases: string[] = [];
    const control = { signal: new AbortController().signal, progress: (phase: string) => void (phases.at(-1) === phase || phases.push(phase)) };
    await previewImport({ sqlite: ledger.db.sqlite, today: '2026-06-15', youthReferenceDate: null, inWorker: false }, file, '长名册.xlsx', importOptions.parse({ uploadId: 'merged-sheet', kind: 'members' }), control);
    expect(phases.slice(-2)).toEqual(['检查数据', '按合并单元格重新检查']);

    const uploadId = await upload(ledger, '长名册.xlsx', bytes);

    const { jobId, preview: shown } = await preview(ledger, uploadId, { kind: 'members' });
    expect(shown.rejected).toEqual([]);
    expect(shown.counts.inserted).toBe(130);
    await commit(ledger, jobId);
    const byOrg = ledger.db.sqlite.prepare('SELECT organization_id AS org, count(*) AS n FROM member WHERE person_id IN (SELECT id FROM person WHERE name LIKE ?) GROUP BY 1 ORDER BY 1').all('会员%');
    expect(byOrg).toEqual([
      { org: township, n: 60 },
      { org: xiangshan, n: 70 },
    ]);
  });

  it('a cancelled preview reports cancelled and nothing is written', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`测试${i}`, null, id18(`3301061990010${String(1000 + i).slice(-4)}`.slice(0, 17)), null, '象山社区', '2020-01-01']);
    const uploadId = await upload(ledger, 'd.xlsx', await townshipSheet(rows));
    const { jobId } = await ledger.call('import.preview', { uploadId, kind: 'members' });
    await ledger.call('job.cancel', { jobId });
    const state = await waitJob(ledger, jobId);
    expect(state.state).toBe('cancelled');
    expect(count('member')).toBe(1);
  });
});
