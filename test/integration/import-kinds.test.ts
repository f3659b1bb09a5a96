import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../src-main/core/api/contract';
import { orgCodeCheckChar, usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { id18 } from '../helpers/export-fixture';
import { rosterXlsx } from '../helpers/import';

// Every import kind besides members, through the real dispatcher: a small sheet built here,
// uploaded in chunks, previewed, committed and undone, with the outcome asserted row by row
// and in the database. Today is 2026-06-15 (createTestLedger's clock).

type Options = Omit<ApiInput<'import.preview'>, 'uploadId'>;

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(() => ledger.db.close());

const uscc18 = (first17: string) => first17 + usccCheckChar(first17);

async function upload(bytes: Buffer, name: string): Promise<string> {
  const { uploadId } = await ledger.call('file.uploadBegin', { name, size: bytes.length });
  await ledger.call('file.uploadChunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  await ledger.call('file.uploadFinish', { uploadId });
  return uploadId;
}

async function settle(jobId: string): Promise<ApiOutput<'job.get'>> {
  for (;;) {
    const state = await ledger.call('job.get', { jobId });
    if (state.state !== 'running') {
      if (state.state !== 'done') throw new Error(`job ${state.state}: ${state.error?.code} ${state.error?.message}`);
      return state;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function preview(bytes: Buffer, options: Options) {
  const uploadId = await upload(bytes, `${options.kind}.xlsx`);
  const { jobId } = await ledger.call('import.preview', { uploadId, ...options });
  const state = await settle(jobId);
  return { jobId, preview: state.preview! };
}

async function commit(jobId: string) {
  const { jobId: commitJob } = await ledger.call('import.commit', { jobId });
  return (await settle(commitJob)).result!;
}

const tables = [
  'organization',
  'person',
  'person_name_gram',
  'member',
  'volunteer',
  'volunteer_service_field',
  'volunteer_team',
  'team_membership',
  'service_record',
  'service_hours',
  'group_member',
] as const;

/** Every row of every table an import may touch, to prove an undo restores the ledger exactly. */
function snapshot(): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, ledger.db.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
}

function rows(sql: string, ...params: unknown[]): Record<string, unknown>[] {
  return ledger.db.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
}

async function undoAndCompare(importId: number, before: Record<string, unknown[]>) {
  const history = await ledger.call('import.history');
  expect(history.find((h) => h.id === importId)?.undoBlockedBy).toBeNull();
  await ledger.call('import.undo', { importId });
  expect(snapshot()).toEqual(before);
}

async function setupOrgs() {
  const town = await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' });
  const xiangshan = await ledger.call('org.add', { name: '象山社区红十字会', type: '社区', parentId: town.id });
  const school = await ledger.call('org.add', { name: '城关小学红十字会', type: '中小学', parentId: town.id });
  return { town: town.id, xiangshan: xiangshan.id, school: school.id };
}

describe('volunteers', () => {
  const wang = id18('33010619900102124');
  const li = id18('33010619850315131');
  const zhao = id18('33010619920808153');
  const sun = id18('33010619950505162');
  const zhou = id18('33010620000101177');
  const chen = id18('33010619880808128');
  const headers = ['姓名', '身份证号码', '手机号码', '所属基层组织', '注册时间', '服务领域', '所属服务队', '救护员证号', '救护员证有效期至', '累计服务时长'];

  async function setup() {
    const orgs = await setupOrgs();
    await ledger.call('member.add', { orgId: orgs.xiangshan, name: '李明', idNumber: li, joinedOn: '2020-01-01' });
    const team = await ledger.call('team.add', { name: '象山社区应急救护队', orgId: orgs.xiangshan, foundedOn: '2020-01-01' });
    const existing = await ledger.call('volunteer.add', { name: '陈静', idNumber: chen, orgId: orgs.xiangshan, registeredOn: '2022-03-01', phone: '13900000001' });
    return { orgs, team: team.id, chen: existing.id };
  }

  function sheet() {
    return rosterXlsx(headers, [
      ['王芳', wang, '139 0000 0002', '象山社区', '2021.5.4', '急救、献血、唱歌', '象山社区应急救护队', 'JH2024001', '2027-06-30', '36小时'],
      ['李明', li, null, null, '2023-01-01', null, '蓝天救援队', null, null, null],
      ['赵强', zhao, null, '象山社区', '2026-07-01', null, null, null, null, null],
      ['孙丽', sun, null, '象山社区', '2026-06-01', null, null, null, null, '3天'],
      ['周杰', zhou, null, '象山社区', '2026-06-08', null, null, null, null, 100],
      ['陈静', chen, '13900000009', '象山社区', '2022-03-01', null, null, null, null, null],
      ['王芳', wang, null, '象山社区', '2021-05-04', null, null, null, null, null],
    ]);
  }

  it('previews row by row, imports the valid rows, and undo restores the ledger', async () => {
    const { orgs, team, chen: chenId } = await setup();
    const before = snapshot();
    const { jobId, preview: p } = await preview(await sheet(), { kind: 'volunteers', onDuplicate: 'keep' });
    expect(p.counts).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rejected: 5 });
    expect(p.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, '注册时间'],
      [5, '累计服务时长'],
      [6, '累计服务时长'],
      [7, '身份证号码'],
      [8, '身份证号码'],
    ]);
    expect(p.rejected[0]!.reason).toContain('晚于今天');
    expect(p.rejected[1]!.reason).toContain('天');
    expect(p.rejected[2]!.reason).toMatch(/100 小时.*2026-06-08.*2026-06-10.*3 天.*72 小时/);
    expect(p.rejected[3]!.reason).toContain('手机号码');
    expect(p.rejected[3]!.reason).toContain('保留台账中的');
    expect(p.rejected[4]!.reason).toContain('第 2 行');
    expect(p.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, field: '服务领域', reason: expect.stringContaining('唱歌') }),
        expect.objectContaining({ row: 3, field: '所属服务队', reason: '台账中没有服务队“蓝天救援队”，已导入志愿者但未加入该队（导入时勾选新建服务队可自动新建）。' }),
      ]),
    );
    expect(p.unmatchedTeams.map((t) => t.name)).toEqual(['蓝天救援队']);
    expect(p.willCreate.teams).toEqual([]);

    const result = await commit(jobId);
    expect(result.counts.inserted).toBe(2);
    const volunteers = rows(
      `SELECT p.name, v.organization_id, v.registered_on, v.first_aid_cert_no, v.first_aid_cert_expires_on, (SELECT count(*) FROM person q WHERE q.id_number = p.id_number) AS persons
       FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.id <> ? ORDER BY v.id`,
      chenId,
    );
    expect(volunteers).toEqual([
      { name: '王芳', organization_id: orgs.xiangshan, registered_on: '2021-05-04', first_aid_cert_no: 'JH2024001', first_aid_cert_expires_on: '2027-06-30', persons: 1 },
      // A member becomes a volunteer without a second person record; no org column, no default: none.
      { name: '李明', organization_id: null, registered_on: '2023-01-01', first_aid_cert_no: null, first_aid_cert_expires_on: null, persons: 1 },
    ]);
    const wangId = rows(`SELECT v.id FROM volunteer v JOIN person p ON p.id = v.person_id WHERE p.name = '王芳'`)[0]!.id;
    expect(rows('SELECT f.name FROM volunteer_service_field x JOIN service_field f ON f.id = x.field_id WHERE x.volunteer_id = ? ORDER BY f.name', wangId).map((r) => r.name).sort()).toEqual(
      ['应急救护', '无偿献血'].sort(),
    );
    expect(rows('SELECT team_id, joined_on FROM team_membership WHERE volunteer_id = ?', wangId)).toEqual([{ team_id: team, joined_on: '2021-05-04' }]);
    // 36 hours before the ledger: 24 h on the sheet's date and 12 h the day before (≤ 24 h a day).
    expect(rows('SELECT r.held_on, r.title, h.minutes FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE h.volunteer_id = ? ORDER BY r.held_on', wangId)).toEqual([
      { held_on: '2026-06-09', title: '导入前累计服务时长', minutes: 720 },
      { held_on: '2026-06-10', title: '导入前累计服务时长', minutes: 1440 },
    ]);
    expect(rows(`SELECT phone FROM person WHERE name = '陈静'`)).toEqual([{ phone: '13900000001' }]);

    await undoAndCompare(result.importId, before);
  });

  it('updates an existing volunteer and creates an unknown team when asked, and undo removes both', async () => {
    const { orgs, chen: chenId } = await setup();
    const before = snapshot();
    const bytes = await rosterXlsx(headers, [
      ['陈静', chen, '13900000009', '象山社区', '2022-03-01', '养老服务', '蓝天救援队', null, null, null],
      ['李明', li, null, '城关小学', '2023-01-01', null, '蓝天救援队', null, null, null],
      ['陈静', chen, '13900000001', '象山社区', '2022-03-01', null, null, null, null, null],
    ]);
    const { jobId, preview: p } = await preview(bytes, { kind: 'volunteers', onDuplicate: 'update', createTeams: true });
    expect(p.counts).toMatchObject({ inserted: 1, updated: 1, rejected: 1 });
    expect(p.willCreate.teams).toEqual(['蓝天救援队']);
    expect(p.unmatchedTeams).toEqual([]);
    const result = await commit(jobId);
    const created = rows(`SELECT id, organization_id, led_by_county, founded_on FROM volunteer_team WHERE name = '蓝天救援队'`);
    // Created under the first volunteer's organisation, founded by the earliest registration.
    expect(created).toEqual([{ id: expect.any(Number), organization_id: orgs.xiangshan, led_by_county: 0, founded_on: '2022-03-01' }]);
    expect(rows('SELECT volunteer_id FROM team_membership WHERE team_id = ? ORDER BY volunteer_id', created[0]!.id).length).toBe(2);
    expect(rows(`SELECT phone FROM person WHERE name = '陈静'`)).toEqual([{ phone: '13900000009' }]);
    expect(rows(`SELECT count(*) AS n FROM volunteer_service_field WHERE volunteer_id = ?`, chenId)).toEqual([{ n: 1 }]);
    await undoAndCompare(result.importId, before);
  });

  it('shows a team it created in the team\'s history, and an edit of the team afterwards blocks the undo', async () => {
    await setup();
    const bytes = await rosterXlsx(headers, [['李明', li, null, '城关小学', '2023-01-01', null, '蓝天救援队', null, null, null]]);
    const result = await commit((await preview(bytes, { kind: 'volunteers', createTeams: true })).jobId);
    const teamId = rows(`SELECT id FROM volunteer_team WHERE name = '蓝天救援队'`)[0]!.id as number;
    expect((await ledger.call('team.history', { id: teamId })).map((h) => [h.actionLabel, h.newValue])).toEqual([['导入', '导入自“volunteers.xlsx”']]);
    await ledger.call('team.update', { id: teamId, changes: { name: '蓝天救援二队' } });
    const history = await ledger.call('import.history');
    expect(history.find((h) => h.id === result.importId)?.undoBlockedBy).toMatch(/修改/);
  });
});

