import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src-main/core/api/contract';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { id18 } from '../helpers/export-fixture';
import { commit, exportFile, importIntoNewLedger, previewFile, previewRoster, tableRows, type PreviewInput, type SheetCell } from '../helpers/import';

// Volunteer rosters, team lists and service hours against what the ledger already holds: an
// export of hours or volunteers re-imports onto the same records and teams, a sheet that credits
// the wrong person or claims impossible hours is refused, and what the clerk keeps stays kept.
// Today is 2026-06-15 (createTestLedger's clock).

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(() => ledger.db.close());

const previewOf = (headers: string[], sheetRows: SheetCell[][], options: PreviewInput) => previewRoster(ledger, headers, sheetRows, options);

async function previewExport(kind: 'hours' | 'volunteers' | 'teams', options: Omit<PreviewInput, 'kind'> = {}): Promise<{ jobId: string; preview: ImportPreview }> {
  return previewFile(ledger, await exportFile(ledger, kind), { kind, ...options });
}

const rows = (sql: string, ...params: unknown[]) => tableRows(ledger, sql, ...params);

const reasons = (p: ImportPreview, kind: 'rejected' | 'warnings') => p[kind].map((r) => [r.row, r.reason]);

const hoursHeaders = ['姓名', '身份证号码', '服务日期', '活动名称', '服务时长（小时）', '所属服务队'];

/** 城关镇 and its 翠苑 community in a new ledger, as the exports name them. */
async function cuiyuanIn(fresh: TestLedger): Promise<number> {
  const town = (await fresh.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
  return (await fresh.call('org.add', { name: '城关镇翠苑社区红十字会', type: '社区', parentId: town })).id;
}

/** 城关镇 with two communities, 翠苑 and 古荡. */
async function township() {
  const town = (await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' })).id;
  const cuiyuan = (await ledger.call('org.add', { name: '城关镇翠苑社区红十字会', type: '社区', parentId: town })).id;
  const gudang = (await ledger.call('org.add', { name: '城关镇古荡社区红十字会', type: '社区', parentId: town })).id;
  return { town, cuiyuan, gudang };
}

describe('activity titles', () => {
  it('are stored as the import reads them, and a record stored before that is found by its normalised title', async () => {
    const orgs = await township();
    const team = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const id = id18('33010619900101123');
    const v = await ledger.call('volunteer.add', { name: '张三', idNumber: id, orgId: orgs.cuiyuan, registeredOn: '2020-01-01' });
    const added = await ledger.call('service.add', { heldOn: '2026-05-09', teamId: team.id, category: '关爱老人', title: '敬老 院慰问', entries: [{ volunteerId: v.id, hours: 2 }] });
    expect(added.title).toBe('敬老院慰问');
    // As service.add stored it before titles were normalised.
    const old = await ledger.call('service.add', { heldOn: '2026-05-10', teamId: team.id, category: '关爱老人', title: '义诊', entries: [{ volunteerId: v.id, hours: 3 }] });
    ledger.db.sqlite.prepare('UPDATE service_record SET title = ? WHERE id = ?').run('社区 义诊', old.id);

    const { preview: p } = await previewExport('hours');
    expect(p.rejected).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.counts).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0, warnings: 0 });
    expect(rows('SELECT title FROM service_record ORDER BY id')).toEqual([{ title: '敬老院慰问' }, { title: '社区 义诊' }]);
  });
});

