import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src-main/core/api/contract';
import { orgCodeCheckChar, usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { download, id18 } from '../helpers/export-fixture';
import { commit, exportFile, importIntoNewLedger, preview, previewFile, previewRoster, rosterXlsx, tableRows, upload, waitJob, type PreviewInput, type SheetCell } from '../helpers/import';

// How rows find their organisations, teams, units and people when the sheet's names and codes
// are not the ledger's: no duplicate organisation, team or unit is made of a near name, a row
// joins its own organisation's team, nothing the sheet says about a known person is dropped.
// Today is 2026-06-15 (createTestLedger's clock).

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(() => ledger.db.close());


const previewOf = (headers: string[], sheetRows: SheetCell[][], options: PreviewInput) => previewRoster(ledger, headers, sheetRows, options);

const rows = (sql: string, ...params: unknown[]) => tableRows(ledger, sql, ...params);

const reasons = (p: ImportPreview, kind: 'rejected' | 'warnings') => p[kind].map((r) => [r.row, r.reason]);

/** 城关镇 (象山社区, 东村, 中心小学, 和睦社区) and 南山街道 (和睦社区). */
async function townships() {
  const town = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
  const xiangshan = (await ledger.call('org.add', { name: '城关镇象山社区红十字会', type: '社区', parentId: town })).id;
  const east = (await ledger.call('org.add', { name: '城关镇东村红十字会', type: '村', parentId: town })).id;
  const school = (await ledger.call('org.add', { name: '城关镇中心小学红十字会', type: '中小学', parentId: town })).id;
  const hemu = (await ledger.call('org.add', { name: '城关镇和睦社区红十字会', type: '社区', parentId: town })).id;
  const nanshan = (await ledger.call('org.add', { name: '南山街道红十字会', type: '街道' })).id;
  const nanshanHemu = (await ledger.call('org.add', { name: '南山街道和睦社区红十字会', type: '社区', parentId: nanshan })).id;
  return { town, xiangshan, east, school, hemu, nanshan, nanshanHemu };
}

const memberHeaders = ['姓名', '身份证号码', '手机号码', '所属基层组织', '入会时间'];

describe('creating organisations under --create-orgs-under', () => {
  it('creates only names unlike any organisation in the ledger, and names the likely one for the rest', async () => {
    const orgs = await townships();
    const people = ['33010619900102121', '33010619900102122', '33010619900102123', '33010619900102124', '33010619900102125', '33010619900102126'].map(id18);
    const { jobId, preview: p } = await previewOf(
      memberHeaders,
      [
        ['甲', people[0]!, null, '东村村委会', '2020-01-01'], // the committee of 东村
        ['乙', people[1]!, null, '中心小学红会', '2020-01-01'], // 红会 for 红十字会
        ['丙', people[2]!, null, '城关镇象山社区红十字会', '2020-01-01'], // exact, outside the scope
        ['丁', people[3]!, null, '南山和睦社区', '2020-01-01'], // abbreviation of 南山街道和睦社区
        ['戊', people[4]!, null, '西山村', '2020-01-01'], // new
        ['己', people[5]!, null, '西山村', '2020-01-01'],
      ],
      { kind: 'members', scopeOrgId: orgs.nanshan, createOrgsUnder: orgs.nanshan },
    );
    expect(p.willCreate.orgs).toEqual(['西山村红十字会']);
    expect(p.rejected.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(p.rejected.find((r) => r.row === 2)?.reason).toContain('城关镇东村红十字会');
    expect(p.rejected.find((r) => r.row === 3)?.reason).toContain('城关镇中心小学红十字会');
    expect(p.rejected.find((r) => r.row === 4)?.reason).toMatch(/已有“城关镇象山社区红十字会”（不在所选/);
    expect(p.rejected.find((r) => r.row === 5)?.reason).toContain('南山街道和睦社区红十字会');
    expect(p.unmatchedOrgs.map((u) => u.name)).toEqual(['东村村委会', '中心小学红会', '城关镇象山社区红十字会', '南山和睦社区']);
    await commit(ledger, jobId);
    expect(rows('SELECT name FROM organization WHERE parent_id = ? ORDER BY id', orgs.nanshan)).toEqual([{ name: '南山街道和睦社区红十字会' }, { name: '西山村红十字会' }]);
  });

  it('still creates a near name the clerk chose to create, and writes 红会 out as 红十字会', async () => {
    const orgs = await townships();
    const { jobId } = await previewOf(memberHeaders, [['甲', id18('33010619900102121'), null, '南山和睦社区红会', '2020-01-01']], {
      kind: 'members',
      orgChoices: { 南山和睦社区红会: { action: 'create', parentId: orgs.nanshan } },
    });
    await commit(ledger, jobId);
    expect(rows('SELECT name FROM organization WHERE parent_id = ? ORDER BY id', orgs.nanshan).map((r) => r.name)).toEqual(['南山街道和睦社区红十字会', '南山和睦社区红十字会']);
  });

  it('refuses a parent that is retired or missing before reading any row, the same in a dry run', async () => {
    const orgs = await townships();
    await ledger.call('org.retire', { id: orgs.school, retiredOn: '2026-01-01', reason: '撤并' });
    const bytes = await rosterXlsx(memberHeaders, [['甲', id18('33010619900102121'), null, '新村', '2020-01-01']]);
    for (const createOrgsUnder of [orgs.school, 999]) {
      const { jobId } = await ledger.call('import.preview', { uploadId: await upload(ledger, 'm.xlsx', bytes), kind: 'members', createOrgsUnder });
      const state = await waitJob(ledger, jobId);
      expect(state.state).toBe('failed');
      expect(state.error?.message).toMatch(createOrgsUnder === 999 ? /编号 999）不存在/ : /已撤销，不能在其下新建组织/);
    }
    expect(rows('SELECT count(*) AS n FROM organization')).toEqual([{ n: 7 }]);
  });
});

describe('the organisation list', () => {
  it('matches a name without 红十字会, a committee name and a parent without its township prefix to the ledger', async () => {
    const orgs = await townships();
    const { jobId, preview: p } = await previewOf(
      ['组织名称', '上级组织', '组织类型'],
      [
        ['城关镇东村', '城关镇', null],
        ['西村红十字会', '城关镇', '村'],
        ['西村', '城关镇', '村'],
        ['北村', '东村', '村'],
      ],
      { kind: 'orgs', onDuplicate: 'keep' },
    );
    expect(p.counts).toMatchObject({ inserted: 2, unchanged: 1 });
    expect(p.rejected.map((r) => [r.row, r.reason])).toEqual([[4, expect.stringContaining('与第 3 行是同一组织')]]);
    await commit(ledger, jobId);
    expect(rows('SELECT name FROM organization WHERE parent_id = ? ORDER BY id', orgs.town).map((r) => r.name)).toContain('西村红十字会');
    expect(rows('SELECT count(*) AS n FROM organization WHERE name LIKE ?', '%东村%')).toEqual([{ n: 1 }]);
    expect(rows('SELECT parent_id FROM organization WHERE name = ?', '北村')).toEqual([{ parent_id: orgs.east }]);
  });
});

describe('members', () => {
  it('passes the year-and-month-only join date on as a warning, with the 2020.10 caveat', async () => {
    await townships();
    const { preview: p } = await previewOf(
      memberHeaders,
      [
        ['甲', id18('33010619900102121'), null, '象山社区', '2020.3'],
        ['乙', id18('33010619900102122'), null, '象山社区', 2020.1],
      ],
      { kind: 'members' },
    );
    expect(reasons(p, 'warnings')).toEqual([
      [2, '“2020.3”只填了年月，按 2020 年 3 月 1 日记录'],
      [3, '“2020.1”只填了年月，按 2020 年 1 月 1 日记录'],
      [3, 'Excel 把“2020.10”也存成 2020.1，如原表是 10 月请改正'],
    ]);
  });

  it('imports a valid row after a rejected row of the same person, and says a later duplicate follows the first', async () => {
    await townships();
    const same = id18('33010619900102121');
    const { preview: p } = await previewOf(
      memberHeaders,
      [
        ['甲', same, null, '象山社区', '2030-01-01'],
        ['甲', same, null, '象山社区', '2020-01-01'],
        ['甲', same, null, '象山社区', '2021-01-01'],
      ],
      { kind: 'members' },
    );
    expect(p.counts.inserted).toBe(1);
    expect(reasons(p, 'rejected')).toEqual([
      [2, '入会时间 2030-01-01 晚于今天。'],
      [4, '与第 3 行是同一个人（身份证号码相同），同一人只按第一行处理。'],
    ]);
  });

  it('warns that a new number ending in 000 may have been rounded by Excel, but not for one the ledger holds', async () => {
    const orgs = await townships();
    // 330106198503151000 happens to pass the check.
    await ledger.call('member.add', { orgId: orgs.east, name: '甲', idNumber: '330106198503151000', joinedOn: '2020-01-01' });
    const { preview: p } = await previewOf(
      memberHeaders,
      [
        ['甲', '330106198503151000', null, '东村', '2020-01-01'],
        ['乙', '330106198601181000', null, '东村', '2020-01-01'],
      ],
      { kind: 'members' },
    );
    expect(reasons(p, 'warnings')).toEqual([[3, '身份证号码 330106********1000 以 000 结尾，可能曾在 Excel 中被当成数字而丢失了末几位，请核对原件。']]);
  });

  it('leaves a member already in the ledger in their organisation when the row names none and no default is chosen', async () => {
    const orgs = await townships();
    const id = id18('33010619900102121');
    await ledger.call('member.add', { orgId: orgs.east, name: '甲', idNumber: id, joinedOn: '2020-01-01' });
    const { preview: p } = await previewOf(memberHeaders, [['甲', id, null, null, '2020-01-01'], ['乙', id18('33010619900102122'), null, null, '2020-01-01']], { kind: 'members' });
    expect(p.counts).toMatchObject({ unchanged: 1, inserted: 0 });
    expect(reasons(p, 'rejected')).toEqual([[3, '没有填写所属基层组织，导入时也没有选择默认组织。']]);
  });

  /** A volunteer without a phone, then a member sheet giving them one. */
  async function phoneFromMemberSheet() {
    const orgs = await townships();
    const id = id18('33010619900102121');
    const volunteer = await ledger.call('volunteer.add', { name: '志愿甲', idNumber: id, orgId: orgs.east, registeredOn: '2020-01-01' });
    const { jobId } = await previewOf(memberHeaders, [['志愿甲', id, '13911112222', '东村', '2021-01-01']], { kind: 'members' });
    return { id, volunteer, result: await commit(ledger, jobId) };
  }

  it('keeps the phone the sheet gives a person the ledger knows only as a volunteer, and undo puts it back', async () => {
    const { id, volunteer, result } = await phoneFromMemberSheet();
    expect(rows('SELECT phone FROM person WHERE id_number = ?', id)).toEqual([{ phone: '13911112222' }]);
    const member = (await ledger.call('member.list', { search: '志愿甲' })).rows[0]!;
    expect((await ledger.call('member.history', { id: member.id })).map((h) => [h.field, h.newValue])).toContainEqual(['phone', '139****2222']);
    await ledger.call('import.undo', { importId: result.importId });
    expect(rows('SELECT phone FROM person WHERE id_number = ?', id)).toEqual([{ phone: null }]);
    expect((await ledger.call('volunteer.get', { id: volunteer.id })).name).toBe('志愿甲');
  });

  it('does not undo an import over a phone the clerk changed since on the other role’s page', async () => {
    const { id, volunteer, result } = await phoneFromMemberSheet();
    ledger.setNow('2026-06-15T03:00:00Z');
    await ledger.call('volunteer.update', { id: volunteer.id, changes: { phone: '13700001111' } });
    const history = await ledger.call('import.history');
    expect(history.find((h) => h.id === result.importId)?.undoBlockedBy).toMatch(/修改过的人员“志愿甲”之后又被修改过/);
    expect((await ledger.raw('import.undo', { importId: result.importId })).ok).toBe(false);
    expect(rows('SELECT phone FROM person WHERE id_number = ?', id)).toEqual([{ phone: '13700001111' }]);
  });
});

describe('volunteers and their teams', () => {
  const headers = ['姓名', '身份证号码', '手机号码', '所属基层组织', '注册时间', '所属服务队'];

  it("joins a row's own organisation's team before one this import creates, and the member keeps the sheet's phone", async () => {
    const orgs = await townships();
    const own = await ledger.call('team.add', { name: '博爱队', orgId: orgs.xiangshan, foundedOn: '2015-01-01' });
    await ledger.call('team.add', { name: '博爱队', orgId: orgs.hemu, foundedOn: '2015-01-01' });
    const memberId = id18('33010619900102123');
    await ledger.call('member.add', { orgId: orgs.east, name: '丙', idNumber: memberId, joinedOn: '2020-01-01' });
    const { jobId, preview: p } = await previewOf(
      headers,
      [
        ['甲', id18('33010619900102121'), null, '东村', '2021-05-01', '博爱队'],
        ['乙', id18('33010619900102122'), null, '象山社区', '2021-05-01', '博爱队'],
        ['丙', memberId, '13900001111', '东村', '2020-02-01', '博爱队'],
      ],
      { kind: 'volunteers', createTeams: true },
    );
    expect(p.willCreate.teams).toEqual(['博爱队']);
    await commit(ledger, jobId);
    const teamOf = (name: string) => rows('SELECT t.id, t.organization_id, t.founded_on FROM team_membership m JOIN volunteer v ON v.id = m.volunteer_id JOIN person p ON p.id = v.person_id JOIN volunteer_team t ON t.id = m.team_id WHERE p.name = ?', name)[0];
    expect(teamOf('乙')?.id).toBe(own.id);
    // Created once, under the first row's organisation, founded by its earliest registration.
    expect(teamOf('甲')).toEqual({ id: teamOf('丙')?.id, organization_id: orgs.east, founded_on: '2020-02-01' });
    expect(rows('SELECT phone FROM person WHERE id_number = ?', memberId)).toEqual([{ phone: '13900001111' }]);
  });

  it("says so when a row joins another organisation's team by its name, and when a shared name cannot be told apart", async () => {
    const orgs = await townships();
    await ledger.call('team.add', { name: '应急救护队', orgId: orgs.xiangshan, foundedOn: '2015-01-01' });
    await ledger.call('team.add', { name: '博爱队', orgId: orgs.xiangshan, foundedOn: '2015-01-01' });
    await ledger.call('team.add', { name: '博爱队', orgId: orgs.hemu, foundedOn: '2015-01-01' });
    const { preview: p } = await previewOf(
      headers,
      [
        ['甲', id18('33010619900102121'), null, '东村', '2021-05-01', '应急救护队'],
        ['乙', id18('33010619900102122'), null, '东村', '2021-05-01', '博爱队'],
      ],
      { kind: 'volunteers' },
    );
    expect(p.counts.inserted).toBe(2);
    expect(reasons(p, 'warnings')).toEqual([
      [2, '服务队“应急救护队”属于“城关镇象山社区红十字会”，不是本行所属的组织；已按队名加入该队，如不对请导入后在“服务队”中调整。'],
      [3, expect.stringContaining('台账中有 2 个服务队叫“博爱队”')],
    ]);
  });
});

describe('volunteers’ cumulative hours', () => {
  it('says a registration after the sheet’s own date is the problem, not a negative number of days', async () => {
    await townships();
    const { preview: p } = await previewOf(
      ['姓名', '身份证号码', '所属基层组织', '注册时间', '累计服务时长'],
      [
        ['甲', id18('33010619900102121'), '东村', '2026-03-01', 10],
        ['乙', id18('33010619900102122'), '东村', '2025-03-01', 0],
        ['填表日期：2026年1月1日', null, null, null, null],
      ],
      { kind: 'volunteers' },
    );
    expect(reasons(p, 'rejected')).toEqual([[2, '注册时间 2026-03-01 晚于填表日期 2026-01-01，无法核对累计服务时长；请核对注册时间或表上的填表日期。']]);
    expect(p.counts.inserted).toBe(1);
  });
});

describe('service hours', () => {
  it("takes the volunteer's own organisation's team among teams sharing a name, and a dissolved team's hours from before it was dissolved", async () => {
    const orgs = await townships();
    const mine = await ledger.call('team.add', { name: '应急救护队', orgId: orgs.east, foundedOn: '2015-01-01' });
    await ledger.call('team.add', { name: '应急救护队', orgId: orgs.xiangshan, foundedOn: '2015-01-01' });
    const old = await ledger.call('team.add', { name: '老年服务队', orgId: orgs.east, foundedOn: '2015-01-01' });
    await ledger.call('team.dissolve', { id: old.id, dissolvedOn: '2025-01-01' });
    const id = id18('33010619900102121');
    await ledger.call('volunteer.add', { name: '甲', idNumber: id, orgId: orgs.east, registeredOn: '2020-01-01' });
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '服务日期', '活动名称', '服务时长（小时）', '所属服务队'],
      [
        ['甲', id, '2024-05-01', '敬老', 2, '老年服务队'],
        ['甲', id, '2025-03-01', '敬老', 2, '老年服务队'],
        ['甲', id, '2024-06-01', '培训', 3, '应急救护队'],
      ],
      { kind: 'hours' },
    );
    expect(p.counts.inserted).toBe(2);
    expect(reasons(p, 'rejected')).toEqual([[3, '服务日期 2025-03-01 不早于“老年服务队”的解散日期 2025-01-01。']]);
    await commit(ledger, jobId);
    expect(rows('SELECT team_id, title FROM service_record ORDER BY held_on')).toEqual([
      { team_id: old.id, title: '敬老' },
      { team_id: mine.id, title: '培训' },
    ]);
  });
});

