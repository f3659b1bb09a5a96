import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { columnsOf, databaseInterfaceColumns, userTables } from '../helpers/sqlite-inspect';

// Migration 0010 builds the whole schema from nothing. Its constraints are what keeps the ledger
// consistent whatever a handler (or a future bug) tries to write.

let db: LedgerDb;
let sqlite: BetterSqlite3.Database;
const at = '2026-06-15T02:00:00.000Z';

beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
  sqlite = db.sqlite;
  expect(await schemaVersion(db.kysely)).toBe(0);
  expect(userTables(sqlite)).toEqual([]);
  expect(await migrateTo(db.kysely, 10)).toBe(10);
});
afterEach(async () => {
  await db.close();
});

function addOrg(name: string, parentId: number | null = null): number {
  const info = sqlite
    .prepare('INSERT INTO organization (name, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?)')
    .run(name, parentId, at, at);
  return Number(info.lastInsertRowid);
}

function addPerson(name: string): number {
  return Number(sqlite.prepare('INSERT INTO person (name, created_at, updated_at) VALUES (?, ?, ?)').run(name, at, at).lastInsertRowid);
}

const addedAfter0010 = {
  tables: ['person_name_gram', 'import_batch', 'import_row', 'import_range', 'import_mapping', 'stats_delta', 'stats_finalisation', 'stats_finalise_log', 'stats_explanation'],
  columns: { person: ['id_tail', 'phone_tail'], member: ['name_sort_key'], volunteer: ['name_sort_key'] } as Record<string, string[]>,
};