describe('活动类别', () => {
  it('is read from the list by its name or a short form, left empty with a warning otherwise, and an export re-imports with it', async () => {
    const orgs = await township();
    const id = id18('33010619900101123');
    const li = id18('33010619910202124');
    await ledger.call('volunteer.add', { name: '张三', idNumber: id, orgId: orgs.cuiyuan, registeredOn: '2020-01-01' });
    await ledger.call('volunteer.add', { name: '李四', idNumber: li, orgId: orgs.cuiyuan, registeredOn: '2020-01-01' });
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '服务日期', '活动名称', '活动类别', '服务时长（小时）'],
      [
        ['张三', id, '2026-06-01', '急救培训', '世界急救日', 2],
        ['李四', li, '2026-06-01', '急救培训', '关爱老人', 2],
        ['张三', id, '2026-06-02', '敬老院慰问', '关爱老人活动', 3],
        ['张三', id, '2026-06-03', '清扫街道', '环保', 1],
        ['张三', id, '2026-06-04', '探访', '关爱', 1],
        ['张三', id, '2026-06-05', '献血宣传', '献血者日', 1],
        ['张三', id, '2026-06-06', '读书会', '其它', 1],
        ['张三', id, '2026-06-07', '茶话会', null, 1],
      ],
      { kind: 'hours' },
    );
    expect(p.rejected).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([
      [3, '与第 2 行是同一次活动，类别按第 2 行的“世界急救日”登记，本行的“关爱老人”未用。'],
      [5, '活动类别“环保”不在列表中（关爱生命安全、关爱老人、关爱留守儿童和儿童健康成长、关爱青少年健康成长、关爱帮助困难弱势群体、博爱送万家、世界红十字日、世界献血者日、世界急救日、国际志愿者日、其他），本行的活动未填类别；可在“服务时长”中补填。'],
      [6, '活动类别“关爱”可能是“关爱生命安全”或“关爱老人”或“关爱留守儿童和儿童健康成长”或“关爱青少年健康成长”或“关爱帮助困难弱势群体”，无法确定，本行的活动未填类别；可在“服务时长”中补填。'],
    ]);
    expect(p.warnings.map((w) => w.field)).toEqual(['活动类别', '活动类别', '活动类别']);
    await commit(ledger, jobId);
    const stored = () => rows('SELECT r.title, c.name AS category FROM service_record r LEFT JOIN activity_category c ON c.id = r.category_id ORDER BY r.held_on');
    const expected = [
      { title: '急救培训', category: '世界急救日' },
      { title: '敬老院慰问', category: '关爱老人' },
      { title: '清扫街道', category: null },
      { title: '探访', category: null },
      { title: '献血宣传', category: '世界献血者日' },
      { title: '读书会', category: '其他' },
      { title: '茶话会', category: null },
    ];
    expect(stored()).toEqual(expected);

    // Into a ledger that has the volunteers but not the hours: the categories come along.
    const file = await exportFile(ledger, 'hours');
    ledger.db.sqlite.exec('DELETE FROM service_hours; DELETE FROM service_record;');
    const again = await previewFile(ledger, file, { kind: 'hours' });
    expect(again.preview.rejected).toEqual([]);
    expect(again.preview.warnings).toEqual([]);
    expect(again.preview.counts.inserted).toBe(8);
    await commit(ledger, again.jobId);
    expect(stored()).toEqual(expected);
  });
});

describe('volunteers who have left (退出)', () => {
  it('are exported with 退出日期, rebuilt so in a new ledger with their hours dated before it, and unchanged in their own', async () => {
    const orgs = await township();
    const team = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const id = id18('33010619900101123');
    const v = await ledger.call('volunteer.add', { name: '张三', idNumber: id, orgId: orgs.cuiyuan, registeredOn: '2020-01-01', teamIds: [team.id] });
    await ledger.call('service.add', { heldOn: '2026-03-09', teamId: team.id, category: '关爱老人', title: '敬老院慰问', entries: [{ volunteerId: v.id, hours: 3 }] });
    await ledger.call('volunteer.leave', { id: v.id, leftOn: '2026-04-01' });
    await ledger.call('volunteer.add', { name: '李四', idNumber: id18('33010619910202124'), orgId: orgs.cuiyuan, registeredOn: '2020-01-01' });
    const file = await exportFile(ledger, 'volunteers');

    const own = await previewFile(ledger, file, { kind: 'volunteers' });
    expect(own.preview.rejected).toEqual([]);
    expect(own.preview.warnings).toEqual([]);
    expect(own.preview.counts).toMatchObject({ unchanged: 2 });

    await importIntoNewLedger(cuiyuanIn, [['volunteers', file]], (fresh) => {
      expect(tableRows(fresh, 'SELECT p.name, v.status, v.left_on FROM volunteer v JOIN person p ON p.id = v.person_id ORDER BY p.name')).toEqual([
        { name: '张三', status: 'left', left_on: '2026-04-01' },
        { name: '李四', status: 'active', left_on: null },
      ]);
      expect(tableRows(fresh, 'SELECT max(r.held_on) AS last, sum(h.minutes) AS minutes FROM service_hours h JOIN service_record r ON r.id = h.service_record_id')).toEqual([{ last: '2026-03-31', minutes: 180 }]);
    });

    // A sheet saying 李四 left is a difference to see; the import does not do the leaving.
    const sheet = [['李四', id18('33010619910202124'), '翠苑社区', '2020-01-01', '2026-05-01']];
    const headers = ['姓名', '身份证号码', '所属基层组织', '注册时间', '退出日期'];
    const kept = await previewOf(headers, sheet, { kind: 'volunteers' });
    expect(kept.preview.rejected).toEqual([{ row: 2, field: '身份证号码', reason: expect.stringContaining('退出日期') }]);
    const updated = await previewOf(headers, sheet, { kind: 'volunteers', onDuplicate: 'update' });
    expect(reasons(updated.preview, 'warnings')).toEqual([[2, '表中退出日期为 2026-05-01，台账中此人在册；导入不办理退出，请在志愿者页办理。']]);
    expect(updated.preview.counts).toMatchObject({ updated: 0, unchanged: 1 });
  });
});