describe('service hours on records that share date, name and team', () => {
  it('matches each row to the session that holds those hours, in any order, and a dissolved team only when no active one has the name', async () => {
    const orgs = await townships();
    const team = await ledger.call('team.add', { name: '应急救护队', orgId: orgs.xiangshan, foundedOn: '2015-01-01' });
    const gone = await ledger.call('team.add', { name: '应急救护队', orgId: orgs.hemu, foundedOn: '2015-01-01' });
    await ledger.call('team.dissolve', { id: gone.id, dissolvedOn: '2025-01-01' });
    const id = id18('33010619900102121');
    const v = await ledger.call('volunteer.add', { name: '甲', idNumber: id, orgId: orgs.east, registeredOn: '2020-01-01' });
    for (const hours of [2, 3]) await ledger.call('service.add', { heldOn: '2025-03-01', teamId: team.id, category: '关爱生命安全', title: '急救培训', entries: [{ volunteerId: v.id, hours }] });
    const { preview: p } = await previewOf(
      ['姓名', '身份证号码', '服务日期', '活动名称', '服务时长（小时）', '所属服务队'],
      [
        ['甲', id, '2025-03-01', '急救培训', 3, '应急救护队'],
        ['甲', id, '2025-03-01', '急救培训', 2, '应急救护队'],
      ],
      { kind: 'hours', onDuplicate: 'update' },
    );
    expect(p.rejected).toEqual([]);
    expect(p.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });
});

describe('hours after a roster with 累计服务时长', () => {
  it('takes hours dated within the imported cumulative figure out of it, says so once, and says when they exceed it', async () => {
    await townships();
    const id = id18('33010619900102121');
    await commit(
      ledger,
      (await previewOf(['姓名', '身份证号码', '所属基层组织', '注册时间', '累计服务时长', '备注'], [['甲', id, '东村', '2024-01-01', 30, null], ['填表日期：2026年5月31日', null, null, null, null, null]], { kind: 'volunteers' })).jobId,
    );
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '服务日期', '活动名称', '服务时长（小时）'],
      [
        ['甲', id, '2025-05-01', '敬老', 2],
        ['甲', id, '2025-06-01', '敬老', 20],
        ['甲', id, '2025-07-01', '敬老', 10],
        ['甲', id, '2025-08-01', '敬老', 1],
        ['甲', id, '2026-06-10', '敬老', 2],
      ],
      { kind: 'hours' },
    );
    expect(p.counts.inserted).toBe(5);
    expect(reasons(p, 'warnings')).toEqual([
      [2, '甲在台账中有导入的累计服务时长 30 小时（截至 2026-05-31），其中已含这一天及之前的服务：这些行的时长从累计中扣出，逐次登记，总时长不变。'],
      [4, '甲截至 2026-05-31 的服务已超过导入的累计服务时长 30 小时，从本行起多出的时长（本行 2 小时）计入总时长；请核对当初名册上的累计服务时长。'],
    ]);
    await commit(ledger, jobId);
    // 30 hours of the roster, now dated, plus the 3 beyond it (said once) and the 2 after its date.
    expect(rows("SELECT count(*) AS left FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE r.title = '导入前累计服务时长'")).toEqual([{ left: 0 }]);
    expect(rows('SELECT sum(minutes) AS minutes FROM service_hours')).toEqual([{ minutes: 35 * 60 }]);
  });
});

