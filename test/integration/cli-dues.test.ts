import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';

// The dues and group member command lines, run exactly as outside checks run them (each call
// spawns the CLI, a few seconds on a loaded machine: the tests get generous timeouts). The CLI uses
// the real clock, so the fixtures use years that are completed whenever this runs (2026 or later).
const root = path.resolve(import.meta.dirname, '../..');

function ledger(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T = Record<string, unknown>>(...args: string[]) {
  const result = ledger(...args, '--json');
  return { ...result, value: JSON.parse(result.stdout) as T };
}

const idNumber = (first17: string) => first17 + residentIdCheckChar(first17);

let db: string;
let orgId: number;
let flagged: number;
let paying: number;
beforeAll(() => {
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-dues-')), 'ledger.sqlite');
  expect(json('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会').status).toBe(0);
  orgId = json<{ id: number }>('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区').value.id;
  const add = (name: string, first17: string) =>
    json<{ id: number }>('member', 'add', '--db', db, '--org', String(orgId), '--name', name, '--id-number', idNumber(first17), '--join-date', '2021-03-01').value.id;
  flagged = add('王芳', '33010619850312001');
  paying = add('李强', '33010619800101003');
}, 180_000);

describe('ledger dues', () => {
  it('records dues with amounts in 元 and refuses bad input with exit 1 and one JSON error', () => {
    const paid = json('dues', 'record', '--db', db, '--member', String(paying), '--year', '2025', '--status', 'paid', '--amount', '12.5', '--paid-on', '2025-03-01');
    expect(paid.status).toBe(0);
    expect(paid.value).toEqual({ memberId: paying, year: 2025, status: 'paid', amountFen: 1250, paidOn: '2025-03-01' });
    for (const year of ['2022', '2023', '2024']) {
      expect(json('dues', 'record', '--db', db, '--member', String(paying), '--year', year, '--status', 'paid', '--paid-on', `${year}-03-01`).status).toBe(0);
    }
    expect(json('dues', 'record', '--db', db, '--member', String(flagged), '--year', '2022', '--status', 'paid', '--paid-on', '2022-03-01').status).toBe(0);
    const defaulted = json('dues', 'record', '--db', db, '--member', String(flagged), '--year', '2023', '--status', 'unpaid');
    expect(defaulted.value).toMatchObject({ amountFen: 1000, paidOn: null });

    const bad = json('dues', 'record', '--db', db, '--member', String(flagged), '--year', '2025', '--status', 'paid', '--amount', '10.123');
    expect(bad.status).toBe(1);
    expect(bad.value).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const early = json('dues', 'record', '--db', db, '--member', String(flagged), '--year', '2019', '--status', 'paid');
    expect(early.status).toBe(1);
    expect((early.value as { error: { message: string } }).error.message).toContain('「年度」');
    expect(json('dues', 'record', '--db', db, '--member', '9999', '--year', '2025', '--status', 'paid').value).toMatchObject({ error: { code: 'NOT_FOUND' } });
  }, 180_000);

  it('lists the flagged members masked, lapses them with --yes and undoes it', () => {
    const overdue = json<{ rows: Array<Record<string, unknown>>; count: number }>('dues', 'overdue', '--db', db);
    expect(overdue.status).toBe(0);
    expect(overdue.value.count).toBe(1);
    const [row] = overdue.value.rows;
    expect(row).toMatchObject({ memberId: flagged, name: '王芳', orgId, orgName: '象山社区红十字会' });
    expect(row?.unpaidYears).toEqual(expect.arrayContaining([2023, 2024, 2025]));
    expect(row?.idNumber).toBe(`330106********${idNumber('33010619850312001').slice(-4)}`);
    expect(overdue.stdout).not.toContain(idNumber('33010619850312001'));
    // As of mid-2025, 2023 and 2024 were the completed unpaid years.
    const asOf = json<{ rows: Array<{ unpaidYears: number[] }> }>('dues', 'overdue', '--db', db, '--org', String(orgId), '--as-of', '2025-06-30');
    expect(asOf.value.rows[0]?.unpaidYears).toEqual([2023, 2024]);

    const unconfirmed = json('dues', 'lapse-overdue', '--db', db);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.value).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const lapsed = json<{ count: number }>('dues', 'lapse-overdue', '--db', db, '--org', String(orgId), '--yes');
    expect(lapsed.status).toBe(0);
    expect(lapsed.value.count).toBe(1);
    expect(json('member', 'get', '--db', db, '--id', String(flagged)).value).toMatchObject({ status: 'lapsed', lapseReason: '视为自动退会' });
    expect(json<{ count: number }>('dues', 'overdue', '--db', db).value.count).toBe(0);

    const undone = json<{ count: number }>('dues', 'undo-lapse', '--db', db);
    expect(undone.status).toBe(0);
    expect(undone.value.count).toBe(1);
    expect(json('member', 'get', '--db', db, '--id', String(flagged)).value).toMatchObject({ status: 'active', lapseReason: null });
    const again = json('dues', 'undo-lapse', '--db', db);
    expect(again.status).toBe(1);
    expect(again.value).toMatchObject({ error: { code: 'INVALID_STATE' } });
  }, 180_000);

  it('reports a year as JSON and as CSV', () => {
    const report = json<{ rows: Array<Record<string, unknown>>; total: Record<string, unknown> }>('dues', 'report', '--db', db, '--year', '2025');
    expect(report.status).toBe(0);
    expect(report.value.rows).toEqual([{ orgId, orgName: '象山社区红十字会', parentId: null, due: 2, paid: 1, unpaid: 1, exempt: 0, dueFen: 2250, paidFen: 1250 }]);
    expect(report.value.total).toMatchObject({ orgId: null, orgName: '合计', due: 2, paid: 1, unpaid: 1 });
    const csv = ledger('dues', 'report', '--db', db, '--year', '2025', '--org', String(orgId), '--csv');
    expect(csv.status).toBe(0);
    expect(csv.stdout).toBe('组织,应缴人数,已缴人数,未缴人数,免缴人数,应缴金额（元）,已缴金额（元）\r\n象山社区红十字会,2,1,1,0,22.50,12.50\r\n合计,2,1,1,0,22.50,12.50\r\n');
    expect(json('dues', 'report', '--db', db).value).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  }, 180_000);
});