describe('a ledger rebuilt from its volunteer and hours exports', () => {
  it('counts each volunteer’s hours once: the roster’s 累计服务时长 holds the hours the hours export brings', async () => {
    const orgs = await township();
    const team = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const v = await ledger.call('volunteer.add', { name: '王芳', idNumber: id18('33010619900101123'), orgId: orgs.cuiyuan, registeredOn: '2020-01-01', teamIds: [team.id] });
    await ledger.call('service.add', { heldOn: '2026-05-09', teamId: team.id, category: '关爱老人', title: '敬老院慰问', entries: [{ volunteerId: v.id, hours: 2 }] });
    await ledger.call('service.add', { heldOn: '2026-06-01', teamId: team.id, category: '世界急救日', title: '急救培训', entries: [{ volunteerId: v.id, hours: 4.5 }] });
    const files = [['teams', await exportFile(ledger, 'teams')], ['volunteers', await exportFile(ledger, 'volunteers')], ['hours', await exportFile(ledger, 'hours')]] as const;

    await importIntoNewLedger(cuiyuanIn, files, (fresh) => {
      expect(tableRows(fresh, 'SELECT sum(minutes) AS minutes FROM service_hours')).toEqual([{ minutes: 390 }]);
      expect(tableRows(fresh, "SELECT r.held_on, r.title, h.minutes FROM service_record r JOIN service_hours h ON h.service_record_id = r.id WHERE r.title <> '导入前累计服务时长' ORDER BY r.held_on")).toEqual([
        { held_on: '2026-05-09', title: '敬老院慰问', minutes: 120 },
        { held_on: '2026-06-01', title: '急救培训', minutes: 270 },
      ]);
    });
  });
});

describe('teams that have been dissolved (解散)', () => {
  it('are exported with 解散日期 and rebuilt dissolved, with the leader who led them, in a new ledger; unchanged in their own', async () => {
    const orgs = await township();
    const leader = await ledger.call('volunteer.add', { name: '张队长', idNumber: id18('33010619800101011'), orgId: orgs.cuiyuan, registeredOn: '2018-01-01' });
    const team = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2019-01-01', leaderVolunteerId: leader.id });
    await ledger.call('team.dissolve', { id: team.id, dissolvedOn: '2026-02-01' });
    await ledger.call('volunteer.leave', { id: leader.id, leftOn: '2026-03-01' });
    const file = await exportFile(ledger, 'teams');

    const own = await previewFile(ledger, file, { kind: 'teams', onDuplicate: 'update' });
    expect(own.preview.rejected).toEqual([]);
    expect(own.preview.warnings).toEqual([]);
    expect(own.preview.counts).toMatchObject({ unchanged: 1, updated: 0 });

    const withLeader = async (fresh: TestLedger) => {
      const again = await fresh.call('volunteer.add', { name: '张队长', idNumber: id18('33010619800101011'), orgId: await cuiyuanIn(fresh), registeredOn: '2018-01-01' });
      await fresh.call('volunteer.leave', { id: again.id, leftOn: '2026-03-01' });
    };
    await importIntoNewLedger(withLeader, [['teams', file]], (fresh, [p]) => {
      expect(p!.warnings).toEqual([]);
      expect(tableRows(fresh, 'SELECT t.status, t.dissolved_on, p.name AS leader, m.joined_on, m.left_on FROM volunteer_team t JOIN person p ON p.id = t.leader_person_id JOIN team_membership m ON m.team_id = t.id')).toEqual([
        { status: 'dissolved', dissolved_on: '2026-02-01', leader: '张队长', joined_on: '2019-01-01', left_on: '2026-02-01' },
      ]);
    });
  });
});