describe('group members', () => {
  it('knows a unit registered with its old 组织机构代码 by the new 统一社会信用代码 that contains it', async () => {
    await townships();
    const body = '12345678';
    const legacy = `${body}-${orgCodeCheckChar(body)}`;
    const first17 = `91330106${body}${orgCodeCheckChar(body)}`;
    const uscc = first17 + usccCheckChar(first17);
    const headers = ['单位名称', '统一社会信用代码', '所属基层组织', '入会时间'];
    await commit(ledger, (await previewOf(headers, [['杭州某某科技有限公司', legacy, '象山社区', '2020-01-01']], { kind: 'group-members' })).jobId);
    const { jobId, preview: p } = await previewOf(headers, [['杭州某某科技有限公司', uscc, '象山社区', '2020-01-01']], { kind: 'group-members', onDuplicate: 'update' });
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1 });
    await commit(ledger, jobId);
    expect(rows('SELECT unit_name, uscc, legacy_org_code FROM group_member ORDER BY id')).toEqual([{ unit_name: '杭州某某科技有限公司', uscc, legacy_org_code: legacy }]);
  });
});

describe('people with a passport or travel permit (证件类型)', () => {
  it('creates them from the 证件类型, 出生日期 and 性别 columns, finds them again, and says what is missing', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    const headers = ['姓名', '性别', '身份证号码', '证件类型', '出生日期', '所属基层组织', '入会时间'];
    const sheet: SheetCell[][] = [
      ['John Smith', '男', 'e12345678', '护照', '1980-05-06', '城关镇红十字会', '2020-01-01'],
      ['陈美玲', '女', 'H12345678', '回乡证', '1992.3.4', '城关镇红十字会', '2020-01-01'],
      ['李四', null, 'M87654321', '港澳居民来往内地通行证', null, '城关镇红十字会', '2020-01-01'], // no birth date
      ['王五', '男', 'G123456789', '军官证', '1970-01-01', '城关镇红十字会', '2020-01-01'], // not a document the ledger knows
      ['赵六', '男', id18('33010619900102123'), '居民身份证', '1991-01-02', '城关镇红十字会', '2020-01-01'], // the number wins
      ['孙七', '女', id18('33010619900102124'), '港澳台居民居住证', null, '城关镇红十字会', '2020-01-01'], // not a 居住证 number
    ];
    const first = await previewOf(headers, sheet, { kind: 'members' });
    expect(first.preview.columns.find((c) => c.header === '证件类型')?.field).toBe('idType');
    expect(reasons(first.preview, 'rejected')).toEqual([
      [4, expect.stringContaining('须填写出生日期')],
      [5, expect.stringContaining('证件类型“军官证”无法识别')],
      [7, expect.stringContaining('不是居住证号码')],
    ]);
    expect(reasons(first.preview, 'warnings')).toEqual([[6, expect.stringContaining('出生日期 1991-01-02 与身份证号码不符')]]);
    await commit(ledger, first.jobId);
    expect(rows(`SELECT p.name, p.id_type, p.id_number, p.birth_date, p.gender, m.kind FROM person p JOIN member m ON m.person_id = p.id WHERE m.organization_id = ? ORDER BY p.id`, org)).toEqual([
      { name: 'John Smith', id_type: 'passport', id_number: 'E12345678', birth_date: '1980-05-06', gender: 'M', kind: 'adult' },
      { name: '陈美玲', id_type: 'hm_travel_permit', id_number: 'H12345678', birth_date: '1992-03-04', gender: 'F', kind: 'adult' },
      { name: '赵六', id_type: 'resident_id', id_number: id18('33010619900102123'), birth_date: '1990-01-02', gender: 'M', kind: 'adult' },
    ]);

    // The same sheet again: the three are found, not added twice.
    const again = await previewOf(headers, sheet.slice(0, 2), { kind: 'members' });
    expect(again.preview.counts).toMatchObject({ inserted: 0, unchanged: 2, rejected: 0 });

    // A sheet without the column: a passport number is not taken for a broken ID number.
    const without = await previewOf(['姓名', '身份证号码', '所属基层组织', '入会时间'], [['钱八', 'E87654321', '城关镇红十字会', '2020-01-01']], { kind: 'members' });
    expect(reasons(without.preview, 'rejected')).toEqual([[2, expect.stringContaining('如是护照或通行证号码，请在表中增加“证件类型”列')]]);
  });

  it('a full export of passport holders imports into a new ledger as the same people', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    await ledger.call('member.add', { orgId: org, name: '陈美玲', idType: 'hm_travel_permit', idNumber: 'H12345678', birthDate: '1992-03-04', gender: 'F', joinedOn: '2020-01-01' });
    await ledger.call('volunteer.add', { orgId: org, name: '陈美玲', idType: 'hm_travel_permit', idNumber: 'H12345678', birthDate: '1992-03-04', gender: 'F', registeredOn: '2021-01-01' });
    const fresh = await createTestLedger();
    try {
      await fresh.call('org.add', { name: '城关镇红十字会', type: '乡镇' });
      for (const kind of ['members', 'volunteers'] as const) {
        const ref = await ledger.call('export.roster', { kind, fullId: true });
        const data = await download(ledger, ref.token);
        const p = await preview(fresh, await upload(fresh, `${kind}.xlsx`, data), { kind });
        expect(p.preview.rejected).toEqual([]);
        await commit(fresh, p.jobId);
      }
      expect(fresh.db.sqlite.prepare('SELECT name, id_type, id_number, birth_date, gender FROM person').all()).toEqual([
        { name: '陈美玲', id_type: 'hm_travel_permit', id_number: 'H12345678', birth_date: '1992-03-04', gender: 'F' },
      ]);
    } finally {
      fresh.db.close();
    }
  });
});

