import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiOutput } from '../../src-main/core/api/contract';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { usccCheckChar } from '../../src-main/core/domain/uscc';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// Every import kind besides members, through the real dispatcher: a small sheet built here,
// uploaded in chunks, previewed, committed and undone, with the outcome asserted row by row
// and in the database. Today is 2026-06-15 (createTestLedger's clock).

type Cell = string | number | Date | null;
type Options = Omit<ApiInput<'import.preview'>, 'uploadId'>;

let ledger: TestLedger;
beforeEach(async () => {
  ledger = await createTestLedger();
});
afterEach(() => ledger.db.close());

const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const uscc18 = (first17: string) => first17 + usccCheckChar(first17);

async function xlsx(headers: string[], rows: Cell[][], opts: { footer?: string; savedOn?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = opts.savedOn ?? new Date('2026-06-10T02:00:00Z');
  wb.modified = opts.savedOn ?? new Date('2026-06-10T02:00:00Z');
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  if (opts.footer) sheet.addRow([opts.footer]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

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
    return xlsx(headers, [
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
        expect.objectContaining({ row: 3, field: '所属服务队', reason: '服务队“蓝天救援队”不在台账中，已导入志愿者但未加入该队（导入时勾选新建服务队可自动新建）。' }),
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
    const bytes = await xlsx(headers, [
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
});