describe('teams of the same name in two organisations', () => {
  it("keeps a volunteer's hours and membership on the other organisation's team they serve with", async () => {
    const orgs = await township();
    const own = await ledger.call('team.add', { name: '博爱志愿服务队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const other = await ledger.call('team.add', { name: '博爱志愿服务队', orgId: orgs.gudang, foundedOn: '2015-01-01' });
    const id = id18('33010619900101123');
    const v = await ledger.call('volunteer.add', { name: '张三', idNumber: id, orgId: orgs.cuiyuan, registeredOn: '2020-01-01', teamIds: [other.id] });
    await ledger.call('service.add', { heldOn: '2026-05-09', teamId: other.id, category: '关爱老人', title: '敬老院慰问', entries: [{ volunteerId: v.id, hours: 2 }] });

    const hours = await previewExport('hours');
    expect(hours.preview.rejected).toEqual([]);
    expect(hours.preview.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0, warnings: 0 });
    const volunteers = await previewExport('volunteers', { onDuplicate: 'update' });
    expect(volunteers.preview.rejected).toEqual([]);
    expect(volunteers.preview.warnings).toEqual([]);
    expect(volunteers.preview.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0, warnings: 0 });

    // A new activity with the team they are in goes to that team, not to their organisation's.
    const { jobId, preview: p } = await previewOf(hoursHeaders, [['张三', id, '2026-06-01', '义诊', 3, '博爱志愿服务队']], { kind: 'hours' });
    expect(p.rejected).toEqual([]);
    expect(p.counts.inserted).toBe(1);
    await commit(ledger, jobId);
    expect(rows('SELECT held_on, team_id FROM service_record ORDER BY held_on')).toEqual([
      { held_on: '2026-05-09', team_id: other.id },
      { held_on: '2026-06-01', team_id: other.id },
    ]);
    expect(rows('SELECT team_id FROM team_membership WHERE volunteer_id = ?', v.id)).toEqual([{ team_id: other.id }]);
    expect(own.id).not.toBe(other.id);
  });
});

describe('hours rows whose name is not the ID number’s', () => {
  it('are refused as a likely slip to another line instead of crediting the number’s owner', async () => {
    const orgs = await township();
    const zhang = id18('33010619900101123');
    const li = id18('33010619910202124');
    const v = await ledger.call('volunteer.add', { name: '张三', idNumber: zhang, orgId: orgs.cuiyuan, registeredOn: '2020-01-01' });
    await ledger.call('volunteer.add', { name: '李四', idNumber: li, orgId: orgs.cuiyuan, registeredOn: '2020-01-01' });
    const { jobId, preview: p } = await previewOf(
      hoursHeaders,
      [
        ['李四', zhang, '2026-06-01', '错位测试', 5, null],
        ['张三', zhang, '2026-06-01', '错位测试', 2, null],
      ],
      { kind: 'hours' },
    );
    expect(p.rejected).toEqual([{ row: 2, field: '姓名', reason: '表中姓名“李四”与该身份证号码在台账中登记的“张三”不同，可能错行，请核对。' }]);
    expect(reasons(p, 'warnings')).toEqual([]);
    expect(p.counts).toMatchObject({ inserted: 1, rejected: 1 });
    await commit(ledger, jobId);
    expect(rows('SELECT volunteer_id, minutes FROM service_hours')).toEqual([{ volunteer_id: v.id, minutes: 120 }]);
  });
});

describe('a 填表日期 still to come', () => {
  it('is replaced by today, said once, and the cumulative hours are checked and dated up to today', async () => {
    await township();
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '所属基层组织', '注册时间', '累计服务时长'],
      [
        ['甲', id18('33010619900101121'), '翠苑社区', '2026-06-04', 500],
        ['乙', id18('33010619900101122'), '翠苑社区', '2026-06-10', 100],
        ['填表日期：2027年1月1日', null, null, null, null],
      ],
      { kind: 'volunteers' },
    );
    expect(reasons(p, 'rejected')).toEqual([[2, '累计服务时长 500 小时不可信：从注册时间 2026-06-04 到今天 2026-06-15 共 12 天，每天最多 24 小时，最多 288 小时。']]);
    expect(reasons(p, 'warnings')).toEqual([[2, '表的日期（填表日期，没有时为文件保存日期）2027-01-01 晚于今天，累计服务时长按截至今天（2026-06-15）核对和登记；请核对表上的填表日期。']]);
    expect(p.counts).toMatchObject({ inserted: 1, rejected: 1, warnings: 1 });
    await commit(ledger, jobId);
    expect(rows("SELECT min(r.held_on) AS first, max(r.held_on) AS last, sum(h.minutes) AS minutes FROM service_record r JOIN service_hours h ON h.service_record_id = r.id WHERE r.title = '导入前累计服务时长'")).toEqual([
      { first: '2026-06-11', last: '2026-06-15', minutes: 6000 },
    ]);
  });
});

