import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LedgerDb, openLedgerDb } from '../../src-main/core/db/open';
import { nameSortKey } from '../../src-main/core/domain/pinyin';
import { residentIdCheckChar } from '../../src-main/core/seed/id-numbers';
import { type SeedOptions, type SeedStats, seedLedger } from '../../src-main/core/seed/seed-ledger';
import { usccCheckChar } from '../../src-main/core/seed/uscc';

// The synthetic ledger is used by demos and benchmarks and as a fixture by other tests, so its
// promises are checked here against the database itself, with validators written independently
// of the generator's own.

const OPTIONS: SeedOptions = { scale: 'small', seed: 20250630, today: '2025-06-30', countyCode: '330106' };
const TABLES = [
  'county_society', 'society_term', 'organization', 'person', 'member', 'member_dues', 'group_member', 'group_member_dues', 'volunteer',
  'volunteer_service_field', 'volunteer_team', 'team_membership', 'service_record', 'service_hours', 'star_award', 'commendation',
];

/** GB 11643-1999, written from the standard rather than shared with the generator. */
function residentIdProblem(id: string, birthDate: string, gender: string): string | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  if ('10X98765432'[sum % 11] !== id[17]) return 'check character';
  if (`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` !== birthDate) return 'birth date';
  if ((Number(id[16]) % 2 === 1 ? 'M' : 'F') !== gender) return 'gender digit';
  return null;
}

/** GB 32100-2015 check character. */
function usccValid(code: string): boolean {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  if (code.length !== 18 || [...code].some((c) => !charset.includes(c))) return false;
  const sum = weights.reduce((acc, w, i) => acc + w * charset.indexOf(code.charAt(i)), 0);
  return charset[(31 - (sum % 31)) % 31] === code[17];
}