describe('volunteers: teams sharing a name', () => {
  it("joins the team of the volunteer's own organisation", async () => {
    const orgs = await setupOrgs();
    await ledger.call('team.add', { name: '应急救护队', orgId: orgs.xiangshan, foundedOn: '2020-01-01' });
    const school = await ledger.call('team.add', { name: '应急救护队', orgId: orgs.school, foundedOn: '2020-01-01' });
    const bytes = await rosterXlsx(['姓名', '身份证号码', '所属基层组织', '注册时间', '所属服务队'], [['王芳', id18('33010619900102124'), '城关小学', '2021-05-04', '应急救护队']]);
    const { jobId, preview: p } = await preview(bytes, { kind: 'volunteers' });
    expect(p.counts).toMatchObject({ inserted: 1, rejected: 0, warnings: 0 });
    await commit(jobId);
    expect(rows('SELECT team_id FROM team_membership')).toEqual([{ team_id: school.id }]);
  });
});

describe('group members', () => {
  const codeA = uscc18('91330106MA2AAAAA1');
  const codeB = uscc18('91330106MA2BBBBB2');
  const legacy = `12345678-${orgCodeCheckChar('12345678')}`;
  const badCode = codeA.slice(0, 17) + (codeA.endsWith('1') ? '2' : '1');

  it('checks codes, finds duplicates in the file and the ledger, imports and undoes', async () => {
    const orgs = await setupOrgs();
    await ledger.call('group.add', { unitName: '老会员公司', uscc: codeB, joinedOn: '2020-01-01' });
    const before = snapshot();
    const bytes = await rosterXlsx(
      ['单位名称', '统一社会信用代码', '所属基层组织', '联系人', '联系电话', '入会时间'],
      [
        ['杭州某某科技有限公司', codeA, '城关镇', '张 三', '0571-87654321', '2024.3'],
        ['西湖某某商行', legacy, '城关镇', null, null, '2023-05-01'],
        ['某某超市', badCode, '城关镇', null, null, '2023-05-01'],
        ['无代码单位', null, null, null, null, '2025-01-01'],
        ['科技公司（重复）', codeA, '城关镇', null, null, '2024-03-01'],
        ['老会员公司', codeB, null, null, null, '2020-01-01'],
        [null, null, '城关镇', '李四', null, '2024-01-01'],
        ['缺日期单位', null, '城关镇', null, null, null],
      ],
    );
    const { jobId, preview: p } = await preview(bytes, { kind: 'group-members', onDuplicate: 'keep' });
    expect(p.counts).toMatchObject({ inserted: 3, updated: 0, unchanged: 1, rejected: 4 });
    expect(p.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, '统一社会信用代码'],
      [6, '统一社会信用代码'],
      [8, '单位名称'],
      [9, '入会时间'],
    ]);
    expect(p.rejected[0]!.reason).toContain('校验码');
    expect(p.rejected[1]!.reason).toContain('第 2 行');
    expect(p.warnings).toContainEqual(expect.objectContaining({ row: 3, field: '统一社会信用代码', reason: expect.stringContaining('9 位组织机构代码') }));
    expect(p.duplicates.map((d) => [d.row, d.where])).toEqual([
      [6, 'file'],
      [7, 'ledger'],
    ]);

    const result = await commit(jobId);
    expect(rows(`SELECT unit_name, uscc, legacy_org_code, organization_id, contact_name, contact_phone, joined_on FROM group_member WHERE unit_name <> '老会员公司' ORDER BY id`)).toEqual([
      { unit_name: '杭州某某科技有限公司', uscc: codeA, legacy_org_code: null, organization_id: orgs.town, contact_name: '张三', contact_phone: '0571-87654321', joined_on: '2024-03-01' },
      { unit_name: '西湖某某商行', uscc: null, legacy_org_code: legacy, organization_id: orgs.town, contact_name: null, contact_phone: null, joined_on: '2023-05-01' },
      { unit_name: '无代码单位', uscc: null, legacy_org_code: null, organization_id: null, contact_name: null, contact_phone: null, joined_on: '2025-01-01' },
    ]);
    await undoAndCompare(result.importId, before);
  });

  it('updates only the fields that differ when asked, and undo puts them back', async () => {
    await setupOrgs();
    await ledger.call('group.add', { unitName: '老会员公司', uscc: codeB, joinedOn: '2020-01-01', contactName: '王五' });
    const before = snapshot();
    const bytes = await rosterXlsx(['单位名称', '统一社会信用代码', '联系人', '联系电话', '入会时间'], [['老会员公司', codeB, null, '13900000003', '2020-01-01']]);
    const { jobId, preview: p } = await preview(bytes, { kind: 'group-members', onDuplicate: 'update' });
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1, rejected: 0 });
    const result = await commit(jobId);
    expect(rows(`SELECT contact_name, contact_phone FROM group_member`)).toEqual([{ contact_name: '王五', contact_phone: '13900000003' }]);
    await undoAndCompare(result.importId, before);
  });
});