describe('a member who becomes a volunteer through a roster', () => {
  const headers = ['姓名', '身份证号码', '手机号码', '所属基层组织', '注册时间'];

  it('keeps the phone the ledger holds unless the clerk chose to update, and fills one the ledger lacks', async () => {
    const orgs = await township();
    const zhang = id18('33010619900101123');
    const li = id18('33010619910202124');
    await ledger.call('member.add', { orgId: orgs.cuiyuan, name: '张三', idNumber: zhang, phone: '13800000001', joinedOn: '2015-03-01' });
    await ledger.call('member.add', { orgId: orgs.cuiyuan, name: '李四', idNumber: li, joinedOn: '2015-03-01' });
    const sheet: SheetCell[][] = [
      ['张三', zhang, '13911119999', '翠苑社区', '2020-05-04'],
      ['李四', li, '13922228888', '翠苑社区', '2020-05-04'],
    ];
    const phones = () => rows('SELECT name, phone FROM person ORDER BY id');

    const kept = await previewOf(headers, sheet, { kind: 'volunteers', onDuplicate: 'keep' });
    expect(reasons(kept.preview, 'rejected')).toEqual([]);
    expect(reasons(kept.preview, 'warnings')).toEqual([[2, '此人在台账中已登记手机号码 138****0001，与表中的 139****9999 不同；按导入时的选择保留台账中的号码（需改为表中的号码时请选择“更新台账”）。']]);
    expect(kept.preview.counts).toMatchObject({ inserted: 2, rejected: 0 });
    await commit(ledger, kept.jobId);
    expect(phones()).toEqual([
      { name: '张三', phone: '13800000001' },
      { name: '李四', phone: '13922228888' },
    ]);
    expect(rows('SELECT count(*) AS n FROM volunteer')).toEqual([{ n: 2 }]);
  });

  it('changes the phone with --on-duplicate update, and says so', async () => {
    const orgs = await township();
    const zhang = id18('33010619900101123');
    await ledger.call('member.add', { orgId: orgs.cuiyuan, name: '张三', idNumber: zhang, phone: '13800000001', joinedOn: '2015-03-01' });
    const { jobId, preview: p } = await previewOf(headers, [['张三', zhang, '13911119999', '翠苑社区', '2020-05-04']], { kind: 'volunteers', onDuplicate: 'update' });
    expect(reasons(p, 'warnings')).toEqual([[2, '此人在台账中的手机号码 138****0001 按导入时的选择（更新台账）改为表中的 139****9999。']]);
    await commit(ledger, jobId);
    expect(rows('SELECT phone FROM person')).toEqual([{ phone: '13911119999' }]);
  });
});

describe('a roster naming a dissolved team', () => {
  it('imports the volunteer without it and plans no second team of that name, so the commit does what the preview said', async () => {
    const orgs = await township();
    const gone = await ledger.call('team.add', { name: '老年服务队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    await ledger.call('team.dissolve', { id: gone.id, dissolvedOn: '2025-01-01' });
    const active = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '所属基层组织', '注册时间', '所属服务队'],
      [
        ['解散甲', id18('33010619850505222'), '翠苑社区', '2016-01-01', '老年服务队'],
        ['正常乙', id18('33010619920303331'), '翠苑社区', '2016-01-01', '翠苑应急救护队'],
      ],
      { kind: 'volunteers', createTeams: true },
    );
    expect(p.willCreate.teams).toEqual([]);
    expect(p.unmatchedTeams).toEqual([]);
    expect(reasons(p, 'rejected')).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([[2, '服务队“老年服务队”已于 2025-01-01 解散，已导入志愿者但未加入该队。']]);
    expect(p.counts).toMatchObject({ inserted: 2, rejected: 0, warnings: 1 });
    const result = await commit(ledger, jobId);
    expect(result.counts).toMatchObject({ inserted: 2 });
    expect(rows('SELECT p.name, m.team_id FROM volunteer v JOIN person p ON p.id = v.person_id LEFT JOIN team_membership m ON m.volunteer_id = v.id ORDER BY v.id')).toEqual([
      { name: '解散甲', team_id: null },
      { name: '正常乙', team_id: active.id },
    ]);
    expect(rows('SELECT count(*) AS n FROM volunteer_team')).toEqual([{ n: 2 }]);
  });
});

