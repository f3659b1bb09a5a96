import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-main/core/errors';
import { checkMigrationOrder, latestSchemaVersion, migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { migrations, type Migration } from '../../src-main/core/db/migrations/index';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { allData, rowBytes, schemaSql, userTables } from '../helpers/sqlite-inspect';

// Migration 0020 adds the reference lists to a database that may already hold a county's data;
// the runner applies migrations all-or-nothing and never touches a database from a newer program.

let db: LedgerDb;
const at = '2024-03-01T08:00:00.000Z';

beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(async () => {
  await db.close();
});

function totalChanges(): number {
  return (db.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

describe('migration 0020 (reference data)', () => {
  let orgId: number;
  let personId: number;
  let orgBefore: Record<string, string>;
  let personBefore: Record<string, string>;

  beforeEach(async () => {
    await migrateTo(db.kysely, 10);
    const { sqlite } = db;
    // A county that had already added its own 社区 type, listed last.
    sqlite.prepare("INSERT INTO organization_type (name, sort_order) VALUES ('社区', 999)").run();
    orgId = Number(
      sqlite
        .prepare(
          `INSERT INTO organization (name, type_id, division_code, founded_on, leader_name, leader_phone, bojia_status, notes, created_at, updated_at)
           VALUES ('象山社区红十字会', 1, '330106012003', '2019-03-01', '李红', '13812345678', 'building', '含“引号”与\n换行', ?, ?)`,
        )
        .run(at, at).lastInsertRowid,
    );
    // A legacy 15-digit resident ID (issued before 1999): must stay text, digit for digit.
    personId = Number(
      sqlite
        .prepare(
          `INSERT INTO person (name, name_sort_key, gender, id_type, id_number, birth_date, phone, created_at, updated_at)
           VALUES ('王\u3000芳', 'wangfang', 'F', 'resident_id', '330106800101123', '1980-01-01', '0571-87654321', ?, ?)`,
        )
        .run(at, at).lastInsertRowid,
    );
    orgBefore = rowBytes(sqlite, 'organization', orgId);
    personBefore = rowBytes(sqlite, 'person', personId);
    expect(await migrateTo(db.kysely, 20)).toBe(20);
  });

  it('sets user_version 20', async () => {
    expect(await schemaVersion(db.kysely)).toBe(20);
  });

  it('adds the 12 organisation types in order and keeps the county’s own 社区 row, flagging it as a community', () => {
    const types = db.sqlite.prepare('SELECT id, name, sort_order, is_school, is_community, retired FROM organization_type ORDER BY sort_order, id').all();
    expect(types).toEqual([
      { id: 2, name: '乡镇', sort_order: 10, is_school: 0, is_community: 0, retired: 0 },
      { id: 3, name: '街道', sort_order: 20, is_school: 0, is_community: 0, retired: 0 },
      { id: 4, name: '村', sort_order: 40, is_school: 0, is_community: 0, retired: 0 },
      { id: 5, name: '中小学', sort_order: 50, is_school: 1, is_community: 0, retired: 0 },
      { id: 6, name: '高校', sort_order: 60, is_school: 1, is_community: 0, retired: 0 },
      { id: 7, name: '职业学校', sort_order: 70, is_school: 1, is_community: 0, retired: 0 },
      { id: 8, name: '医疗卫生机构', sort_order: 80, is_school: 0, is_community: 0, retired: 0 },
      { id: 9, name: '企业', sort_order: 90, is_school: 0, is_community: 0, retired: 0 },
      { id: 10, name: '事业单位', sort_order: 100, is_school: 0, is_community: 0, retired: 0 },
      { id: 11, name: '机关', sort_order: 110, is_school: 0, is_community: 0, retired: 0 },
      { id: 12, name: '行业联合', sort_order: 120, is_school: 0, is_community: 0, retired: 0 },
      // Same id (organisations point at it) and sort order; the community flag the targets count by.
      { id: 1, name: '社区', sort_order: 999, is_school: 0, is_community: 1, retired: 0 },
    ]);
  });

  it('on an empty database adds 社区 in its place, flagged as a community', async () => {
    const fresh = await openLedgerDb(':memory:', { migrate: false });
    try {
      await migrateTo(fresh.kysely, 20);
      const names = fresh.sqlite.prepare('SELECT name, is_community FROM organization_type ORDER BY sort_order').all() as Array<{ name: string; is_community: number }>;
      expect(names.map((t) => t.name)).toEqual(['乡镇', '街道', '社区', '村', '中小学', '高校', '职业学校', '医疗卫生机构', '企业', '事业单位', '机关', '行业联合']);
      expect(names.filter((t) => t.is_community === 1).map((t) => t.name)).toEqual(['社区']);
    } finally {
      await fresh.close();
    }
  });

  it('adds the 9 volunteer service fields and the activity categories in order', () => {
    expect(db.sqlite.prepare('SELECT name FROM service_field ORDER BY sort_order').pluck().all()).toEqual([
      '应急救援',
      '应急救护',
      '人道救助',
      '无偿献血',
      '造血干细胞捐献',
      '人体器官（遗体、组织）捐献',
      '社区服务',
      '养老服务',
      '红十字文化传播',
    ]);
    const categories = db.sqlite.prepare('SELECT name FROM activity_category ORDER BY sort_order').pluck().all() as string[];
    expect(categories).toEqual([
      '关爱生命安全',
      '关爱老人',
      '关爱留守儿童和儿童健康成长',
      '关爱青少年健康成长',
      '关爱帮助困难弱势群体',
      '博爱送万家',
      '世界红十字日',
      '世界献血者日',
      '世界急救日',
      '国际志愿者日',
      '其他',
    ]);
  });

  it('adds the 5 targets with their thresholds', () => {
    const targets = db.sqlite.prepare('SELECT code, comparator, threshold, unit, due_year FROM target ORDER BY code').all();
    expect(targets).toEqual([
      { code: 'community_goal_rate', comparator: '>', threshold: 50, unit: '%', due_year: 2024 },
      { code: 'community_team_coverage', comparator: '>=', threshold: 30, unit: '%', due_year: 2024 },
      { code: 'county_direct_teams', comparator: '>=', threshold: 3, unit: '个', due_year: null },
      { code: 'teams_per_organization', comparator: '>=', threshold: 1, unit: '个', due_year: null },
      { code: 'volunteer_population_rate', comparator: '>=', threshold: 5, unit: '‰', due_year: null },
    ]);
    for (const label of db.sqlite.prepare('SELECT label FROM target').pluck().all() as string[]) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('leaves existing organisations and people byte for byte unchanged', () => {
    expect(rowBytes(db.sqlite, 'organization', orgId)).toEqual(orgBefore);
    expect(rowBytes(db.sqlite, 'person', personId)).toEqual(personBefore);
    const person = db.sqlite.prepare('SELECT name, id_number, typeof(id_number) AS t FROM person WHERE id = ?').get(personId);
    expect(person).toEqual({ name: '王\u3000芳', id_number: '330106800101123', t: 'text' });
    const org = db.sqlite.prepare('SELECT name, type_id, notes FROM organization WHERE id = ?').get(orgId);
    expect(org).toEqual({ name: '象山社区红十字会', type_id: 1, notes: '含“引号”与\n换行' });
    expect(db.sqlite.prepare('SELECT count(*) FROM organization').pluck().get()).toBe(1);
    expect(db.sqlite.prepare('SELECT count(*) FROM person').pluck().get()).toBe(1);
  });
});

describe('migration runner', () => {
  it('migrating an up-to-date database again changes nothing', async () => {
    expect(await migrateTo(db.kysely)).toBe(latestSchemaVersion);
    const schema = schemaSql(db.sqlite);
    const data = allData(db.sqlite);
    const changes = totalChanges();
    expect(await migrateTo(db.kysely)).toBe(latestSchemaVersion);
    expect(await migrateTo(db.kysely, 10)).toBe(latestSchemaVersion);
    expect(totalChanges()).toBe(changes);
    expect(schemaSql(db.sqlite)).toEqual(schema);
    expect(allData(db.sqlite)).toEqual(data);
    expect(await schemaVersion(db.kysely)).toBe(latestSchemaVersion);
  });

  it('stops at the target version', async () => {
    expect(await migrateTo(db.kysely, 10)).toBe(10);
    expect(db.sqlite.prepare('SELECT count(*) FROM organization_type').pluck().get()).toBe(0);
    expect(await migrateTo(db.kysely, 15)).toBe(10);
    expect(await migrateTo(db.kysely, 20)).toBe(20);
    expect(await migrateTo(db.kysely)).toBe(latestSchemaVersion);
  });

  it('refuses a database from a newer program with DB_TOO_NEW and does not modify it', async () => {
    await migrateTo(db.kysely);
    db.sqlite.pragma(`user_version = ${latestSchemaVersion + 10}`);
    const schema = schemaSql(db.sqlite);
    const data = allData(db.sqlite);
    const changes = totalChanges();
    const error = await migrateTo(db.kysely).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'DB_TOO_NEW' });
    expect((error as AppError).message).toMatch(/更新/);
    expect((error as AppError).message).toContain(String(latestSchemaVersion + 10));
    expect((error as AppError).message).toMatch(/不会修改/);
    expect(await schemaVersion(db.kysely)).toBe(latestSchemaVersion + 10);
    expect(totalChanges()).toBe(changes);
    expect(schemaSql(db.sqlite)).toEqual(schema);
    expect(allData(db.sqlite)).toEqual(data);
  });

  it('refuses to open a newer database file and leaves its bytes unchanged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-too-new-'));
    try {
      const file = path.join(dir, 'ledger.sqlite');
      const made = await openLedgerDb(file);
      made.sqlite.pragma(`user_version = ${latestSchemaVersion + 1}`);
      await made.close();
      const bytes = fs.readFileSync(file);
      await expect(openLedgerDb(file)).rejects.toMatchObject({ code: 'DB_TOO_NEW', message: expect.stringMatching(/请安装最新版本/) });
      expect(fs.readFileSync(file).equals(bytes)).toBe(true);
      const check = new BetterSqlite3(file, { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
      check.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a migration that fails midway leaves the version and the tables as they were', async () => {
    const failing: Migration = {
      version: 990,
      name: 'fails-midway',
      async up(trx) {
        await sql`CREATE TABLE half_done (id INTEGER PRIMARY KEY)`.execute(trx);
        await sql`INSERT INTO organization_type (name) VALUES ('半途类型')`.execute(trx);
        await sql`UPDATE organization_type SET sort_order = -1`.execute(trx);
        throw new Error('boom');
      },
    };
    await migrateTo(db.kysely);
    const schema = schemaSql(db.sqlite);
    const data = allData(db.sqlite);
    await expect(migrateTo(db.kysely, 990, [...migrations, failing])).rejects.toThrow('boom');
    expect(await schemaVersion(db.kysely)).toBe(latestSchemaVersion);
    expect(schemaSql(db.sqlite)).toEqual(schema);
    expect(allData(db.sqlite)).toEqual(data);
    expect(userTables(db.sqlite)).not.toContain('half_done');
  });

  it('all pending migrations commit together: a failure in the last rolls back the earlier ones too', async () => {
    const badSql: Migration = {
      version: 990,
      name: 'bad-sql',
      async up(trx) {
        await sql`ALTER TABLE organization ADD COLUMN extra TEXT`.execute(trx);
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(trx);
      },
    };
    await expect(migrateTo(db.kysely, 990, [...migrations, badSql])).rejects.toThrow(/no such table/);
    expect(await schemaVersion(db.kysely)).toBe(0);
    expect(userTables(db.sqlite)).toEqual([]);
    // The database is still usable afterwards.
    expect(await migrateTo(db.kysely)).toBe(latestSchemaVersion);
  });

  it('checkMigrationOrder accepts the shipped list and rejects a non-increasing one', async () => {
    const noop = async () => {};
    expect(() => checkMigrationOrder(migrations)).not.toThrow();
    expect(() => checkMigrationOrder([])).not.toThrow();
    expect(() => checkMigrationOrder([{ version: 20, name: 'b', up: noop }, { version: 10, name: 'a', up: noop }])).toThrow(/10 does not follow 20/);
    expect(() => checkMigrationOrder([{ version: 10, name: 'a', up: noop }, { version: 10, name: 'a2', up: noop }])).toThrow(/does not follow/);
    expect(() =>
      checkMigrationOrder([{ version: 10, name: 'a', up: noop }, { version: 30, name: 'c', up: noop }, { version: 20, name: 'b', up: noop }]),
    ).toThrow(/20 does not follow 30/);
    // migrateTo checks the order before touching the database.
    let ran = false;
    const ranUp = async () => {
      ran = true;
    };
    await expect(migrateTo(db.kysely, 20, [{ version: 20, name: 'b', up: ranUp }, { version: 10, name: 'a', up: ranUp }])).rejects.toThrow(/does not follow/);
    expect(ran).toBe(false);
    expect(await schemaVersion(db.kysely)).toBe(0);
  });
});