describe('teams', () => {
  it('checks organisation or county lead, leaders, registration and duplicates; imports and undoes', async () => {
    const orgs = await setupOrgs();
    const leader = await ledger.call('volunteer.add', { name: '陈静', idNumber: id18('33010619880808128'), orgId: orgs.xiangshan, registeredOn: '2022-03-01' });
    await ledger.call('team.add', { name: '象山社区应急救护队', orgId: orgs.xiangshan, foundedOn: '2020-01-01' });
    const before = snapshot();
    const bytes = await rosterXlsx(
      ['服务队名称', '服务领域', '所属基层组织', '负责人', '成立日期', '是否登记注册', '登记证号', '是否建立党支部', '县红会直属'],
      [
        ['象山社区红十字志愿服务队', '急救', '象山社区', '陈 静', '2021-03-01', '否', null, '是', '否'],
        ['县红会应急救援队', '应急救援', null, null, '2019-05-01', '是', '浙民社2019001', '无', '是'],
        ['城关小学红十字少年队', '红十字文化传播', '城关小学', '无名氏', '2022-09-01', null, null, null, null],
        ['象山社区应急救护队', null, '象山社区', null, '2020-01-01', null, null, null, null],
        ['象山社区红十字志愿服务队', null, '象山社区', null, '2021-03-01', null, null, null, null],
        ['登记队', null, '城关镇', null, '2021-01-01', '是', null, null, null],
        ['冲突队', null, '象山社区', null, '2021-01-01', null, null, null, '是'],
        ['无日期队', null, '城关镇', null, null, null, null, null, null],
      ],
    );
    const { jobId, preview: p } = await preview(bytes, { kind: 'teams', onDuplicate: 'keep' });
    expect(p.counts).toMatchObject({ inserted: 4, updated: 0, unchanged: 1, rejected: 3 });
    expect(p.rejected.map((r) => [r.row, r.field])).toEqual([
      [6, '服务队名称'],
      [8, '所属基层组织'],
      [9, '成立日期'],
    ]);
    expect(p.warnings).toContainEqual(expect.objectContaining({ row: 4, field: '负责人', reason: expect.stringContaining('无名氏') }));
    // 是 without the number: imported as registered, the clerk is asked to add the number.
    expect(p.warnings).toContainEqual(expect.objectContaining({ row: 7, field: '登记证号', reason: expect.stringContaining('补填') }));

    const result = await commit(jobId);
    const teams = rows(
      `SELECT t.name, f.name AS field, t.organization_id, t.led_by_county, t.leader_person_id, t.is_registered_org, t.registration_no, t.has_party_branch, t.founded_on
       FROM volunteer_team t LEFT JOIN service_field f ON f.id = t.field_id WHERE t.name <> '象山社区应急救护队' ORDER BY t.id`,
    );
    expect(teams).toEqual([
      { name: '象山社区红十字志愿服务队', field: '应急救护', organization_id: orgs.xiangshan, led_by_county: 0, leader_person_id: leader.personId, is_registered_org: 0, registration_no: null, has_party_branch: 1, founded_on: '2021-03-01' },
      { name: '县红会应急救援队', field: '应急救援', organization_id: null, led_by_county: 1, leader_person_id: null, is_registered_org: 1, registration_no: '浙民社2019001', has_party_branch: 0, founded_on: '2019-05-01' },
      { name: '城关小学红十字少年队', field: '红十字文化传播', organization_id: orgs.school, led_by_county: 0, leader_person_id: null, is_registered_org: 0, registration_no: null, has_party_branch: 0, founded_on: '2022-09-01' },
      { name: '登记队', field: null, organization_id: orgs.town, led_by_county: 0, leader_person_id: null, is_registered_org: 1, registration_no: null, has_party_branch: 0, founded_on: '2021-01-01' },
    ]);
    // The leader serves in the team they lead.
    expect(rows(`SELECT m.volunteer_id FROM team_membership m JOIN volunteer_team t ON t.id = m.team_id WHERE t.name = '象山社区红十字志愿服务队'`)).toEqual([{ volunteer_id: leader.id }]);
    await undoAndCompare(result.importId, before);
  });
});