describe('a 注册时间 written as a year and month', () => {
  it('is the ledger’s exact date when it contains it, and a new date otherwise', async () => {
    const orgs = await township();
    const zhang = id18('33010619900101123');
    const li = id18('33010619910202124');
    await ledger.call('volunteer.add', { name: '张三', idNumber: zhang, orgId: orgs.cuiyuan, registeredOn: '2020-05-04' });
    await ledger.call('volunteer.add', { name: '李四', idNumber: li, orgId: orgs.cuiyuan, registeredOn: '2020-05-04' });
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '所属基层组织', '注册时间'],
      [
        ['张三', zhang, '翠苑社区', '2020.5'],
        ['李四', li, '翠苑社区', '2020.4'],
      ],
      { kind: 'volunteers', onDuplicate: 'update' },
    );
    expect(reasons(p, 'rejected')).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([[3, '“2020.4”只填了年月，按 2020 年 4 月 1 日记录']]);
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    await commit(ledger, jobId);
    expect(rows('SELECT p.name, v.registered_on FROM volunteer v JOIN person p ON p.id = v.person_id ORDER BY v.id')).toEqual([
      { name: '张三', registered_on: '2020-05-04' },
      { name: '李四', registered_on: '2020-04-01' },
    ]);
  });
});

describe('hours on days a roster’s 累计服务时长 was spread over', () => {
  it('are not refused by the 24-hour check, and are taken out of the total, which stays what the roster said', async () => {
    const orgs = await township();
    const id = id18('33010619700101771');
    await commit(
      ledger,
      (
        await previewOf(
          ['姓名', '身份证号码', '所属基层组织', '注册时间', '累计服务时长'],
          [
            ['周九', id, '翠苑社区', '2018-01-01', 100],
            ['填表日期：2026年6月10日', null, null, null, null],
          ],
          { kind: 'volunteers' },
        )
      ).jobId,
    );
    expect(rows("SELECT held_on, h.minutes FROM service_record r JOIN service_hours h ON h.service_record_id = r.id ORDER BY held_on")).toEqual([
      { held_on: '2026-06-06', minutes: 240 },
      { held_on: '2026-06-07', minutes: 1440 },
      { held_on: '2026-06-08', minutes: 1440 },
      { held_on: '2026-06-09', minutes: 1440 },
      { held_on: '2026-06-10', minutes: 1440 },
    ]);
    const { jobId, preview: p } = await previewOf(
      hoursHeaders,
      [
        ['周九', id, '2026-06-08', '敬老院慰问', 3, null],
        ['周九', id, '2026-06-01', '社区义诊', 3, null],
      ],
      { kind: 'hours' },
    );
    expect(reasons(p, 'rejected')).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([[2, '周九在台账中有导入的累计服务时长 100 小时（截至 2026-06-10），其中已含这一天及之前的服务：这些行的时长从累计中扣出，逐次登记，总时长不变。']]);
    expect(p.counts).toMatchObject({ inserted: 2, rejected: 0 });
    const result = await commit(ledger, jobId);
    expect(rows("SELECT held_on, title FROM service_record WHERE title <> '导入前累计服务时长' ORDER BY held_on")).toEqual([
      { held_on: '2026-06-01', title: '社区义诊' },
      { held_on: '2026-06-08', title: '敬老院慰问' },
    ]);
    const spread = "SELECT held_on, h.minutes FROM service_record r JOIN service_hours h ON h.service_record_id = r.id WHERE r.title = '导入前累计服务时长' ORDER BY held_on";
    expect(rows(spread).at(-1)).toEqual({ held_on: '2026-06-10', minutes: 1080 });
    expect(rows('SELECT sum(minutes) AS minutes FROM service_hours')).toEqual([{ minutes: 6000 }]);
    // Undone, the total is as the roster left it.
    await ledger.call('import.undo', { importId: result.importId! });
    expect(rows(spread).at(-1)).toEqual({ held_on: '2026-06-10', minutes: 1440 });
    expect(rows('SELECT sum(minutes) AS minutes FROM service_hours')).toEqual([{ minutes: 6000 }]);
    await commit(ledger, (await previewOf(hoursHeaders, [['周九', id, '2026-06-08', '敬老院慰问', 3, null], ['周九', id, '2026-06-01', '社区义诊', 3, null]], { kind: 'hours' })).jobId);
    // Entered by hand, the same day's hours are taken too.
    const team = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const v = rows('SELECT id FROM volunteer')[0] as { id: number };
    const added = await ledger.call('service.add', { heldOn: '2026-06-09', teamId: team.id, category: '关爱老人', title: '义诊', entries: [{ volunteerId: v.id, hours: 2 }] });
    expect(added.entries.map((e) => e.minutes)).toEqual([120]);
  });
});

