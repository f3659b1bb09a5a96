import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';

// The volunteer, team, hours and stars command lines are a contract that outside checks run exactly as written.
const root = path.resolve(import.meta.dirname, '../..');
const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
const wangFang = id18('33010619850312002');
const liMing = id18('33010619900101003');

function ledger(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json(...args: string[]) {
  const result = ledger(...args, '--json');
  return { ...result, value: JSON.parse(result.stdout) as Record<string, unknown> };
}

type Row = Record<string, unknown>;

let db: string;
let orgId: string;
beforeAll(() => {
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-vol-')), 'ledger.sqlite');
  expect(json('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会').status).toBe(0);
  orgId = String(json('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区').value.id);
});

// Each command line starts a Node process (about a second), so these tests take longer than most.
describe('ledger volunteer / team / hours / stars', { timeout: 240_000 }, () => {
  it('adds teams and volunteers, reuses a known person, lists masked rows with hours and stars', () => {
    const team = json('team', 'add', '--db', db, '--name', '象山社区红十字志愿服务队', '--org', orgId, '--field', '应急救护', '--founded-on', '2019-01-01');
    expect(team.status).toBe(0);
    expect(team.value).toMatchObject({ name: '象山社区红十字志愿服务队', orgId: Number(orgId), ledByCounty: false, field: '应急救护' });
    const both = json('team', 'add', '--db', db, '--name', '某队', '--org', orgId, '--county');
    expect(both.status).toBe(1);
    expect(both.value).toMatchObject({ error: { code: 'INVALID_INPUT' } });

    const member = json('member', 'add', '--db', db, '--org', orgId, '--name', '王芳', '--id-number', wangFang, '--phone', '13812345678');
    const v = json('volunteer', 'add', '--db', db, '--name', '王芳', '--id-number', wangFang, '--org', orgId, '--fields', '应急救护,无偿献血', '--team', String(team.value.id),
      '--registered-on', '2020-01-01', '--national-no', '33010620200001', '--cert-no', 'JH2024001', '--cert-expires', '2030-01-01');
    expect(v.status).toBe(0);
    expect(v.value).toMatchObject({ personId: member.value.personId, name: '王芳', isMember: true, fields: ['应急救护', '无偿献血'], nationalRegistered: true, certNo: 'JH2024001', phone: '138****5678', alreadyExisted: false });
    expect(v.value.idNumber).toBe(`${wangFang.slice(0, 6)}********${wangFang.slice(-4)}`);
    const again = json('volunteer', 'add', '--db', db, '--name', '王芳', '--id-number', wangFang);
    expect(again.value).toMatchObject({ id: v.value.id, alreadyExisted: true });
    const bad = json('volunteer', 'add', '--db', db, '--name', '张三', '--id-number', `${wangFang.slice(0, 17)}${wangFang.endsWith('1') ? '2' : '1'}`);
    expect(bad.status).toBe(1);
    expect(bad.value).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(bad.stderr).toContain('证件号码');
    const county = json('team', 'add', '--db', db, '--name', '西湖区红十字应急救援队', '--county', '--leader', String(v.value.id), '--party-branch', '--founded-on', '2018-06-01');
    expect(county.value).toMatchObject({ ledByCounty: true, orgId: null, leaderName: '王芳', hasPartyBranch: true, memberCount: 1 });
    json('volunteer', 'add', '--db', db, '--name', '李明', '--id-number', liMing, '--registered-on', '2021-03-01');

    const teams = json('team', 'list', '--db', db);
    expect((teams.value as unknown as Row[]).map((t) => t.name)).toEqual(['西湖区红十字应急救援队', '象山社区红十字志愿服务队']);
    expect((json('team', 'list', '--db', db, '--org', orgId).value as unknown as Row[]).map((t) => t.name)).toEqual(['象山社区红十字志愿服务队']);

    const list = json('volunteer', 'list', '--db', db);
    expect(list.status).toBe(0);
    const rows = list.value.rows as Row[];
    expect(rows.map((r) => r.name)).toEqual(['李明', '王芳']);
    expect(list.value.nextCursor).toBeNull();
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'personId', 'name', 'gender', 'idNumber', 'phone', 'orgId', 'orgName', 'status', 'registeredOn', 'hours', 'starLevel']));
    expect(list.stdout).not.toContain(wangFang);
    expect(list.stdout).not.toContain('13812345678');
    expect(rows.find((r) => r.name === '王芳')).toMatchObject({ phone: '138****5678', orgName: '象山社区红十字会', status: 'active', registeredOn: '2020-01-01', hours: 0, starLevel: null });
    expect((json('volunteer', 'list', '--db', db, '--org', orgId).value.rows as Row[]).map((r) => r.name)).toEqual(['王芳']);
    expect((json('volunteer', 'list', '--db', db, '--search', '李').value.rows as Row[]).map((r) => r.name)).toEqual(['李明']);
    expect((json('volunteer', 'list', '--db', db, '--search', wangFang.slice(-4)).value.rows as Row[]).map((r) => r.name)).toEqual(['王芳']);
    expect((json('volunteer', 'list', '--db', db, '--team', String(county.value.id)).value.rows as Row[]).map((r) => r.name)).toEqual(['王芳']);
    const first = json('volunteer', 'list', '--db', db, '--limit', '1');
    expect(first.value.nextCursor).toMatch(/^\S+$/);
    const second = json('volunteer', 'list', '--db', db, '--limit', '1', '--after', String(first.value.nextCursor));
    expect((second.value.rows as Row[]).map((r) => r.name)).toEqual(['王芳']);
    expect(second.value.nextCursor).toBeNull();
    expect((json('volunteer', 'list', '--db', db, '--status', 'left').value.rows as Row[])).toEqual([]);
  });

  it('records hours, refuses implausible ones without writing, and reports and awards stars', () => {
    const teamId = String((json('team', 'list', '--db', db, '--org', orgId).value as unknown as Row[])[0]!.id);
    const people = json('volunteer', 'list', '--db', db).value.rows as Row[];
    const wang = String(people.find((r) => r.name === '王芳')!.id);
    const li = String(people.find((r) => r.name === '李明')!.id);

    const record = json('hours', 'add', '--db', db, '--team', teamId, '--date', '2024-05-08', '--category', '世界红十字日', '--title', '世界红十字日主题宣传', '--place', '象山社区',
      '--households', '10', '--people', '40', '--volunteer', wang, '--hours', '20', '--volunteer', li, '--hours', '2.5');
    expect(record.status).toBe(0);
    expect(record.value).toMatchObject({ heldOn: '2024-05-08', category: '世界红十字日', title: '世界红十字日主题宣传', households: 10, people: 40, volunteerCount: 2, hours: 22.5 });
    expect((record.value.entries as Row[]).map((e) => [e.name, e.hours])).toEqual([['李明', 2.5], ['王芳', 20]]);

    const over = json('hours', 'add', '--db', db, '--team', teamId, '--date', '2024-05-08', '--category', '关爱老人', '--volunteer', li, '--hours', '1', '--volunteer', wang, '--hours', '5');
    expect(over.status).toBe(1);
    expect(over.value).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(over.stderr).toContain('第 2 行（王芳）');
    const unpaired = json('hours', 'add', '--db', db, '--team', teamId, '--date', '2024-05-09', '--category', '关爱老人', '--volunteer', wang, '--volunteer', li, '--hours', '1');
    expect(unpaired.status).toBe(1);
    expect(json('hours', 'add', '--db', db, '--team', teamId, '--date', '2099-01-01', '--category', '关爱老人', '--volunteer', wang, '--hours', '1').status).toBe(1);
    expect((json('hours', 'list', '--db', db).value.rows as Row[])).toHaveLength(1);

    // 王芳 reaches 100 hours on the fifth day.
    for (const date of ['2024-05-09', '2024-05-10', '2024-05-11', '2024-05-12']) {
      expect(json('hours', 'add', '--db', db, '--team', teamId, '--date', date, '--category', '关爱老人', '--volunteer', wang, '--hours', '20').status).toBe(0);
    }
    const before = json('stars', '--db', db, '--as-of', '2024-05-11');
    expect(before.status).toBe(0);
    expect(before.value).toMatchObject({ asOf: '2024-05-11', thresholds: [100, 300, 600, 1000, 1500], candidates: [] });
    expect((before.value.levels as Row[])[0]).toEqual({ level: 1, thresholdHours: 100, eligible: 0, awarded: 0 });
    const now = json('stars', '--db', db);
    expect((now.value.levels as Row[]).map((l) => l.eligible)).toEqual([1, 0, 0, 0, 0]);

    const four = json('stars', 'award', '--db', db, '--volunteer', wang, '--level', '4', '--on', '2024-12-05');
    expect(four.status).toBe(1);
    expect(four.stderr).toContain('1–3 星');
    const early = json('stars', 'award', '--db', db, '--volunteer', wang, '--level', '1', '--on', '2024-05-11');
    expect(early.status).toBe(1);
    const award = json('stars', 'award', '--db', db, '--volunteer', wang, '--level', '1', '--on', '2024-12-05', '--document-no', '西红〔2024〕30号');
    expect(award.status).toBe(0);
    expect(award.value).toMatchObject({ level: 1, awardedOn: '2024-12-05', documentNo: '西红〔2024〕30号', hoursAtAward: 100, awardingLevel: 'county' });
    expect(json('stars', 'award', '--db', db, '--volunteer', wang, '--level', '1', '--on', '2024-12-06').status).toBe(1);
    const after = json('stars', '--db', db);
    expect((after.value.levels as Row[]).map((l) => [l.eligible, l.awarded])).toEqual([[0, 1], [0, 0], [0, 0], [0, 0], [0, 0]]);
    expect((json('volunteer', 'list', '--db', db, '--search', '王芳').value.rows as Row[])[0]).toMatchObject({ hours: 100, starLevel: 1 });
    expect((json('stars', 'register', '--db', db).value.rows as Row[]).map((r) => r.documentNo)).toEqual(['西红〔2024〕30号']);
  });
});