describe('a name that fits several organisations', () => {
  it('says the name left out its township and which organisations it may be', async () => {
    await townships();
    const { preview: p } = await previewOf(memberHeaders, [['甲', id18('33010619900102121'), null, '和睦社区', '2020-01-01']], { kind: 'members' });
    expect(reasons(p, 'rejected')).toEqual([[2, '“和睦社区”省略了乡镇（街道）名称，台账中有 2 个这样的组织（城关镇和睦社区红十字会、南山街道和睦社区红十字会），无法确定是哪一个。请在预览中把它对应到其中一个，或选定乡镇（街道）范围后再导入。']]);
  });
});

describe('two organisations of one name', () => {
  it('are named with their parents in exports, so the exports re-import into the same ledger and into a new one', async () => {
    const xixi = (await ledger.call('org.add', { name: '西溪街道红十字会', type: '街道' })).id;
    const sandun = (await ledger.call('org.add', { name: '三墩镇红十字会', type: '乡镇' })).id;
    await ledger.call('org.add', { name: '新村红十字会', type: '村', parentId: xixi });
    const sandunNew = (await ledger.call('org.add', { name: '新村红十字会', type: '村', parentId: sandun })).id;
    const group = (await ledger.call('org.add', { name: '新村第一组红十字会', type: '村', parentId: sandunNew })).id;
    await ledger.call('member.add', { orgId: sandunNew, name: '张三', idNumber: id18('33010619900102121'), joinedOn: '2020-01-01' });
    await ledger.call('member.add', { orgId: group, name: '李四', idNumber: id18('33010619900102122'), joinedOn: '2020-01-01' });

    const orgs = await exportFile(ledger, 'orgs');
    const members = await exportFile(ledger, 'members');
    for (const [kind, file] of [['orgs', orgs], ['members', members]] as const) {
      const { preview: p } = await previewFile(ledger, file, { kind });
      expect(p.rejected).toEqual([]);
      expect(p.warnings).toEqual([]);
      expect(p.counts.unchanged).toBe(kind === 'orgs' ? 5 : 2);
    }

    await importIntoNewLedger(async () => {}, [['orgs', orgs], ['members', members]], (fresh) => {
      expect(
        tableRows(fresh, 'SELECT p.name, o.name AS org, parent.name AS parent FROM member m JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id JOIN organization parent ON parent.id = o.parent_id ORDER BY p.name'),
      ).toEqual([
        { name: '张三', org: '新村红十字会', parent: '三墩镇红十字会' },
        { name: '李四', org: '新村第一组红十字会', parent: '新村红十字会' },
      ]);
      expect(tableRows(fresh, "SELECT parent.name AS parent FROM organization o JOIN organization parent ON parent.id = o.parent_id WHERE o.name = '新村第一组红十字会'")).toEqual([{ parent: '新村红十字会' }]);
      expect(tableRows(fresh, "SELECT count(*) AS n FROM organization o JOIN organization c ON c.parent_id = o.id WHERE o.name = '新村红十字会' AND c.name = '新村第一组红十字会'")).toEqual([{ n: 1 }]);
    });
  });
});