describe('hours', () => {
  const wang = id18('33010619900102124');
  const chen = id18('33010619880808128');
  const maskedChen = `${chen.slice(0, 6)}********${chen.slice(-4)}`;
  const headers = ['姓名', '身份证号码', '服务日期', '活动名称', '服务时长（小时）', '服务队', '服务地点'];

  async function setup() {
    const orgs = await setupOrgs();
    const team = await ledger.call('team.add', { name: '象山社区应急救护队', orgId: orgs.xiangshan, foundedOn: '2020-01-01' });
    const w = await ledger.call('volunteer.add', { name: '王芳', idNumber: wang, orgId: orgs.xiangshan, registeredOn: '2021-05-04' });
    const c = await ledger.call('volunteer.add', { name: '陈静', idNumber: chen, orgId: orgs.xiangshan, registeredOn: '2022-03-01' });
    await ledger.call('volunteer.add', { name: '李强', idNumber: id18('33010619700101111'), orgId: orgs.xiangshan, registeredOn: '2022-03-01' });
    await ledger.call('volunteer.add', { name: '李强', idNumber: id18('33010619800101111'), orgId: orgs.school, registeredOn: '2022-03-01' });
    const record = await ledger.call('service.add', { heldOn: '2026-05-08', teamId: team.id, category: '关爱老人', title: '世界红十字日宣传', entries: [{ volunteerId: w.id, hours: 3 }] });
    return { team: team.id, wang: w.id, chen: c.id, record: record.id };
  }

  it('groups rows into activities, enforces the daily limit and dates, and undo restores the ledger', async () => {
    const ids = await setup();
    const before = snapshot();
    const bytes = await rosterXlsx(headers, [
      ['王芳', wang, '2026-06-01', '社区义诊', 3, '象山社区应急救护队', '象山社区'],
      ['陈静', chen, '2026-06-01', '社区义诊', '2.5小时', '象山社区应急救护队', null],
      ['陈静', maskedChen, '2026-06-02', '应急演练', 20, null, null],
      ['陈静', chen, '2026-06-02', '另一活动', 5, null, null],
      ['王芳', wang, '2026-05-08', '世界红十字日宣传', 3, '象山社区应急救护队', null],
      ['陈静', chen, '2026-05-08', '世界红十字日宣传', 2, '象山社区应急救护队', null],
      ['李强', null, '2026-06-01', '社区义诊', 1, '象山社区应急救护队', null],
      ['王芳', wang, '2026-06-03', '培训', '1天', null, null],
      ['王芳', wang, '2026-07-01', '未来活动', 2, null, null],
      ['王芳', wang, '2020-01-01', '早期活动', 2, null, null],
      ['王芳', wang, '2026-06-01', '社区义诊', 1, '象山社区应急救护队', null],
    ]);
    const { jobId, preview: p } = await preview(bytes, { kind: 'hours', onDuplicate: 'keep' });
    expect(p.counts).toMatchObject({ inserted: 4, updated: 0, unchanged: 1, rejected: 6 });
    expect(p.rejected.map((r) => [r.row, r.field])).toEqual([
      [5, '服务时长（小时）'],
      [8, '姓名'],
      [9, '服务时长（小时）'],
      [10, '服务日期'],
      [11, '服务日期'],
      [12, '姓名'],
    ]);
    expect(p.rejected[0]!.reason).toContain('共 25 小时');
    expect(p.rejected[1]!.reason).toContain('2 名志愿者');
    expect(p.rejected[2]!.reason).toContain('天');
    expect(p.rejected[3]!.reason).toContain('晚于今天');
    expect(p.rejected[4]!.reason).toContain('2021-05-04');
    expect(p.rejected[5]!.reason).toContain('第 2 行');

    const result = await commit(jobId);
    expect(
      rows(
        `SELECT r.held_on, r.title, r.team_id, r.place, p.name, h.minutes FROM service_hours h JOIN service_record r ON r.id = h.service_record_id
         JOIN volunteer v ON v.id = h.volunteer_id JOIN person p ON p.id = v.person_id ORDER BY r.held_on, r.id, p.name`,
      ),
    ).toEqual([
      { held_on: '2026-05-08', title: '世界红十字日宣传', team_id: ids.team, place: null, name: '王芳', minutes: 180 },
      { held_on: '2026-05-08', title: '世界红十字日宣传', team_id: ids.team, place: null, name: '陈静', minutes: 120 },
      { held_on: '2026-06-01', title: '社区义诊', team_id: ids.team, place: '象山社区', name: '王芳', minutes: 180 },
      { held_on: '2026-06-01', title: '社区义诊', team_id: ids.team, place: '象山社区', name: '陈静', minutes: 150 },
      { held_on: '2026-06-02', title: '应急演练', team_id: null, place: null, name: '陈静', minutes: 1200 },
    ]);
    expect(rows('SELECT count(*) AS n FROM service_record')).toEqual([{ n: 3 }]);
    await undoAndCompare(result.importId, before);
  });

  it('updates hours already recorded when asked, and undo restores them', async () => {
    const ids = await setup();
    const before = snapshot();
    const bytes = await rosterXlsx(headers, [['王芳', wang, '2026-05-08', '世界红十字日宣传', 4, '象山社区应急救护队', null]]);
    const { jobId, preview: p } = await preview(bytes, { kind: 'hours', onDuplicate: 'update' });
    expect(p.counts).toMatchObject({ inserted: 0, updated: 1, rejected: 0 });
    const result = await commit(jobId);
    expect(rows('SELECT minutes FROM service_hours WHERE service_record_id = ? AND volunteer_id = ?', ids.record, ids.wang)).toEqual([{ minutes: 240 }]);
    await undoAndCompare(result.importId, before);
  });
});

