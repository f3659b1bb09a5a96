import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { withRosterIndexesSuspended } from '../../src-main/core/db/roster-index';

// A bulk load (seed, large import) sets the roster indexes and the name-gram and stats_delta
// triggers aside and rebuilds them at the end. The ledger it leaves must be the one the triggers
// would have left: same schema, same name grams, same day-deltas behind the annual tables —
// including rows the load updated or deleted before the rebuild.

const at = '2025-01-01T00:00:00.000Z';
const open: LedgerDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
});

function load(s: BetterSqlite3.Database): void {
  const person = s.prepare('INSERT INTO person (name, name_sort_key, id_number, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const member = s.prepare(
    'INSERT INTO member (person_id, name_sort_key, kind, organization_id, joined_on, status, lapsed_on, converted_to_adult_on, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)',
  );
  const volunteer = s.prepare('INSERT INTO volunteer (person_id, name_sort_key, organization_id, registered_on, status, left_on, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?)');
  const rows: [string, string, 'adult' | 'youth', string, 'active' | 'lapsed', string | null, string | null][] = [
    ['王芳', '330106198503120021', 'adult', '2020-01-01', 'active', null, null],
    ['阿依古丽·买买提', '330106198503120048', 'adult', '2019-05-01', 'lapsed', '2022-06-30', null],
    ['李小龙', '330106201003120011', 'adult', '2018-01-01', 'active', null, '2023-03-01'],
    ['赵敏', '330106201203120027', 'youth', '2024-09-01', 'active', null, null],
    ['钱多多', '330106199003120035', 'adult', '2021-02-02', 'lapsed', null, null],
  ];
  rows.forEach(([name, id, kind, joined, status, lapsed, converted]) => {
    const personId = Number(person.run(name, `key ${name}`, id, at, at).lastInsertRowid);
    member.run(personId, `key ${name}`, kind, joined, status, lapsed, converted, at, at);
    volunteer.run(personId, `key ${name}`, joined, status === 'active' ? 'active' : 'left', lapsed, at, at);
  });
  // Changes after the insert, while a bulk load still has the triggers aside.
  s.prepare("UPDATE member SET status = 'lapsed', lapsed_on = '2025-03-01' WHERE person_id = (SELECT id FROM person WHERE name = '王芳')").run();
  s.prepare("UPDATE member SET joined_on = '2017-07-07' WHERE person_id = (SELECT id FROM person WHERE name = '李小龙')").run();
  s.prepare("DELETE FROM volunteer WHERE person_id = (SELECT id FROM person WHERE name = '赵敏')").run();
  s.prepare("UPDATE person SET name = '王芳芳' WHERE name = '王芳'").run();
}

async function ledger(bulk: boolean): Promise<BetterSqlite3.Database> {
  const db = await openLedgerDb(':memory:');
  open.push(db);
  const s = db.sqlite;
  s.prepare("INSERT INTO organization (id, name, created_at, updated_at) VALUES (1, '象山社区红十字会', ?, ?)").run(at, at);
  // One member from before the load, so the rebuild must keep what was there.
  const p = Number(s.prepare("INSERT INTO person (name, name_sort_key, created_at, updated_at) VALUES ('孙悟空', 'key 孙悟空', ?, ?)").run(at, at).lastInsertRowid);
  s.prepare("INSERT INTO member (person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (?, 'adult', 1, '2015-01-01', ?, ?)").run(p, at, at);
  s.exec('BEGIN');
  if (bulk) withRosterIndexesSuspended(s, () => load(s));
  else load(s);
  s.exec('COMMIT');
  return s;
}

describe('bulk load with the roster indexes and triggers set aside', () => {
  it('leaves the same schema, name grams and stats_delta as the triggers do', async () => {
    const live = await ledger(false);
    const bulk = await ledger(true);
    const schema = (s: BetterSqlite3.Database) => s.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
    const deltas = (s: BetterSqlite3.Database) => s.prepare('SELECT metric, day, n FROM stats_delta WHERE n <> 0 ORDER BY metric, day').all();
    const grams = (s: BetterSqlite3.Database) => s.prepare('SELECT gram, name_sort_key, person_id FROM person_name_gram ORDER BY 1, 2, 3').all();

    expect(schema(bulk)).toEqual(schema(live));
    expect(deltas(live).length).toBeGreaterThan(8);
    expect(deltas(bulk)).toEqual(deltas(live));
    expect(grams(bulk)).toEqual(grams(live));
    expect(bulk.pragma('integrity_check', { simple: true })).toBe('ok');
    // The members counted at the end of 2025: 李小龙 (converted, adult) and 孙悟空; 王芳 lapsed in March.
    expect(bulk.prepare("SELECT sum(n) FROM stats_delta WHERE metric LIKE 'member_%' AND day <= '2025-12-31'").pluck().get()).toBe(3);
  });
});