describe('organisations the clerk chose to create', () => {
  it('are created only for rows that are imported', async () => {
    const orgs = await townships();
    const { jobId, preview: p } = await previewOf(
      memberHeaders,
      [
        ['甲', id18('33010619900102121'), '1380013800', '新建村', '2020-01-01'], // a phone one digit short: rejected
        ['乙', id18('33010619900102122'), null, '西山村', '2020-01-01'],
      ],
      { kind: 'members', createOrgsUnder: orgs.town },
    );
    expect(reasons(p, 'rejected')).toEqual([[2, expect.stringContaining('手机')]]);
    expect(p.willCreate.orgs).toEqual(['西山村红十字会']);
    await commit(ledger, jobId);
    expect(rows(`SELECT name FROM organization WHERE name LIKE '新建村%' OR name LIKE '西山村%'`)).toEqual([{ name: '西山村红十字会' }]);
  });
});

describe('a preview the ledger has moved past', () => {
  it('is refused at commit with nothing written, and a new preview imports', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    const id = id18('33010619900102121');
    const sheet = await rosterXlsx(memberHeaders, [['王芳', id, null, '城关镇红十字会', '2020-01-01']]);
    const first = await preview(ledger, await upload(ledger, 'members.xlsx', sheet), { kind: 'members' });
    expect(first.preview.counts.inserted).toBe(1);
    // The clerk adds the same person by hand before pressing 导入.
    await ledger.call('member.add', { orgId: org, name: '王芳', idNumber: id, joinedOn: '2021-01-01' });
    const commitJob = await ledger.call('import.commit', { jobId: first.jobId });
    const failed = await waitJob(ledger, commitJob.jobId);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'STALE_PREVIEW' } });
    expect(rows('SELECT count(*) AS n FROM person')).toEqual([{ n: 1 }]);
    expect(rows('SELECT count(*) AS n FROM import_batch')).toEqual([{ n: 0 }]);

    const again = await preview(ledger, await upload(ledger, 'members.xlsx', sheet), { kind: 'members' });
    expect(again.preview.counts).toMatchObject({ inserted: 0, rejected: 1 });
  });
});

