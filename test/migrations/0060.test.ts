import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateTo, schemaVersion } from '../../src-main/core/db/migrate';
import { openLedgerDb, type LedgerDb } from '../../src-main/core/db/open';
import { memberActiveAt, volunteerActiveAt } from '../../src-main/core/db/active-at';

let db: LedgerDb;
beforeEach(async () => {
  db = await openLedgerDb(':memory:', { migrate: false });
});
afterEach(() => db.close());

const at = '2025-01-01T00:00:00.000Z';

describe('migration 0060 (checklist templates and standing indexes)', () => {
  it('inserts the three builtin templates as unconfirmed defaults and leaves existing rows alone', async () => {
    await migrateTo(db.kysely, 40);
    const s = db.sqlite;
    s.prepare("INSERT INTO organization (id, name, type_id, created_at, updated_at) VALUES (1, '象山社区红十字会', (SELECT id FROM organization_type WHERE name = '社区'), ?, ?)").run(at, at);
    s.prepare("INSERT INTO person (id, name, id_number, created_at, updated_at) VALUES (1, '王芳', '330106800101123', ?, ?)").run(at, at);
    s.prepare("INSERT INTO member (id, person_id, kind, organization_id, joined_on, created_at, updated_at) VALUES (1, 1, 'youth', 1, '2020-01-01', ?, ?)").run(at, at);
    // A county's own template made before this version keeps its id and rows.
    s.prepare("INSERT INTO checklist_template (id, code, name, version, origin, created_at) VALUES (1, '县标准', '西湖区达标标准', '2024', 'custom', ?)").run(at);
    const before = s.prepare('SELECT * FROM member JOIN person ON person.id = member.person_id').all();

    expect(await migrateTo(db.kysely, 60)).toBe(60);
    expect(await schemaVersion(db.kysely)).toBe(60);
    expect(s.prepare('SELECT * FROM member JOIN person ON person.id = member.person_id').all()).toEqual(before);

    const templates = s.prepare('SELECT id, code, version, is_draft_default, origin, confirmed_on FROM checklist_template ORDER BY id').all();
    expect(templates).toEqual([
      { id: 1, code: '县标准', version: '2024', is_draft_default: 0, origin: 'custom', confirmed_on: null },
      { id: 2, code: '五有', version: '1', is_draft_default: 1, origin: 'builtin', confirmed_on: null },
      { id: 3, code: '双三一', version: '1', is_draft_default: 1, origin: 'builtin', confirmed_on: null },
      { id: 4, code: '博爱家园', version: '1', is_draft_default: 1, origin: 'builtin', confirmed_on: null },
    ]);
    // The county's undated version is dated from when it was made; the builtins stay undated (in force from the start).
    expect(s.prepare('SELECT effective_on FROM checklist_template ORDER BY id').pluck().all()).toEqual(['2025-01-01', null, null, null]);
    const items = s.prepare("SELECT seq, title, mode, rule_json FROM checklist_item WHERE template_id = 2 ORDER BY seq").all();
    expect(items).toEqual([
      { seq: 1, title: '有热心红十字事业的带头人', mode: 'auto', rule_json: '{"kind":"hasLeader"}' },
      { seq: 2, title: '有稳定的会员和志愿者队伍', mode: 'auto', rule_json: '{"kind":"all","rules":[{"kind":"minMembers","n":10},{"kind":"minVolunteers","n":5}]}' },
      { seq: 3, title: '有规范的管理制度', mode: 'manual', rule_json: null },
      { seq: 4, title: '有稳固的服务平台', mode: 'auto', rule_json: '{"kind":"hasServiceSite"}' },
      { seq: 5, title: '有红十字特色的活动', mode: 'auto', rule_json: '{"kind":"minActivitiesInYear","n":2}' },
    ]);
    expect(s.prepare("SELECT t.name FROM checklist_item_type it JOIN organization_type t ON t.id = it.type_id JOIN checklist_item i ON i.id = it.item_id WHERE i.template_id = 4 AND i.seq = 1 ORDER BY t.id").pluck().all()).toEqual(['社区', '村']);
    expect(s.prepare('SELECT count(*) FROM checklist_item_type it JOIN checklist_item i ON i.id = it.item_id WHERE i.template_id = 2').pluck().get()).toBe(60);
    expect(s.prepare("SELECT name FROM checklist_template WHERE code = '双三一'").pluck().get()).toContain('草案');

    const plan = (sql: string) => (s.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ asOf: '2025-12-31' }) as { detail: string }[]).map((r) => r.detail).join();
    expect(plan(`SELECT m.organization_id, count(*) FROM member m WHERE ${memberActiveAt('m')} GROUP BY m.organization_id`)).toContain('COVERING INDEX member_org_standing');
    expect(plan(`SELECT v.organization_id, count(*) FROM volunteer v WHERE ${volunteerActiveAt('v')} GROUP BY v.organization_id`)).toContain('COVERING INDEX volunteer_org_standing');
  });
});