describe('ledger group', () => {
  it('adds, lists, gets, lapses and restores group members', () => {
    const added = json<{ id: number; uscc: string; contactPhone: string; notices: string[] }>(
      'group', 'add', '--db', db, '--name', '华为技术有限公司', '--uscc', '914403001922038216', '--org', String(orgId), '--contact', '王芳', '--phone', '13812345678', '--join-date', '2020-01-01',
    );
    expect(added.status).toBe(0);
    expect(added.value).toMatchObject({ uscc: '914403001922038216', contactPhone: '138****5678', notices: [] });
    const legacy = json<{ uscc: null; legacyOrgCode: string; notices: string[] }>('group', 'add', '--db', db, '--name', '老字号商店', '--uscc', '192203821');
    expect(legacy.value).toMatchObject({ uscc: null, legacyOrgCode: '19220382-1' });
    expect(legacy.value.notices[0]).toContain('组织机构代码');
    const invalid = json('group', 'add', '--db', db, '--name', '某公司', '--uscc', '914403001922038217');
    expect(invalid.status).toBe(1);
    expect(invalid.value).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((invalid.value as { error: { message: string } }).error.message).toContain('「统一社会信用代码」校验码应为 6');

    const list = json<{ rows: Array<Record<string, unknown>>; nextCursor: string | null }>('group', 'list', '--db', db, '--limit', '1');
    expect(list.status).toBe(0);
    expect(list.value.rows).toHaveLength(1);
    expect(list.value.nextCursor).toMatch(/^\S+$/);
    const next = json<{ rows: Array<Record<string, unknown>>; nextCursor: string | null }>('group', 'list', '--db', db, '--limit', '1', '--after', list.value.nextCursor ?? '');
    expect(next.value.rows).toHaveLength(1);
    expect(next.value.rows[0]?.id).not.toBe(list.value.rows[0]?.id);
    expect(json<{ rows: unknown[] }>('group', 'list', '--db', db, '--search', '华为').value.rows).toHaveLength(1);
    expect(json<{ rows: unknown[] }>('group', 'list', '--db', db, '--org', String(orgId)).value.rows).toHaveLength(1);

    const id = String(added.value.id);
    expect(json('group', 'get', '--db', db, '--id', id).value).toMatchObject({ unitName: '华为技术有限公司', status: 'active' });
    expect(json('group', 'lapse', '--db', db, '--id', id).value).toMatchObject({ status: 'lapsed' });
    expect(json('group', 'restore', '--db', db, '--id', id).value).toMatchObject({ status: 'active', lapsedOn: null });
    expect(json('group', 'dues', '--db', db, '--id', id, '--year', '2025', '--status', 'paid', '--amount', '1000', '--paid-on', '2025-04-01').value).toMatchObject({ amountFen: 100_000 });
    expect(json('group', 'get', '--db', db, '--id', '999').value).toMatchObject({ error: { code: 'NOT_FOUND' } });
  }, 180_000);
});