describe('what a member sheet says against the ledger', () => {
  it('a year-month join date containing the stored date is no change; a new guardian needs their own phone', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    const adult = id18('33010619900102121');
    const child = id18('33010620150102122'); // 11 years old on 2026-06-15
    await ledger.call('member.add', { orgId: org, name: '王芳', idNumber: adult, joinedOn: '2020-05-04' });
    await ledger.call('member.add', {
      orgId: org, name: '王小明', idNumber: child, kind: 'youth', joinedOn: '2024-09-01',
      guardianName: '王大明', guardianRelation: '父亲', guardianPhone: '13900001111', guardianConsentOn: '2024-09-01', guardianConsentMethod: '书面',
    });
    const headers = ['姓名', '身份证号码', '所属基层组织', '入会时间', '监护人姓名', '监护人电话'];
    const { preview: p } = await previewOf(
      headers,
      [
        ['王芳', adult, '城关镇红十字会', '2020.5', null, null],
        ['王小明', child, '城关镇红十字会', '2024-09-01', '王妈妈', null],
      ],
      { kind: 'members', onDuplicate: 'update' },
    );
    expect(p.counts).toMatchObject({ updated: 0, unchanged: 1 });
    expect(p.rejected).toEqual([{ row: 3, field: '监护人电话', reason: expect.stringContaining('监护人由“王大明”改为“王妈妈”，但没有填写新监护人的电话') }]);
  });
});