function tableHash(db: LedgerDb, table: string): string {
  const hash = createHash('sha256');
  for (const row of db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().iterate()) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

describe('seedLedger (small)', () => {
  let db: LedgerDb;
  let stats: SeedStats;
  const all = <T>(sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as T[];
  const one = <T>(sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).get(...params) as T;

  beforeAll(async () => {
    db = await openLedgerDb(':memory:');
    stats = seedLedger(db.sqlite, OPTIONS);
  });
  afterAll(async () => {
    await db.close();
  });

  it('produces a small county of the expected size', () => {
    expect(stats.organizations).toBeGreaterThanOrEqual(55);
    expect(stats.organizations).toBeLessThanOrEqual(70);
    expect(stats.members).toBeGreaterThanOrEqual(4_500);
    expect(stats.members).toBeLessThanOrEqual(5_500);
    expect(stats.youthMembers).toBeGreaterThan(stats.members * 0.1);
    expect(stats.persons).toBeGreaterThan(stats.members);
    expect(stats.volunteers / stats.persons).toBeGreaterThan(0.15);
    expect(stats.volunteers / stats.persons).toBeLessThan(0.25);
    expect(stats.groupMembers).toBeGreaterThan(0);
    expect(stats.teams).toBeGreaterThan(10);
    expect(stats.serviceRecords).toBeGreaterThan(100);
    expect(stats.serviceHours).toBeGreaterThan(stats.serviceRecords);
    // The stats agree with the tables.
    const count = (table: string) => one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n;
    expect(count('organization')).toBe(stats.organizations);
    expect(count('person')).toBe(stats.persons);
    expect(count('member')).toBe(stats.members);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM member WHERE kind = 'youth'").n).toBe(stats.youthMembers);
    expect(count('group_member')).toBe(stats.groupMembers);
    expect(count('volunteer')).toBe(stats.volunteers);
    expect(count('volunteer_team')).toBe(stats.teams);
    expect(count('service_record')).toBe(stats.serviceRecords);
    expect(count('service_hours')).toBe(stats.serviceHours);
  });

  it('is deterministic, and the seed matters', async () => {
    const twin = await openLedgerDb(':memory:');
    const other = await openLedgerDb(':memory:');
    try {
      seedLedger(twin.sqlite, OPTIONS);
      seedLedger(other.sqlite, { ...OPTIONS, seed: OPTIONS.seed + 1 });
      for (const table of TABLES) expect(tableHash(twin, table), table).toBe(tableHash(db, table));
      expect(tableHash(other, 'person')).not.toBe(tableHash(db, 'person'));
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('leaves no foreign-key violations', () => {
    expect(all('PRAGMA foreign_key_check')).toEqual([]);
    expect(all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('gives every person a valid, unique resident ID number matching birth date and gender', () => {
    const people = all<{ id_type: string; id_number: string; birth_date: string; gender: string }>('SELECT id_type, id_number, birth_date, gender FROM person');
    const problems = people.map((p) => [p.id_number, residentIdProblem(p.id_number, p.birth_date, p.gender)]).filter(([, problem]) => problem !== null);
    expect(problems).toEqual([]);
    expect(new Set(people.map((p) => p.id_number)).size).toBe(people.length);
    expect(people.every((p) => p.id_type === 'resident_id')).toBe(true);
    // Mostly born in the county, some elsewhere in the same province.
    const local = people.filter((p) => p.id_number.startsWith('330106')).length;
    expect(local / people.length).toBeGreaterThan(0.8);
    expect(local).toBeLessThan(people.length);
    expect(people.every((p) => p.id_number.startsWith('33'))).toBe(true);
  });

  it('uses realistic names and phones', () => {
    const names = all<{ name: string }>('SELECT name FROM person').map((r) => r.name);
    expect(names.some((n) => n.includes('·'))).toBe(true);
    expect(names.some((n) => /^(欧阳|司马|诸葛|上官|皇甫|令狐|东方|慕容|尉迟)/.test(n))).toBe(true);
    expect(names.some((n) => /[䶮堃昇喆燚婠珺]/.test(n))).toBe(true);
    expect(names.every((n) => n.length >= 2 && !/\s/.test(n))).toBe(true);
    const phones = all<{ phone: string }>('SELECT phone FROM person WHERE phone IS NOT NULL UNION ALL SELECT leader_phone FROM organization WHERE leader_phone IS NOT NULL');
    expect(phones.length).toBeGreaterThan(stats.persons * 0.6);
    expect(phones.every((p) => /^1[3-9]\d{9}$/.test(p.phone))).toBe(true);
    // Every person carries the pinyin sort key the rosters order by.
    const keys = all<{ name: string; name_sort_key: string }>('SELECT name, name_sort_key FROM person');
    expect(keys.every((p) => p.name_sort_key === nameSortKey(p.name))).toBe(true);
  });

  it('records a guardian for every member who joined under 14', () => {
    const children = all<{ guardian_name: string | null; guardian_relation: string | null; guardian_phone: string | null; guardian_consent_on: string | null; guardian_consent_method: string | null }>(
      `SELECT p.* FROM member m JOIN person p ON p.id = m.person_id WHERE m.joined_on < date(p.birth_date, '+14 years')`,
    );
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) {
      expect(c.guardian_name).toBeTruthy();
      expect(['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母']).toContain(c.guardian_relation);
      expect(c.guardian_phone).toMatch(/^1[3-9]\d{9}$/);
      expect(c.guardian_consent_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['书面', '电子']).toContain(c.guardian_consent_method);
    }
  });

  it('keeps membership dates plausible', () => {
    const bad = (sql: string) => one<{ n: number }>(sql, OPTIONS.today).n;
    expect(bad('SELECT count(*) AS n FROM member WHERE joined_on > ?')).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member WHERE joined_on < '2018-01-01' AND ? <> ''")).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member m JOIN person p ON p.id = m.person_id WHERE m.joined_on < date(p.birth_date, '+6 years') AND ? <> ''")).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member WHERE status = 'lapsed' AND (lapsed_on IS NULL OR lapsed_on <= joined_on OR lapsed_on > ?)")).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member WHERE status = 'active' AND lapsed_on IS NOT NULL AND ? <> ''")).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM member WHERE status = 'lapsed'").n).toBeGreaterThan(0);
    // Adults were 18 or over when joining; youth members under 18.
    expect(bad("SELECT count(*) AS n FROM member m JOIN person p ON p.id = m.person_id WHERE m.kind = 'adult' AND m.joined_on < date(p.birth_date, '+18 years') AND ? <> ''")).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member m JOIN person p ON p.id = m.person_id WHERE m.kind = 'youth' AND m.joined_on >= date(p.birth_date, '+18 years') AND ? <> ''")).toBe(0);
    // Dues: standard amounts, paid dates within the year and the membership.
    expect(bad("SELECT count(*) AS n FROM member_dues d JOIN member m ON m.id = d.member_id WHERE d.status <> 'exempt' AND d.amount_fen <> CASE m.kind WHEN 'adult' THEN 1000 ELSE 500 END AND ? <> ''")).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member_dues d JOIN member m ON m.id = d.member_id WHERE d.status = 'paid' AND (d.paid_on IS NULL OR d.paid_on < m.joined_on OR d.paid_on > ? OR substr(d.paid_on, 1, 4) <> CAST(d.year AS TEXT))")).toBe(0);
    expect(bad("SELECT count(*) AS n FROM member_dues WHERE status <> 'paid' AND paid_on IS NOT NULL AND ? <> ''")).toBe(0);
  });

  it('puts youth members only in schools, and mostly adults in villages and communities', () => {
    const youthOutsideSchools = one<{ n: number }>(
      "SELECT count(*) AS n FROM member m JOIN organization o ON o.id = m.organization_id JOIN organization_type t ON t.id = o.type_id WHERE m.kind = 'youth' AND t.is_school = 0",
    ).n;
    expect(youthOutsideSchools).toBe(0);
    const grassroots = one<{ n: number }>(
      "SELECT count(*) AS n FROM member m JOIN organization o ON o.id = m.organization_id JOIN organization_type t ON t.id = o.type_id WHERE m.kind = 'adult' AND t.name IN ('村', '社区', '企业')",
    ).n;
    expect(grassroots / (stats.members - stats.youthMembers)).toBeGreaterThan(0.5);
  });

  it('shapes the organisation tree like a county', () => {
    const types = new Map(all<{ name: string; n: number }>('SELECT t.name, count(o.id) AS n FROM organization_type t LEFT JOIN organization o ON o.type_id = t.id GROUP BY t.id').map((r) => [r.name, r.n]));
    for (const name of ['乡镇', '街道', '社区', '村', '中小学', '高校', '职业学校', '医疗卫生机构', '企业', '事业单位', '机关', '行业联合']) {
      expect(types.get(name), name).toBeGreaterThan(0);
    }
    // Townships and streets are top-level; villages and communities sit under them.
    expect(one<{ n: number }>("SELECT count(*) AS n FROM organization o JOIN organization_type t ON t.id = o.type_id WHERE t.name IN ('乡镇', '街道') AND o.parent_id IS NOT NULL").n).toBe(0);
    expect(one<{ n: number }>(
      "SELECT count(*) AS n FROM organization o JOIN organization_type t ON t.id = o.type_id JOIN organization p ON p.id = o.parent_id JOIN organization_type pt ON pt.id = p.type_id WHERE t.name IN ('村', '社区') AND pt.name NOT IN ('乡镇', '街道')",
    ).n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM organization o JOIN organization_type t ON t.id = o.type_id WHERE t.name IN ('村', '社区') AND o.parent_id IS NULL").n).toBe(0);
    expect(all<{ name: string }>('SELECT name FROM organization').every((o) => o.name.endsWith('红十字会'))).toBe(true);
    const statuses = new Map(all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM organization GROUP BY status').map((r) => [r.status, r.n]));
    expect(statuses.get('active')).toBeGreaterThan(stats.organizations * 0.8);
    // Retired organisations have a date and no live children.
    expect(one<{ n: number }>("SELECT count(*) AS n FROM organization WHERE (status = 'retired') <> (retired_on IS NOT NULL)").n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM organization c JOIN organization p ON p.id = c.parent_id WHERE p.status = 'retired' AND c.status <> 'retired'").n).toBe(0);
    // Division codes are 12 digits within the county.
    const codes = all<{ division_code: string }>('SELECT division_code FROM organization WHERE division_code IS NOT NULL');
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => /^330106\d{6}$/.test(c.division_code))).toBe(true);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM organization WHERE founded_on > ? OR founded_on < ?', OPTIONS.today, '2018-01-01').n).toBe(0);
  });

  it('issues valid, unique 统一社会信用代码 to group members', () => {
    const codes = all<{ uscc: string }>('SELECT uscc FROM group_member').map((r) => r.uscc);
    expect(codes.length).toBe(stats.groupMembers);
    expect(codes.filter((c) => !usccValid(c))).toEqual([]);
    expect(codes.every((c) => c.slice(2, 8) === OPTIONS.countyCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    const registered = all<{ registration_no: string }>('SELECT registration_no FROM volunteer_team WHERE registration_no IS NOT NULL');
    expect(registered.every((r) => usccValid(r.registration_no))).toBe(true);
  });

  it('organises volunteers into teams, with 3–6 led by the county', () => {
    const countyTeams = one<{ n: number }>('SELECT count(*) AS n FROM volunteer_team WHERE organization_id IS NULL AND led_by_county = 1').n;
    expect(countyTeams).toBeGreaterThanOrEqual(3);
    expect(countyTeams).toBeLessThanOrEqual(6);
    const linked = one<{ n: number }>('SELECT count(DISTINCT volunteer_id) AS n FROM team_membership').n;
    expect(linked / stats.volunteers).toBeGreaterThan(0.9);
    expect(one<{ n: number }>('SELECT max(c) AS n FROM (SELECT count(*) AS c FROM team_membership GROUP BY volunteer_id)').n).toBeLessThanOrEqual(2);
    // Volunteers who are not members exist, and many members volunteer.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM volunteer v WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.person_id = v.person_id)').n).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM volunteer v JOIN member m ON m.person_id = v.person_id').n).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM volunteer WHERE registered_on > ? OR registered_on < ?', OPTIONS.today, '2018-01-01').n).toBe(0);
    // First-aid certificates: some expired, some expiring within 90 days.
    const expired = one<{ n: number }>('SELECT count(*) AS n FROM volunteer WHERE first_aid_cert_expires_on < ?', OPTIONS.today).n;
    const soon = one<{ n: number }>("SELECT count(*) AS n FROM volunteer WHERE first_aid_cert_expires_on BETWEEN ? AND date(?, '+90 days')", OPTIONS.today, OPTIONS.today).n;
    expect(expired).toBeGreaterThan(0);
    expect(soon).toBeGreaterThan(0);
  });

  it('never gives a volunteer more than 1,440 minutes on one day', () => {
    const worst = one<{ n: number }>(
      'SELECT max(total) AS n FROM (SELECT sum(h.minutes) AS total FROM service_hours h JOIN volunteer v ON v.id = h.volunteer_id JOIN service_record r ON r.id = h.service_record_id GROUP BY v.person_id, r.held_on)',
    ).n;
    expect(worst).toBeLessThanOrEqual(1440);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM service_hours WHERE minutes % 30 <> 0 OR minutes < 30 OR minutes > 480').n).toBe(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM service_record WHERE held_on > ? OR held_on < ?', OPTIONS.today, '2018-01-01').n).toBe(0);
    // Participants were registered, on the team and not yet gone on the day.
    expect(one<{ n: number }>(
      `SELECT count(*) AS n FROM service_hours h JOIN service_record r ON r.id = h.service_record_id JOIN volunteer v ON v.id = h.volunteer_id
       LEFT JOIN team_membership tm ON tm.team_id = r.team_id AND tm.volunteer_id = v.id
       WHERE v.registered_on > r.held_on OR (v.left_on IS NOT NULL AND v.left_on <= r.held_on) OR tm.joined_on IS NULL OR tm.joined_on > r.held_on`,
    ).n).toBe(0);
  });

  it('awards stars only when cumulative hours meet the county thresholds', () => {
    const awards = all<{ volunteer_id: number; star_level: number; awarded_on: string; minutes_at_award: number; awarding_level: string }>('SELECT * FROM star_award');
    expect(awards.length).toBeGreaterThan(0);
    for (const a of awards) {
      expect(a.awarding_level).toBe('county');
      expect(a.star_level).toBeLessThanOrEqual(3);
      expect(a.minutes_at_award).toBeGreaterThanOrEqual([6000, 18000, 36000][a.star_level - 1] as number);
      const actual = one<{ n: number }>(
        'SELECT sum(h.minutes) AS n FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE h.volunteer_id = ? AND r.held_on <= ?',
        a.volunteer_id, a.awarded_on,
      ).n;
      expect(actual).toBe(a.minutes_at_award);
    }
    expect(one<{ n: number }>('SELECT count(*) AS n FROM commendation').n).toBeGreaterThan(0);
  });
});

describe('seedLedger on a county already set up', () => {
  it('keeps the county row and adds dated governance facts and council terms, which the annual tables count', async () => {
    const db = await openLedgerDb(':memory:');
    try {
      db.sqlite
        .prepare(`INSERT INTO county_society (id, division_code, name, division_list_version, created_at, updated_at) VALUES (1, '330106', '本县红十字会', '2023', 'x', 'x')`)
        .run();
      seedLedger(db.sqlite, OPTIONS);
      const row = db.sqlite.prepare('SELECT name, mgmt_rationalized, mgmt_rationalized_on, party_group_established_on FROM county_society').get() as Record<string, unknown>;
      expect(row.name).toBe('本县红十字会');
      expect(row.mgmt_rationalized).toBe(1);
      expect(row.mgmt_rationalized_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.party_group_established_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const terms = db.sqlite.prepare('SELECT started_on, due_on FROM society_term ORDER BY started_on').all() as Array<{ started_on: string; due_on: string }>;
      expect(terms.length).toBeGreaterThanOrEqual(2);
      expect(terms.every((t) => t.started_on <= OPTIONS.today! && t.due_on > t.started_on)).toBe(true);
    } finally {
      await db.close();
    }
  });
});

describe('check characters', () => {
  it('computes the GB 11643 check character of a published example', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(() => residentIdCheckChar('1101051949123100')).toThrow();
  });

  it('computes the GB 32100 check character of published codes', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3'); // the standard's own example
    expect(usccCheckChar('91440300192203821')).toBe('6');
    expect(usccCheckChar('91110000100010433')).toBe('L');
    expect(() => usccCheckChar('91350100M000100I4')).toThrow();
  });
});