describe('team lists and their leaders', () => {
  const headers = ['服务队名称', '所属基层组织', '队长', '成立日期'];

  it("warns when a leader is matched by name to a volunteer of another organisation", async () => {
    const orgs = await township();
    const zhang = await ledger.call('volunteer.add', { name: '张队长', idNumber: id18('33010619800101011'), orgId: orgs.gudang, registeredOn: '2018-01-01' });
    const { jobId, preview: p } = await previewOf(headers, [['翠苑红十字志愿服务队', '翠苑社区', '张队长', '2023-03-01']], { kind: 'teams' });
    expect(reasons(p, 'rejected')).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([[2, '该组织没有名为“张队长”的志愿者，已按姓名登记台账中属于“城关镇古荡社区红十字会”的志愿者“张队长”为负责人；如不是同一人，请在服务队中更改。']]);
    expect(p.counts).toMatchObject({ inserted: 1, warnings: 1 });
    await commit(ledger, jobId);
    expect(rows('SELECT t.organization_id, m.volunteer_id FROM volunteer_team t JOIN team_membership m ON m.team_id = t.id')).toEqual([{ organization_id: orgs.cuiyuan, volunteer_id: zhang.id }]);
    // The leader the ledger now holds is not questioned again.
    const again = await previewOf(headers, [['翠苑红十字志愿服务队', '翠苑社区', '张队长', '2023-03-01']], { kind: 'teams' });
    expect(again.preview.warnings).toEqual([]);
    expect(again.preview.counts).toMatchObject({ unchanged: 1 });
  });

  it('says nothing of a leader who has left but still leads the team, so its export re-imports quietly', async () => {
    const orgs = await township();
    const zhang = await ledger.call('volunteer.add', { name: '张队长', idNumber: id18('33010619800101011'), orgId: orgs.cuiyuan, registeredOn: '2018-01-01' });
    await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2019-01-01', leaderVolunteerId: zhang.id });
    await ledger.call('volunteer.leave', { id: zhang.id, leftOn: '2026-01-01' });
    const { preview: p } = await previewExport('teams');
    expect(p.rejected).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.counts).toMatchObject({ unchanged: 1 });
    // Named for a team they do not lead, a volunteer who left is still refused as its leader.
    const other = await previewOf(headers, [['翠苑博爱服务队', '翠苑社区', '张队长', '2023-03-01']], { kind: 'teams' });
    expect(reasons(other.preview, 'warnings')).toEqual([[2, '负责人“张队长”不是台账中在册的志愿者，未登记负责人；请先登记为志愿者，再在服务队中选择。']]);
  });

  it('makes the new leader of an existing team a member, as a created team’s leader is', async () => {
    const orgs = await township();
    const team = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2019-01-01' });
    const wang = await ledger.call('volunteer.add', { name: '王队长', idNumber: id18('33010619810101021'), orgId: orgs.cuiyuan, registeredOn: '2020-06-01' });
    const { jobId, preview: p } = await previewOf(headers, [['翠苑应急救护队', '翠苑社区', '王队长', '2019-01-01']], { kind: 'teams', onDuplicate: 'update' });
    expect(reasons(p, 'rejected')).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([]);
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1 });
    const result = await commit(ledger, jobId);
    expect(rows('SELECT leader_person_id FROM volunteer_team WHERE id = ?', team.id)).toEqual([{ leader_person_id: rows('SELECT person_id FROM volunteer WHERE id = ?', wang.id)[0]?.person_id }]);
    expect(rows('SELECT team_id, volunteer_id, joined_on, left_on FROM team_membership')).toEqual([{ team_id: team.id, volunteer_id: wang.id, joined_on: '2020-06-01', left_on: null }]);
    // Undo takes the membership back with the leader.
    await ledger.call('import.undo', { importId: result.importId as number });
    expect(rows('SELECT leader_person_id FROM volunteer_team WHERE id = ?', team.id)).toEqual([{ leader_person_id: null }]);
    expect(rows('SELECT count(*) AS n FROM team_membership')).toEqual([{ n: 0 }]);
  });
});