describe('a sheet sent to update phones', () => {
  it('keeps a known member’s 入会时间 and name when the cells are empty or differ; a new person still needs the date', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    const known = id18('33010619900102121');
    const fresh = id18('33010619900102122');
    await ledger.call('member.add', { orgId: org, name: '王芳', idNumber: known, joinedOn: '2020-05-04', phone: '13900001111' });
    const { jobId, preview: p } = await previewOf(
      memberHeaders,
      [
        ['王小芳', known, '13900002222', '城关镇红十字会', null],
        ['李四', fresh, '13900003333', '城关镇红十字会', null],
      ],
      { kind: 'members', onDuplicate: 'update' },
    );
    expect(p.rejected).toEqual([{ row: 3, field: '入会时间', reason: '入会时间为必填，本行没有填写。' }]);
    expect(reasons(p, 'warnings')).toEqual([[2, '身份证号码在台账中登记的姓名是“王芳”，与表中“王小芳”不同，保留台账中的姓名。']]);
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1, rejected: 1 });
    await commit(ledger, jobId);
    expect(rows('SELECT p.name, p.phone, m.joined_on FROM person p JOIN member m ON m.person_id = p.id')).toEqual([{ name: '王芳', phone: '13900002222', joined_on: '2020-05-04' }]);
  });
});

/** The one organisation the 退会 tests' exports name, in a new ledger. */
const townIn = (fresh: TestLedger) => fresh.call('org.add', { name: '城关镇红十字会', type: '乡镇' });

