import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ImportPreview } from '../../src-main/core/api/contract';
import { usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { commit, preview, rosterXlsx, upload, type SheetCell } from '../helpers/import';

// Organisation lists and 团体会员 lists against a ledger that already has some of them: nothing
// the ledger holds is added twice under another form of its name or code, a sheet's 状态 and
// township codes are read, unit names keep their own dots and spaces, and codes Excel turned
// into numbers are refused as lost. Today is 2026-06-15 (createTestLedger's clock).

type Options = Omit<ApiInput<'import.preview'>, 'uploadId'>;

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(() => ledger.db.close());

async function previewOf(headers: string[], rows: SheetCell[][], options: Options): Promise<{ jobId: string; preview: ImportPreview }> {
  return preview(ledger, await upload(ledger, `${options.kind}.xlsx`, await rosterXlsx(headers, rows)), options);
}

async function previewCsv(text: string, options: Options): Promise<{ jobId: string; preview: ImportPreview }> {
  return preview(ledger, await upload(ledger, `${options.kind}.csv`, Buffer.from(`\ufeff${text}`, 'utf8')), options);
}

function rows(sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return ledger.db.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
}

const reasons = (p: ImportPreview, kind: 'rejected' | 'warnings') => p[kind].map((r) => [r.row, r.field, r.reason]);
const counts = (p: ImportPreview) => ({ inserted: p.counts.inserted, updated: p.counts.updated, unchanged: p.counts.unchanged, rejected: p.counts.rejected });

const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;

describe('团体会员 import', () => {
  const groupHeaders = ['单位名称', '统一社会信用代码', '联系人', '入会时间'];

  it('finds a unit entered without a code by its name when the sheet now gives the code, and adds the code', async () => {
    const first = await previewOf(groupHeaders, [['没有代码的小店', null, '赵六', '2023-01-01']], { kind: 'group-members' });
    await commit(ledger, first.jobId);
    const code = uscc('92330106MA2J12345');
    const other = uscc('92330106MA2J12346');
    await ledger.call('group.add', { unitName: '同名的另一家店', uscc: other, joinedOn: '2023-01-01' });
    const { jobId, preview: p } = await previewOf(
      groupHeaders,
      [
        ['没有代码的小店', code, '赵六', '2023-01-01'], // row 2: the same shop, now with its code
        ['同名的另一家店', uscc('92330106MA2J12347'), null, '2023-01-01'], // row 3: same name, another code: another unit
      ],
      { kind: 'group-members', onDuplicate: 'update' },
    );
    expect(counts(p)).toEqual({ inserted: 1, updated: 1, unchanged: 0, rejected: 0 });
    expect(p.duplicates.map((d) => [d.row, d.where])).toEqual([[2, 'ledger']]);
    await commit(ledger, jobId);
    expect(rows('SELECT unit_name, uscc, contact_name FROM group_member ORDER BY id')).toEqual([
      { unit_name: '没有代码的小店', uscc: code, contact_name: '赵六' },
      { unit_name: '同名的另一家店', uscc: other, contact_name: null },
      { unit_name: '同名的另一家店', uscc: uscc('92330106MA2J12347'), contact_name: null },
    ]);
  });

  it('keeps a unit found by name unchanged under --on-duplicate keep, naming the code it would add', async () => {
    await commit(ledger, (await previewOf(groupHeaders, [['没有代码的小店', null, null, '2023-01-01']], { kind: 'group-members' })).jobId);
    const { preview: p } = await previewOf(groupHeaders, [['没有代码的小店', uscc('92330106MA2J12345'), null, '2023-01-01']], { kind: 'group-members', onDuplicate: 'keep' });
    expect(counts(p)).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(reasons(p, 'rejected')).toEqual([[2, '统一社会信用代码', '“没有代码的小店”已登记为台账中的团体会员，表中的统一社会信用代码与台账不同；按导入时的选择（保留台账中的），没有修改。']]);
  });

  it('refuses a 统一社会信用代码 Excel stored as a number as unrecoverable, in a number cell and as CSV text', async () => {
    const lost = '统一社会信用代码在 Excel 中被存成了数字，末几位已丢失（显示为 9.13301E+17），无法恢复。请把该列设为“文本”后重新填写正确代码。';
    const { preview: p } = await previewOf(
      groupHeaders,
      [
        ['杭州数字化有限公司', 913301067252819000, null, '2022-01-01'], // row 2: number cell
        ['杭州数字化二公司', '913301067252818000', null, '2022-01-01'], // row 3: a number's digits as text (CSV), check fails (A)
        ['杭州数字化三公司', uscc('12330106470000123'), null, '2022-01-01'], // row 4: an all-digit code typed as text is fine
      ],
      { kind: 'group-members' },
    );
    expect(reasons(p, 'rejected')).toEqual([
      [2, '统一社会信用代码', lost],
      [3, '统一社会信用代码', lost],
    ]);
    expect(p.counts.inserted).toBe(1);
    const csv = await previewCsv('单位名称,统一社会信用代码,入会时间\r\n杭州数字化有限公司,9.13301E+17,2022-01-01\r\n', { kind: 'group-members' });
    expect(reasons(csv.preview, 'rejected')).toEqual([[2, '统一社会信用代码', lost]]);
  });

  it('keeps the dots and Latin word spaces of unit names, the same in the import and in group.add, update and search', async () => {
    const { jobId, preview: p } = await previewOf(
      groupHeaders,
      [
        ['杭州3.0信息技术有限公司', uscc('91330106MA2L00001'), null, '2022-01-01'],
        ['  Hangzhou   ABC Co., Ltd. ', uscc('91330106MA2L00002'), null, '2022-01-01'],
        ['西湖区J.K.罗琳读书会', uscc('51330106MA2L00003'), null, '2022-01-01'],
        ['杭州 西湖　茶社', uscc('91330106MA2L00004'), null, '2022-01-01'],
      ],
      { kind: 'group-members' },
    );
    expect(counts(p)).toEqual({ inserted: 4, updated: 0, unchanged: 0, rejected: 0 });
    await commit(ledger, jobId);
    expect(rows('SELECT unit_name FROM group_member ORDER BY id').map((r) => r.unit_name)).toEqual(['杭州3.0信息技术有限公司', 'Hangzhou ABC Co., Ltd.', '西湖区J.K.罗琳读书会', '杭州西湖茶社']);
    const added = await ledger.call('group.add', { unitName: ' 西湖区 A.B.C 书店 ', uscc: uscc('91330106MA2L00005'), joinedOn: '2022-01-01' });
    expect(added.unitName).toBe('西湖区 A.B.C 书店');
    const updated = await ledger.call('group.update', { id: added.id, changes: { unitName: 'Westlake  Books Co., Ltd.' } });
    expect(updated.unitName).toBe('Westlake Books Co., Ltd.');
    const found = async (search: string) => (await ledger.call('group.list', { search, limit: 50 })).rows.map((g) => g.unitName);
    expect(await found('3.0信息')).toEqual(['杭州3.0信息技术有限公司']);
    expect(await found('Hangzhou  ABC')).toEqual(['Hangzhou ABC Co., Ltd.']);
    expect(await found('J.K.罗琳')).toEqual(['西湖区J.K.罗琳读书会']);
    expect(await found('MA2L 00002')).toEqual(['Hangzhou ABC Co., Ltd.']);
    // The import finds by name what group.add stored: the same unit, not a second one.
    const again = await previewOf(['单位名称', '入会时间'], [['Westlake Books  Co., Ltd.', '2022-01-01']], { kind: 'group-members' });
    expect(counts(again.preview)).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
  });

  it('reads 入会年月, 入会日期 and 加入日期 as the join date of a unit', async () => {
    for (const header of ['入会年月', '入会日期', '加入日期']) {
      const { preview: p } = await previewOf(['单位', '信用代码', header], [['杭州新单位有限公司', uscc('91330106MA2K00001'), '2021.6']], { kind: 'group-members' });
      expect(p.columns.find((c) => c.header === header)?.field, header).toBe('joinedOn');
      expect(counts(p), header).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
    }
  });
});