describe('team names as rows write them', () => {
  it('finds the own organisation’s team without its prefix, splits teams written with / or spaces, and suggests near names', async () => {
    const orgs = await township();
    const rescue = await ledger.call('team.add', { name: '翠苑应急救护队', orgId: orgs.cuiyuan, foundedOn: '2015-01-01' });
    const boai = await ledger.call('team.add', { name: '古荡博爱队', orgId: orgs.gudang, foundedOn: '2015-01-01' });
    const ids = ['33010619900101121', '33010619900101122', '33010619900101123', '33010619900101124', '33010619900101125'].map(id18);
    const { jobId, preview: p } = await previewOf(
      ['姓名', '身份证号码', '所属基层组织', '注册时间', '所属服务队'],
      [
        ['甲', ids[0]!, '翠苑社区', '2020-01-01', '应急救护队'],
        ['乙', ids[1]!, '翠苑社区', '2020-01-01', '翠苑应急救护队/古荡博爱队'],
        ['丙', ids[2]!, '古荡社区', '2020-01-01', '翠苑应急救护队 古荡博爱队'],
        ['丁', ids[3]!, '翠苑社区', '2020-01-01', '翠苑应急救援队'],
        ['戊', ids[4]!, '翠苑社区', '2020-01-01', '应急/宣传队'],
      ],
      { kind: 'volunteers' },
    );
    expect(reasons(p, 'rejected')).toEqual([]);
    expect(reasons(p, 'warnings')).toEqual([
      [3, '服务队“古荡博爱队”属于“城关镇古荡社区红十字会”，不是本行所属的组织；已按队名加入该队，如不对请导入后在“服务队”中调整。'],
      [4, '服务队“翠苑应急救护队”属于“城关镇翠苑社区红十字会”，不是本行所属的组织；已按队名加入该队，如不对请导入后在“服务队”中调整。'],
      [5, '台账中没有服务队“翠苑应急救援队”（台账中相近的有：“翠苑应急救护队”），已导入志愿者但未加入该队（如是其中之一请改正表中名称，否则导入时勾选新建服务队可自动新建）。'],
      [6, '台账中没有服务队“应急/宣传队”，已导入志愿者但未加入该队（导入时勾选新建服务队可自动新建）。'],
    ]);
    expect(p.counts).toMatchObject({ inserted: 5, rejected: 0 });
    await commit(ledger, jobId);
    expect(rows('SELECT p.name, m.team_id FROM team_membership m JOIN volunteer v ON v.id = m.volunteer_id JOIN person p ON p.id = v.person_id ORDER BY v.id, m.team_id')).toEqual([
      { name: '甲', team_id: rescue.id },
      { name: '乙', team_id: rescue.id },
      { name: '乙', team_id: boai.id },
      { name: '丙', team_id: rescue.id },
      { name: '丙', team_id: boai.id },
    ]);

    // Hours name the team the same way.
    const hours = await previewOf(hoursHeaders, [['甲', ids[0]!, '2026-06-01', '培训', 2, '应急救护队']], { kind: 'hours' });
    expect(hours.preview.rejected).toEqual([]);
    await commit(ledger, hours.jobId);
    expect(rows('SELECT team_id FROM service_record')).toEqual([{ team_id: rescue.id }]);
  });
});

describe('a volunteer roster', () => {
  it('says when a first-aid certificate has already expired, once', async () => {
    const orgs = await township();
    const id = id18('33010619900101123');
    const headers = ['姓名', '身份证号码', '所属基层组织', '注册时间', '救护员证号', '救护员证有效期至'];
    const sheet: SheetCell[][] = [['张三', id, '翠苑社区', '2020-01-01', 'JH2020001', '2023-12-31']];
    const first = await previewOf(headers, sheet, { kind: 'volunteers' });
    expect(reasons(first.preview, 'warnings')).toEqual([[2, '救护员证已于 2023-12-31 过期，请提醒复训换证。']]);
    await commit(ledger, first.jobId);
    expect(rows('SELECT organization_id FROM volunteer')).toEqual([{ organization_id: orgs.cuiyuan }]);
    // The same sheet again: nothing new to say.
    expect((await previewOf(headers, sheet, { kind: 'volunteers' })).preview.warnings).toEqual([]);
  });
});