describe('members who have left (退会)', () => {
  it('are exported with 退会日期 and 退会原因, rebuilt so in a new ledger, unchanged in their own, and lapsed by a sheet only in update mode', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    const gone = await ledger.call('member.add', { orgId: org, name: '王芳', idNumber: id18('33010619900102121'), joinedOn: '2020-05-04' });
    await ledger.call('member.lapse', { id: gone.id, lapsedOn: '2025-03-01', reason: '迁出本县' });
    await ledger.call('member.add', { orgId: org, name: '李四', idNumber: id18('33010619900102122'), joinedOn: '2021-01-01' });
    const file = await exportFile(ledger, 'members');

    const own = await previewFile(ledger, file, { kind: 'members' });
    expect(own.preview.rejected).toEqual([]);
    expect(own.preview.warnings).toEqual([]);
    expect(own.preview.counts).toMatchObject({ unchanged: 2 });

    await importIntoNewLedger(townIn, [['members', file]], (fresh) => {
      expect(tableRows(fresh, 'SELECT p.name, m.status, m.lapsed_on, m.lapse_reason FROM member m JOIN person p ON p.id = m.person_id ORDER BY p.name')).toEqual([
        { name: '李四', status: 'active', lapsed_on: null, lapse_reason: null },
        { name: '王芳', status: 'lapsed', lapsed_on: '2025-03-01', lapse_reason: '迁出本县' },
      ]);
    });

    // A township's sheet saying 李四 left: kept out by default, recorded with update, undone whole.
    const sheet = [['李四', id18('33010619900102122'), null, '城关镇红十字会', '2021-01-01', '2026-05-01']];
    const headers = [...memberHeaders, '退会日期'];
    const kept = await previewOf(headers, sheet, { kind: 'members' });
    expect(kept.preview.rejected).toEqual([{ row: 2, field: '身份证号码', reason: expect.stringContaining('退会日期') }]);
    const { jobId, preview: p } = await previewOf(headers, sheet, { kind: 'members', onDuplicate: 'update' });
    expect(p.counts).toMatchObject({ updated: 1 });
    const result = await commit(ledger, jobId);
    const li = "SELECT m.status, m.lapsed_on FROM member m JOIN person p ON p.id = m.person_id WHERE p.name = '李四'";
    expect(rows(li)).toEqual([{ status: 'lapsed', lapsed_on: '2026-05-01' }]);
    await ledger.call('import.undo', { importId: result.importId! });
    expect(rows(li)).toEqual([{ status: 'active', lapsed_on: null }]);
  });
});

describe('units that have left (团体会员退会)', () => {
  it('are exported with 退会日期, rebuilt so in a new ledger and unchanged in their own', async () => {
    const org = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
    const unit = await ledger.call('group.add', { unitName: '杭州某某科技有限公司', uscc: '91330106MA2ABCDE1' + usccCheckChar('91330106MA2ABCDE1'), orgId: org, joinedOn: '2020-05-04' });
    await ledger.call('group.lapse', { id: unit.id, lapsedOn: '2025-03-01' });
    const file = await exportFile(ledger, 'group-members');
    const own = await previewFile(ledger, file, { kind: 'group-members' });
    expect(own.preview.rejected).toEqual([]);
    expect(own.preview.warnings).toEqual([]);
    expect(own.preview.counts).toMatchObject({ unchanged: 1 });
    await importIntoNewLedger(townIn, [['group-members', file]], (fresh) => {
      expect(tableRows(fresh, 'SELECT unit_name, status, lapsed_on FROM group_member')).toEqual([{ unit_name: '杭州某某科技有限公司', status: 'lapsed', lapsed_on: '2025-03-01' }]);
    });
  });
});

describe('a guardian’s consent for a child under 14', () => {
  it('is stored from the sheet’s columns and exported back; without them the child comes in and the clerk is told', async () => {
    await ledger.call('org.add', { name: '城关镇中心小学红十字会', type: '中小学' });
    const headers = ['姓名', '身份证号码', '所属基层组织', '入会时间', '监护人姓名', '监护人电话', '与学生关系', '同意日期', '同意方式'];
    const first = await previewOf(
      headers,
      [
        ['王小明', id18('33010620150102122'), '城关镇中心小学红十字会', '2024-09-01', '王大明', '13900001111', '父亲', '2024-08-30', '书面'],
        ['李小红', id18('33010620150203123'), '城关镇中心小学红十字会', '2024-09-01', '李大红', '13900002222', null, null, null],
      ],
      { kind: 'youth-members' },
    );
    expect(first.preview.columns.map((c) => c.field).slice(6)).toEqual(['guardianRelation', 'guardianConsentOn', 'guardianConsentMethod']);
    expect(reasons(first.preview, 'warnings')).toEqual([[3, '未满 14 周岁，表中没有与本人关系、监护人同意日期、同意方式，请在会员页补录监护人同意的情况。']]);
    await commit(ledger, first.jobId);
    expect(rows('SELECT name, guardian_relation, guardian_consent_on, guardian_consent_method FROM person ORDER BY id')).toEqual([
      { name: '王小明', guardian_relation: '父亲', guardian_consent_on: '2024-08-30', guardian_consent_method: '书面' },
      { name: '李小红', guardian_relation: null, guardian_consent_on: null, guardian_consent_method: null },
    ]);
    const exported = await ledger.call('export.roster', { kind: 'youth-members', fullId: true });
    const again = await preview(ledger, await upload(ledger, exported.fileName, await download(ledger, exported.token)), { kind: 'youth-members' });
    expect(again.preview.counts).toMatchObject({ inserted: 0, unchanged: 2, rejected: 0 });
  });
});
