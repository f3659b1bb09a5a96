import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src-main/core/api/contract';
import { usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { commit, preview, previewRoster, tableRows, upload, type PreviewInput, type SheetCell } from '../helpers/import';

// Organisation lists and 团体会员 lists against a ledger that already has some of them: nothing
// the ledger holds is added twice under another form of its name or code, a sheet's 状态 and
// township codes are read, unit names keep their own dots and spaces, and codes Excel turned
// into numbers are refused as lost. Today is 2026-06-15 (createTestLedger's clock).

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(() => ledger.db.close());

const previewOf = (headers: string[], sheetRows: SheetCell[][], options: PreviewInput) => previewRoster(ledger, headers, sheetRows, options);

async function previewCsv(text: string, options: PreviewInput): Promise<{ jobId: string; preview: ImportPreview }> {
  return preview(ledger, await upload(ledger, `${options.kind}.csv`, Buffer.from(`\ufeff${text}`, 'utf8')), options);
}

const rows = (sql: string, ...params: unknown[]) => tableRows(ledger, sql, ...params);

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

/** The QA ledger: 留下街道 (东岳社区, 杨家牌楼村), 三墩镇 (东岳社区), 文新小学 at the top level. */
async function westLake() {
  const liuxia = (await ledger.call('org.add', { name: '留下街道红十字会', type: '街道' })).id;
  const dongyue = (await ledger.call('org.add', { name: '留下街道东岳社区红十字会', type: '社区', parentId: liuxia })).id;
  const yangjia = (await ledger.call('org.add', { name: '留下街道杨家牌楼村红十字会', type: '村', parentId: liuxia })).id;
  const sandun = (await ledger.call('org.add', { name: '三墩镇红十字会', type: '乡镇' })).id;
  const sandunDongyue = (await ledger.call('org.add', { name: '三墩镇东岳社区红十字会', type: '社区', parentId: sandun })).id;
  const school = (await ledger.call('org.add', { name: '杭州市西湖区文新小学红十字会', type: '中小学' })).id;
  return { liuxia, dongyue, yangjia, sandun, sandunDongyue, school };
}

const orgCount = () => rows('SELECT count(*) AS n FROM organization')[0]!.n;

describe('基层组织 import against the organisations the ledger has', () => {
  it('is the ledger organisation when its parent has it under a short name, 红会 or 村委会 form, and compares it', async () => {
    const o = await westLake();
    const headers = ['组织名称', '上级组织', '负责人'];
    const sheet: SheetCell[][] = [
      ['东岳社区', '留下街道', '李四'], // row 2: 留下街道东岳社区红十字会, township prefix left out
      ['杨家牌楼村红十字会', '留下街道红十字会', null], // row 3
      ['杨家牌楼村村委会', '留下街道', null], // row 4: the same village again, as its committee
      ['东岳社区红会', '三墩镇', null], // row 5: 三墩镇东岳社区红十字会
      ['东岳社区', '西溪镇', null], // row 6: a parent the ledger lacks
    ];
    const kept = await previewOf(headers, sheet, { kind: 'orgs' });
    expect(counts(kept.preview)).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 3 });
    expect(reasons(kept.preview, 'rejected')).toEqual([
      [2, '组织名称', '“留下街道红十字会”下已有组织“留下街道东岳社区红十字会”，表中的负责人与台账不同；按导入时的选择（保留台账中的），没有修改。'],
      [4, '组织名称', '与第 3 行是同一组织（同一上级下名称相同），只导入第一行。'],
      [6, '上级组织', '台账和表中前面的行都没有名为“西溪镇”的组织。请先导入上级组织（放在前面的行），或在预览中对应到已有组织。'],
    ]);
    const { jobId, preview: p } = await previewOf(headers, sheet.slice(0, 2), { kind: 'orgs', onDuplicate: 'update' });
    expect(counts(p)).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    await commit(ledger, jobId);
    expect(orgCount()).toBe(6);
    expect(rows('SELECT name, leader_name FROM organization WHERE id IN (?, ?) ORDER BY id', o.dongyue, o.yangjia)).toEqual([
      { name: '留下街道东岳社区红十字会', leader_name: '李四' },
      { name: '留下街道杨家牌楼村红十字会', leader_name: null },
    ]);
  });

  it('refuses a name the ledger has under another parent, or one close to it, naming the organisation', async () => {
    await westLake();
    const { jobId, preview: p } = await previewOf(
      ['组织名称', '上级组织', '负责人'],
      [
        ['三墩镇东岳社区红十字会', '留下街道', '周八'], // row 2: exists under 三墩镇
        ['留下街道杨家牌楼村红十字会', null, '吴九'], // row 3: exists under 留下街道, parent left blank
        ['杨家牌楼村', null, null], // row 4: close: 留下街道's village without its township
        ['西湖区文新小学', '三墩镇', null], // row 5: a township's school is compared with the township in front: new
        ['西溪镇红十字会', null, null], // row 6: new township
        ['东岳社区', '西溪镇红十字会', null], // row 7: a new 东岳社区 of the new township is not 三墩镇's or 留下街道's
        ['小和山社区', '留下街道', null], // row 8: new
      ],
      { kind: 'orgs' },
    );
    expect(reasons(p, 'rejected')).toEqual([
      [2, '组织名称', '台账中已有“三墩镇东岳社区红十字会”（上级：三墩镇红十字会），与表中的上级不同；为免重复没有导入。如是同一组织，请改正上级组织；如需调整上级，请在“组织”中移动。'],
      [3, '组织名称', '台账中已有“留下街道杨家牌楼村红十字会”（上级：留下街道红十字会），表中没有填写上级组织（即县红十字会直属）；为免重复没有导入。如是同一组织，请改正上级组织；如需调整上级，请在“组织”中移动。'],
      [4, '组织名称', '“杨家牌楼村”与台账中的“留下街道杨家牌楼村红十字会”（上级：留下街道红十字会）相近，可能是同一组织；为免重复没有导入。如是同一组织，请按台账中的名称和上级填写；如确是另一组织，请在“组织”中添加。'],
    ]);
    expect(counts(p)).toEqual({ inserted: 4, updated: 0, unchanged: 0, rejected: 3 });
    await commit(ledger, jobId);
    expect(rows("SELECT o.name, p.name AS parent FROM organization o LEFT JOIN organization p ON p.id = o.parent_id WHERE o.name LIKE '%东岳%' OR o.name LIKE '%杨家%' OR o.name LIKE '%文新%' ORDER BY o.id")).toEqual([
      { name: '留下街道东岳社区红十字会', parent: '留下街道红十字会' },
      { name: '留下街道杨家牌楼村红十字会', parent: '留下街道红十字会' },
      { name: '三墩镇东岳社区红十字会', parent: '三墩镇红十字会' },
      { name: '杭州市西湖区文新小学红十字会', parent: null },
      { name: '西湖区文新小学', parent: '三墩镇红十字会' },
      { name: '东岳社区', parent: '西溪镇红十字会' },
    ]);
  });

  it('reads 状态: 筹建 and 已成立 are stored, 已撤销 creates nothing, and a retired organisation listed as retired is unchanged', async () => {
    const o = await westLake();
    await ledger.call('org.retire', { id: o.school, retiredOn: '2025-01-01' });
    const { jobId, preview: p } = await previewOf(
      ['组织名称', '上级组织', '状态（筹建/已成立）'],
      [
        ['双浦镇红十字会', null, '筹建'], // row 2
        ['转塘街道红十字会', null, '已成立'], // row 3
        ['古荡街道红十字会', null, '已撤销'], // row 4: refused
        ['杭州市西湖区文新小学红十字会', null, '已撤销'], // row 5: retired in the ledger too
        ['三墩镇红十字会', null, '撤销'], // row 6: active in the ledger: the import does not retire it
        ['杭州市西湖区文新小学红十字会', '县红十字会直属', '已成立'], // row 7: duplicate of row 5
        ['蒋村街道红十字会', null, '待定'], // row 8
        ['留下街道东岳社区红十字会', '留下街道', '筹建'], // row 9: active → preparing is a change
      ],
      { kind: 'orgs', onDuplicate: 'update' },
    );
    expect(reasons(p, 'rejected')).toEqual([
      [4, '状态', '表中状态为“已撤销”：导入不新建已撤销的组织。如需登记，请按“已成立”导入后在“组织”中办理撤销。'],
      [6, '状态', '表中状态为“已撤销”，台账中的“三墩镇红十字会”为“已成立”：导入不撤销组织，请在“组织”中办理撤销。'],
      [7, '组织名称', '与第 5 行是同一组织（同一上级下名称相同），只导入第一行。'],
      [8, '状态', '“待定”不是组织状态，请填写“筹建”或“已成立”（留空为已成立）。'],
    ]);
    expect(counts(p)).toEqual({ inserted: 2, updated: 1, unchanged: 1, rejected: 4 });
    await commit(ledger, jobId);
    expect(rows("SELECT name, status FROM organization WHERE name IN ('双浦镇红十字会', '转塘街道红十字会', '古荡街道红十字会', '杭州市西湖区文新小学红十字会', '三墩镇红十字会', '留下街道东岳社区红十字会') ORDER BY id")).toEqual([
      { name: '留下街道东岳社区红十字会', status: 'preparing' },
      { name: '三墩镇红十字会', status: 'active' },
      { name: '杭州市西湖区文新小学红十字会', status: 'retired' },
      { name: '双浦镇红十字会', status: 'preparing' },
      { name: '转塘街道红十字会', status: 'active' },
    ]);
  });

  it('takes the county society named as the parent for the top level, and pads the 9-digit code of a township', async () => {
    await westLake();
    const { jobId, preview: p } = await previewOf(
      ['组织名称', '上级组织', '区划代码'],
      [
        ['转塘街道红十字会', '杭州市西湖区红十字会', '330106012'], // row 2
        ['蒋村街道红十字会', '西湖区红会', null], // row 3
        ['灵隐街道红十字会', '县红十字会直属', null], // row 4
        ['西溪街道红十字会', null, '330107012'], // row 5: another county's township
        ['北山街道红十字会', null, '3301060'], // row 6
      ],
      { kind: 'orgs' },
    );
    expect(reasons(p, 'rejected')).toEqual([
      [5, '行政区划代码', '统计用区划代码 330107012000 应以本县代码 330106 开头。'],
      [6, '行政区划代码', '“3301060”不是 12 位数字的统计用区划代码。'],
    ]);
    expect(reasons(p, 'warnings')).toEqual([[2, '行政区划代码', '“330106012”是 9 位乡镇（街道）代码，已补足为 12 位统计用区划代码 330106012000。']]);
    expect(counts(p)).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 2 });
    await commit(ledger, jobId);
    expect(rows("SELECT name, parent_id, division_code FROM organization WHERE name IN ('转塘街道红十字会', '蒋村街道红十字会', '灵隐街道红十字会') ORDER BY id")).toEqual([
      { name: '转塘街道红十字会', parent_id: null, division_code: '330106012000' },
      { name: '蒋村街道红十字会', parent_id: null, division_code: null },
      { name: '灵隐街道红十字会', parent_id: null, division_code: null },
    ]);
  });
});