describe('migration 0010 (initial schema)', () => {
  it('creates exactly the tables and columns of the Kysely Database interface and sets user_version 10', async () => {
    const expected = databaseInterfaceColumns();
    // What later migrations add to the interface is not 0010's.
    for (const table of addedAfter0010.tables) expected.delete(table);
    for (const [table, columns] of Object.entries(addedAfter0010.columns)) {
      expected.set(table, (expected.get(table) ?? []).filter((column) => !columns.includes(column)));
    }
    expect(expected.size).toBeGreaterThan(20);
    expect(userTables(sqlite)).toEqual([...expected.keys()].sort());
    for (const [table, columns] of expected) {
      expect(columnsOf(sqlite, table).sort(), table).toEqual([...columns].sort());
    }
    expect(sqlite.pragma('user_version', { simple: true })).toBe(10);
    expect(await schemaVersion(db.kysely)).toBe(10);
  });

  it('adds no reference data (that is migration 0020)', () => {
    for (const table of ['organization_type', 'service_field', 'activity_category', 'target']) {
      expect(sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
  });

  it('keeps sibling organisation names unique, including at the top level where parent_id is NULL', () => {
    const a = addOrg('转塘街道红十字会');
    expect(() => addOrg('转塘街道红十字会')).toThrow(/UNIQUE constraint failed/);
    const b = addOrg('西溪街道红十字会');
    addOrg('象山社区红十字会', a);
    expect(() => addOrg('象山社区红十字会', a)).toThrow(/UNIQUE constraint failed/);
    // The same name under another parent is a different organisation.
    expect(() => addOrg('象山社区红十字会', b)).not.toThrow();
    // Renaming into a clash is refused as well.
    expect(() => sqlite.prepare('UPDATE organization SET name = ? WHERE id = ?').run('转塘街道红十字会', b)).toThrow(/UNIQUE constraint failed/);
  });

  it('refuses blank organisation names, self-parenting and unknown status values', () => {
    expect(() => addOrg('   ')).toThrow(/CHECK constraint failed/);
    const a = addOrg('转塘街道红十字会');
    expect(() => sqlite.prepare('UPDATE organization SET parent_id = id WHERE id = ?').run(a)).toThrow(/CHECK constraint failed/);
    expect(() => sqlite.prepare("UPDATE organization SET status = 'closed' WHERE id = ?").run(a)).toThrow(/CHECK constraint failed/);
    expect(() => sqlite.prepare("UPDATE organization SET division_code = '33010601' WHERE id = ?").run(a)).toThrow(/CHECK constraint failed/);
  });

  it('a volunteer team belongs to an organisation or to the county, never both and never neither', () => {
    const org = addOrg('转塘街道红十字会');
    const team = sqlite.prepare(
      'INSERT INTO volunteer_team (name, organization_id, led_by_county, founded_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    expect(() => team.run('应急救护队', org, 1, '2020-01-01', at, at)).toThrow(/CHECK constraint failed/);
    expect(() => team.run('应急救护队', null, 0, '2020-01-01', at, at)).toThrow(/CHECK constraint failed/);
    expect(() => team.run('应急救护队', org, 0, '2020-01-01', at, at)).not.toThrow();
    expect(() => team.run('县直属应急救护队', null, 1, '2020-01-01', at, at)).not.toThrow();
    // Team names are unique per organisation (and among the county's own teams).
    expect(() => team.run('应急救护队', org, 0, '2021-01-01', at, at)).toThrow(/UNIQUE constraint failed/);
    expect(() => team.run('县直属应急救护队', null, 1, '2021-01-01', at, at)).toThrow(/UNIQUE constraint failed/);
  });

  it('service hours are whole minutes from 1 to 1440 per volunteer and activity', () => {
    const org = addOrg('转塘街道红十字会');
    const volunteer = Number(
      sqlite
        .prepare('INSERT INTO volunteer (person_id, organization_id, registered_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run(addPerson('王芳'), org, '2024-01-01', at, at).lastInsertRowid,
    );
    const record = () =>
      Number(
        sqlite
          .prepare('INSERT INTO service_record (held_on, organization_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
          .run('2025-05-08', org, '世界红十字日宣传', at, at).lastInsertRowid,
      );
    const hours = sqlite.prepare('INSERT INTO service_hours (service_record_id, volunteer_id, minutes) VALUES (?, ?, ?)');
    expect(() => hours.run(record(), volunteer, 0)).toThrow(/CHECK constraint failed/);
    expect(() => hours.run(record(), volunteer, -30)).toThrow(/CHECK constraint failed/);
    expect(() => hours.run(record(), volunteer, 1441)).toThrow(/CHECK constraint failed/);
    expect(() => hours.run(record(), volunteer, 1)).not.toThrow();
    const full = record();
    expect(() => hours.run(full, volunteer, 1440)).not.toThrow();
    // One row per volunteer per activity.
    expect(() => hours.run(full, volunteer, 60)).toThrow(/UNIQUE constraint failed|PRIMARY KEY/);
  });

  it('enforces foreign keys once PRAGMA foreign_keys is ON', () => {
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => addOrg('孤儿社区红十字会', 999)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => sqlite.prepare('INSERT INTO organization (name, type_id, created_at, updated_at) VALUES (?, 42, ?, ?)').run('某单位红十字会', at, at)).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    const parent = addOrg('转塘街道红十字会');
    addOrg('象山社区红十字会', parent);
    expect(() => sqlite.prepare('DELETE FROM organization WHERE id = ?').run(parent)).toThrow(/FOREIGN KEY constraint failed/);
    expect(() =>
      sqlite.prepare("INSERT INTO member (person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (777, 'adult', ?, '2024-01-01', ?, ?)").run(parent, at, at),
    ).toThrow(/FOREIGN KEY constraint failed/);
    // The same writes are accepted with enforcement off, so the pragma is what protects the data.
    sqlite.pragma('foreign_keys = OFF');
    expect(() => addOrg('孤儿社区红十字会', 999)).not.toThrow();
    expect(sqlite.pragma('foreign_key_check')).toHaveLength(1);
  });

  it('keeps one person per identity document and one membership per person', () => {
    const person = sqlite.prepare("INSERT INTO person (name, id_type, id_number, created_at, updated_at) VALUES (?, 'resident_id', ?, ?, ?)");
    person.run('李红', '330106198001011234', at, at);
    expect(() => person.run('李虹', '330106198001011234', at, at)).toThrow(/UNIQUE constraint failed/);
    // People without a document number are not in conflict with one another.
    expect(() => person.run('张三', null, at, at)).not.toThrow();
    expect(() => person.run('张三', null, at, at)).not.toThrow();
    const org = addOrg('转塘街道红十字会');
    const member = sqlite.prepare("INSERT INTO member (person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (1, 'adult', ?, '2024-01-01', ?, ?)");
    member.run(org, at, at);
    expect(() => member.run(org, at, at)).toThrow(/UNIQUE constraint failed/);
  });

  it('a commendation names exactly one recipient', () => {
    const org = addOrg('转塘街道红十字会');
    const person = addPerson('王芳');
    const commend = sqlite.prepare(
      "INSERT INTO commendation (title, year, awarding_level, person_id, organization_id, created_at) VALUES ('先进集体', 2025, 'county', ?, ?, ?)",
    );
    expect(() => commend.run(null, null, at)).toThrow(/CHECK constraint failed/);
    expect(() => commend.run(person, org, at)).toThrow(/CHECK constraint failed/);
    expect(() => commend.run(null, org, at)).not.toThrow();
  });
});