describe('organisations', () => {
  it('reads parents from the ledger and earlier rows, types from names, division codes; imports and undoes', async () => {
    const town = await ledger.call('org.add', { name: '城关镇红十字会', type: '乡镇' });
    const before = snapshot();
    const bytes = await rosterXlsx(
      ['组织名称', '组织类型', '上级组织', '行政区划代码', '成立日期', '负责人', '负责人电话'],
      [
        ['东湖街道红十字会', null, null, '330106001000', '2018-05-01', '王主任', '13800000001'],
        ['东湖社区红十字会', '社区', '东湖街道', '330106001001', '2019-01-01', null, null],
        ['城关镇新村红十字会', null, '城关镇', '330106', null, null, null],
        ['城关镇红十字会', '乡镇', null, null, null, null, null],
        ['爱心之家红十字会', null, '城关镇', null, null, null, null],
        ['西山村红十字会', null, '西山镇', null, null, null, null],
        ['错码组织', null, '城关镇', '440106001000', null, null, null],
        [null, '村', '城关镇', null, null, '赵六', null],
        ['东湖社区红十字会', null, '东湖街道红十字会', null, null, null, null],
        ['未来组织', null, '城关镇', null, '2027-01-01', null, null],
      ],
    );
    const { jobId, preview: p } = await preview(bytes, { kind: 'orgs', onDuplicate: 'keep' });
    expect(p.counts).toMatchObject({ inserted: 4, updated: 0, unchanged: 1, rejected: 5 });
    expect(p.rejected.map((r) => [r.row, r.field])).toEqual([
      [7, '上级组织'],
      [8, '行政区划代码'],
      [9, '组织名称'],
      [10, '组织名称'],
      [11, '成立日期'],
    ]);
    expect(p.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 4, field: '行政区划代码', reason: expect.stringContaining('12 位') }),
        expect.objectContaining({ row: 6, field: '组织类型', reason: expect.stringContaining('无法从名称') }),
      ]),
    );
    expect(p.unmatchedOrgs.map((o) => o.name)).toEqual(['西山镇']);

    const result = await commit(jobId);
    const created = rows(
      `SELECT o.name, t.name AS type, parent.name AS parent, o.division_code, o.founded_on, o.leader_name, o.leader_phone
       FROM organization o LEFT JOIN organization_type t ON t.id = o.type_id LEFT JOIN organization parent ON parent.id = o.parent_id WHERE o.id <> ? ORDER BY o.id`,
      town.id,
    );
    expect(created).toEqual([
      { name: '东湖街道红十字会', type: '街道', parent: null, division_code: '330106001000', founded_on: '2018-05-01', leader_name: '王主任', leader_phone: '13800000001' },
      { name: '东湖社区红十字会', type: '社区', parent: '东湖街道红十字会', division_code: '330106001001', founded_on: '2019-01-01', leader_name: null, leader_phone: null },
      { name: '城关镇新村红十字会', type: '村', parent: '城关镇红十字会', division_code: null, founded_on: null, leader_name: null, leader_phone: null },
      { name: '爱心之家红十字会', type: null, parent: '城关镇红十字会', division_code: null, founded_on: null, leader_name: null, leader_phone: null },
    ]);
    await undoAndCompare(result.importId, before);
  });

  it('shows an update of a team in its history, and a later edit of that team blocks the undo', async () => {
    const orgs = await setupOrgs();
    const team = await ledger.call('team.add', { name: '象山社区应急救护队', orgId: orgs.xiangshan, foundedOn: '2020-01-01' });
    const bytes = await rosterXlsx(['服务队名称', '所属基层组织', '成立日期', '是否建立党支部'], [['象山社区应急救护队', '象山社区', '2020-01-01', '是']]);
    const result = await commit((await preview(bytes, { kind: 'teams', onDuplicate: 'update' })).jobId);
    expect((await ledger.call('team.history', { id: team.id }))[0]).toMatchObject({ actionLabel: '导入', newValue: '1' });
    await ledger.call('team.update', { id: team.id, changes: { name: '象山社区应急救护一队' } });
    const history = await ledger.call('import.history');
    expect(history.find((h) => h.id === result.importId)?.undoBlockedBy).toMatch(/修改/);
  });
});
