import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The dashboard command lines, run exactly as outside checks run them (each spawns the CLI).
const root = path.resolve(import.meta.dirname, '../..');

function json<T = unknown>(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args, '--json'], { cwd: root, encoding: 'utf8' });
  return { status: result.status, value: JSON.parse(result.stdout) as T, stderr: result.stderr };
}

interface Target {
  key: string;
  name: string;
  value: number | null;
  valueUnit: string;
  target: number;
  unit: string;
  comparator: '>=' | '>';
  met: boolean;
  numerator: number | null;
  denominator: number | null;
}

let db: string;
beforeAll(() => {
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-cli-dashboard-')), 'ledger.sqlite');
  expect(json('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会').status).toBe(0);
  const community = json<{ id: number }>('org', 'add', '--db', db, '--name', '象山社区红十字会', '--type', '社区', '--founded-on', '2020-01-01').value.id;
  json('org', 'add', '--db', db, '--name', '和睦社区红十字会', '--type', '社区', '--founded-on', '2020-01-01');
  expect(json('team', 'add', '--db', db, '--name', '象山社区志愿服务队', '--org', String(community), '--founded-on', '2021-01-01').status).toBe(0);
}, 180_000);

describe('ledger dashboard', () => {
  it('prints the targets as a JSON array with key, name, value, target and a boolean met', () => {
    const r = json<Target[]>('dashboard', '--db', db);
    expect(r.status).toBe(0);
    expect(Array.isArray(r.value)).toBe(true);
    expect(r.value.map((t) => t.key)).toEqual(['community_team_coverage', 'community_goal_rate', 'county_direct_teams', 'teams_per_organization', 'volunteer_population_rate']);
    for (const t of r.value) {
      expect(typeof t.name).toBe('string');
      expect(typeof t.met).toBe('boolean');
      expect(typeof t.target).toBe('number');
      expect(t).toHaveProperty('value');
    }
    // 1 of 2 communities has a team: 50% ≥ 30%.
    expect(r.value[0]).toMatchObject({ value: 50, target: 30, met: true, numerator: 1, denominator: 2 });
    expect(r.value[4]).toMatchObject({ value: null, met: false });
  }, 60_000);

  it('sets the population and a target, and the figures follow', () => {
    const set = json<{ residentPopulation: number }>('dashboard', 'set', '--db', db, '--population', '123456', '--communities', '4');
    expect(set.status).toBe(0);
    expect(set.value).toMatchObject({ residentPopulation: 123456, communityCount: 4, templateCode: '五有' });
    const target = json('dashboard', 'target', '--db', db, '--key', 'community_team_coverage', '--threshold', '25', '--due-year', '2027');
    expect(target.status).toBe(0);
    const targets = json<Target[]>('dashboard', '--db', db).value;
    // 1 of 4 (the setting) = 25% ≥ 25%; no volunteers: 0‰ of 123456.
    expect(targets[0]).toMatchObject({ value: 25, target: 25, met: true, denominator: 4 });
    expect(targets[4]).toMatchObject({ value: 0, met: false, denominator: 123456 });
    const cleared = json('dashboard', 'set', '--db', db, '--communities', '');
    expect(cleared.value).toMatchObject({ communityCount: null });
  }, 60_000);

  it('lists the records behind a figure', () => {
    const r = json<{ count: number; rows: Array<{ name: string }> }>('dashboard', 'records', '--db', db, '--key', 'community_team_coverage', '--part', 'lagging');
    expect(r.status).toBe(0);
    expect(r.value.rows.map((x) => x.name)).toEqual(['和睦社区红十字会']);
  }, 60_000);

  it('refuses bad values with exit 1 and one JSON error', () => {
    const bad = json<{ error: { code: string; message: string } }>('dashboard', 'set', '--db', db, '--population', 'many');
    expect(bad.status).toBe(1);
    expect(bad.value.error.code).toBe('INVALID_INPUT');
    const over = json<{ error: { code: string; message: string } }>('dashboard', 'target', '--db', db, '--key', 'community_team_coverage', '--threshold', '150');
    expect(over.status).toBe(1);
    expect(over.value.error.message).toContain('不能超过 100');
  }, 60_000);

  it('gives every target a value in the unit of its target, so value against target says met', () => {
    const set = json('dashboard', 'set', '--db', db, '--population', '400');
    expect(set.status).toBe(0);
    const check = (targets: Target[]) => {
      expect(targets).toHaveLength(5);
      for (const t of targets) {
        expect(t.unit, t.key).toBe(t.valueUnit);
        if (t.value !== null) expect(t.met, t.key).toBe(t.comparator === '>=' ? t.value >= t.target : t.value > t.target);
      }
    };
    const before = json<Target[]>('dashboard', '--db', db).value;
    check(before);
    // 象山 has a team, 和睦 none: 50% of the organisations, against 100% (each needs 1).
    expect(before[3]).toMatchObject({ key: 'teams_per_organization', name: '每个基层组织至少 1 支志愿服务队', value: 50, target: 100, unit: '%', met: false, numerator: 1, denominator: 2 });
    // The editable threshold is still the teams each organisation needs.
    expect(json('dashboard', 'target', '--db', db, '--key', 'teams_per_organization', '--threshold', '2').status).toBe(0);
    const after = json<Target[]>('dashboard', '--db', db).value;
    check(after);
    expect(after[3]).toMatchObject({ name: '每个基层组织至少 2 支志愿服务队', value: 0, target: 100, met: false, numerator: 0 });
    expect(json('dashboard', 'target', '--db', db, '--key', 'teams_per_organization', '--threshold', '1').status).toBe(0);
  }, 90_000);
});
