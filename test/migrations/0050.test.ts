import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';

let db: LedgerDb;
beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(() => db.close());

const at = '2025-01-01T00:00:00.000Z';

describe('migration 0050 (annual tables)', () => {
  it('backfills the day-deltas from existing members and volunteers, then triggers keep them', async () => {
    await migrateTo(db.kysely, 40);
    const s = db.sqlite;
    s.prepare("INSERT INTO organization (id, name, created_at, updated_at) VALUES (1, '象山社区红十字会', ?, ?)").run(at, at);
    for (let i = 1; i <= 4; i++) s.prepare('INSERT INTO person (id, name, id_number, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(i, `王芳${i}`, `33010619850312${i}00`.slice(0, 15), at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (1, 1, 'adult', 1, '2020-01-01', ?, ?)").run(at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, status, lapsed_on, created_at, updated_at) VALUES (2, 2, 'adult', 1, '2019-01-01', 'lapsed', '2022-06-30', ?, ?)").run(at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, converted_to_adult_on, created_at, updated_at) VALUES (3, 3, 'adult', 1, '2018-01-01', '2023-03-01', ?, ?)").run(at, at);
    s.prepare("INSERT INTO volunteer (id, person_id, registered_on, status, left_on, created_at, updated_at) VALUES (1, 4, '2021-05-01', 'left', '2024-01-01', ?, ?)").run(at, at);
    const before = s.prepare('SELECT * FROM member ORDER BY id').all();

    expect(await migrateTo(db.kysely, 50)).toBe(50);
    expect(await schemaVersion(db.kysely)).toBe(50);
    expect(s.prepare('SELECT * FROM member ORDER BY id').all()).toEqual(before);
    expect(s.prepare('SELECT metric, day, n FROM stats_delta WHERE n <> 0 ORDER BY metric, day').all()).toEqual([
      { metric: 'member_adult', day: '2019-01-01', n: 1 },
      { metric: 'member_adult', day: '2020-01-01', n: 1 },
      { metric: 'member_adult', day: '2022-06-30', n: -1 },
      { metric: 'member_adult', day: '2023-03-01', n: 1 },
      { metric: 'member_youth', day: '2018-01-01', n: 1 },
      { metric: 'member_youth', day: '2023-03-01', n: -1 },
      { metric: 'volunteer', day: '2021-05-01', n: 1 },
      { metric: 'volunteer', day: '2024-01-01', n: -1 },
    ]);
    s.prepare("UPDATE member SET status = 'lapsed', lapsed_on = '2024-01-01' WHERE id = 1").run();
    expect(s.prepare("SELECT n FROM stats_delta WHERE metric = 'member_adult' AND day = '2024-01-01'").pluck().get()).toBe(-1);

    const columns = (table: string) => (s.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('stats_finalisation')).toEqual(['year', 'baseline_year', 'finalised_at', 'finalised_by', 'snapshot_json']);
    expect(columns('stats_finalise_log')).toEqual(['id', 'year', 'action', 'at', 'actor', 'reason']);
    expect(columns('stats_explanation')).toEqual(['year', 'code', 'text', 'at', 'actor']);
    expect(() => s.prepare("INSERT INTO stats_finalise_log (year, action, at, actor) VALUES (2025, 'delete', ?, '张敏')").run(at)).toThrow(/CHECK/);
    const plan = (s.prepare("EXPLAIN QUERY PLAN SELECT sum(n) FROM stats_delta WHERE metric = 'volunteer' AND day <= '2025-12-31'").all() as { detail: string }[]).map((r) => r.detail).join();
    expect(plan).toContain('PRIMARY KEY');
  });
});
