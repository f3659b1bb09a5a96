import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolunteerRow } from '../../src-main/core/api/contract';
import { subtreeIds as orgSubtreeIds } from '../../src-main/core/db/org-subtree';
import { readVolunteerRosterPage } from '../../src-main/core/db/volunteer-roster';
import { seedLedger } from '../../src-main/core/seed/seed-ledger';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// Volunteer roster pages against a reference computed directly from the tables of a seeded county.
let ledger: TestLedger;
beforeAll(async () => {
  ledger = await createTestLedger({ setup: false, now: '2026-06-01T02:00:00Z' });
  seedLedger(ledger.db.sqlite, { scale: 'small', seed: 11, today: '2026-06-01', countyCode: '330106' });
});
afterAll(() => ledger.db.close());

async function allPages(input: Record<string, unknown>, limit = 41): Promise<VolunteerRow[]> {
  const rows: VolunteerRow[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await ledger.call('volunteer.list', { ...input, limit, ...(after ? { after } : {}) } as never);
    rows.push(...page.rows);
    if (!page.nextCursor) return rows;
    expect(page.nextCursor).toMatch(/^\S+$/);
    after = page.nextCursor;
  }
  throw new Error('no end of pages');
}

function reference(where: string, params: unknown[] = [], order = 'p.name_sort_key, p.id'): number[] {
  return ledger.db.sqlite
    .prepare(`SELECT v.id FROM volunteer v JOIN person p ON p.id = v.person_id WHERE ${where} ORDER BY ${order}`)
    .pluck()
    .all(...params) as number[];
}

describe('volunteer.list on a seeded county', () => {
  it('pages through every volunteer exactly once in pinyin order, with hours and awarded stars', async () => {
    const rows = await allPages({});
    expect(rows.map((r) => r.id)).toEqual(reference('1'));
    const minutes = new Map(
      (ledger.db.sqlite.prepare('SELECT volunteer_id AS id, sum(minutes) AS m FROM service_hours GROUP BY volunteer_id').all() as Array<{ id: number; m: number }>).map((r) => [r.id, r.m]),
    );
    const stars = new Map((ledger.db.sqlite.prepare('SELECT volunteer_id AS id, max(star_level) AS s FROM star_award GROUP BY volunteer_id').all() as Array<{ id: number; s: number }>).map((r) => [r.id, r.s]));
    expect(stars.size).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.hours).toBeCloseTo((minutes.get(row.id) ?? 0) / 60, 2);
      expect(row.starLevel).toBe(stars.get(row.id) ?? null);
    }
  });

  it('sorts by name or registration date in either direction, in the county and in a subtree', async () => {
    const township = ledger.db.sqlite.prepare('SELECT parent_id FROM organization WHERE parent_id IS NOT NULL GROUP BY parent_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const subtree = `v.organization_id IN (${orgSubtreeIds(ledger.db.sqlite, township).join(',')})`;
    expect((await allPages({ sort: '-name' }, 97)).map((r) => r.id)).toEqual(reference('1', [], 'p.name_sort_key DESC, p.id DESC'));
    expect((await allPages({ sort: 'registeredOn' }, 97)).map((r) => r.id)).toEqual(reference('1', [], 'v.registered_on, v.id'));
    expect((await allPages({ sort: '-registeredOn', orgId: township })).map((r) => r.id)).toEqual(reference(subtree, [], 'v.registered_on DESC, v.id DESC'));
    expect((await allPages({ sort: '-name', orgId: township, status: 'active' })).map((r) => r.id)).toEqual(reference(`${subtree} AND v.status = 'active'`, [], 'p.name_sort_key DESC, p.id DESC'));
    expect((await allPages({ sort: '-name', search: '王' }, 7)).map((r) => r.id)).toEqual(reference("instr(p.name, '王') > 0", [], 'p.name_sort_key DESC, p.id DESC'));
    const first = await ledger.call('volunteer.list', { sort: 'registeredOn', limit: 5 });
    await expect(ledger.call('volunteer.list', { sort: 'name', after: first.nextCursor! })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(ledger.call('volunteer.list', { sort: 'registeredOn', search: '王' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('filters by organisation subtree, status, field, team and certificate expiry', async () => {
    const township = ledger.db.sqlite.prepare('SELECT o.id FROM organization o WHERE o.parent_id IS NULL AND EXISTS (SELECT 1 FROM organization c WHERE c.parent_id = o.id) LIMIT 1').pluck().get() as number;
    const subtree = `v.organization_id IN (WITH RECURSIVE d(id) AS (SELECT ${township} UNION ALL SELECT o.id FROM organization o JOIN d ON o.parent_id = d.id) SELECT id FROM d)`;
    expect((await allPages({ orgId: township })).map((r) => r.id)).toEqual(reference(subtree));
    const left = await allPages({ status: 'left' });
    expect(left.length).toBeGreaterThan(0);
    expect(left.map((r) => r.id)).toEqual(reference(`v.status = 'left'`));
    expect((await allPages({ field: '应急救护' })).map((r) => r.id)).toEqual(
      reference(`EXISTS (SELECT 1 FROM volunteer_service_field f JOIN service_field s ON s.id = f.field_id WHERE f.volunteer_id = v.id AND s.name = '应急救护')`),
    );
    const team = ledger.db.sqlite.prepare('SELECT team_id FROM team_membership WHERE left_on IS NULL GROUP BY team_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    expect((await allPages({ teamId: team }, 7)).map((r) => r.id)).toEqual(reference(`v.id IN (SELECT volunteer_id FROM team_membership WHERE team_id = ? AND left_on IS NULL)`, [team]));
    const expiring = await allPages({ cert: 'expiring' });
    expect(expiring.length).toBeGreaterThan(0);
    expect(expiring.map((r) => r.id)).toEqual(reference(`v.first_aid_cert_expires_on BETWEEN '2026-06-01' AND '2026-08-30'`));
    expect((await allPages({ cert: 'expired' })).map((r) => r.id)).toEqual(reference(`v.first_aid_cert_expires_on < '2026-06-01'`));
  });

  it('finds volunteers by a name fragment and by the tail of an ID number or phone', async () => {
    const sample = ledger.db.sqlite.prepare('SELECT p.name, p.id_number, p.phone FROM volunteer v JOIN person p ON p.id = v.person_id WHERE p.phone IS NOT NULL LIMIT 1 OFFSET 17').get() as { name: string; id_number: string; phone: string };
    const fragment = sample.name.slice(-2);
    expect((await allPages({ search: fragment })).map((r) => r.id)).toEqual(reference('instr(p.name, ?) > 0', [fragment]));
    const tail = sample.id_number.slice(-6);
    const byId = await allPages({ search: tail.toLowerCase() });
    expect(byId.map((r) => r.id)).toEqual(reference('substr(p.id_number, -6) = ? OR substr(p.phone, -6) = ?', [tail, tail]));
    expect(byId.some((r) => r.name === sample.name)).toBe(true);
    expect((await allPages({ search: sample.phone.slice(-4) })).some((r) => r.name === sample.name)).toBe(true);
  });

  it('never lets a full ID number or phone out of any volunteer, team, service or star list', async () => {
    const numbers = ledger.db.sqlite.prepare('SELECT p.id_number, p.phone FROM volunteer v JOIN person p ON p.id = v.person_id').all() as Array<{ id_number: string | null; phone: string | null }>;
    const full = new Set(numbers.flatMap((n) => [n.id_number, n.phone]).filter((x): x is string => x !== null));
    const texts: string[] = [];
    texts.push(JSON.stringify(await allPages({}, 500)));
    texts.push(JSON.stringify(await ledger.call('team.list', {})));
    const services = await ledger.call('service.list', { limit: 50 });
    texts.push(JSON.stringify(services));
    for (const s of services.rows.slice(0, 10)) texts.push(JSON.stringify(await ledger.call('service.get', { id: s.id })));
    texts.push(JSON.stringify(await ledger.call('star.overview', {})));
    texts.push(JSON.stringify(await ledger.call('star.register', { limit: 500 })));
    const firstVolunteer = (await ledger.call('volunteer.list', { limit: 1 })).rows[0]!;
    texts.push(JSON.stringify(await ledger.call('volunteer.get', { id: firstVolunteer.id })));
    const all = texts.join('\n');
    expect(all).toMatch(/\d{6}\*{8}[\dX]{4}/);
    for (const value of full) expect(all.includes(value), 'a full number leaked').toBe(false);
  });

  it('gives the star overview the same figures as a direct count', async () => {
    const overview = await ledger.call('star.overview', { asOf: '2025-12-31' });
    const thresholds = [100, 300, 600, 1000, 1500];
    const standings = ledger.db.sqlite
      .prepare(
        `SELECT v.id, (SELECT ifnull(sum(h.minutes), 0) FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE h.volunteer_id = v.id AND r.held_on <= '2025-12-31') AS m,
                (SELECT ifnull(max(star_level), 0) FROM star_award a WHERE a.volunteer_id = v.id AND a.awarded_on <= '2025-12-31') AS awarded
         FROM volunteer v WHERE v.registered_on <= '2025-12-31' AND (v.left_on IS NULL OR v.left_on > '2025-12-31')`,
      )
      .all() as Array<{ id: number; m: number; awarded: number }>;
    const expected = thresholds.map((t, i) => standings.filter((s) => s.m >= t * 60 && s.awarded < i + 1).length);
    expect(overview.levels.map((l) => l.eligible)).toEqual(expected);
    expect(expected[0]).toBeGreaterThan(0);
    const awarded = ledger.db.sqlite.prepare("SELECT star_level, count(*) AS n FROM star_award WHERE awarded_on <= '2025-12-31' GROUP BY star_level").all() as Array<{ star_level: number; n: number }>;
    expect(overview.levels.map((l) => l.awarded)).toEqual(thresholds.map((_, i) => awarded.find((a) => a.star_level === i + 1)?.n ?? 0));
  });
});

describe('volunteer roster read paths', () => {
  it('gives the same pages whether it walks the name index or starts from the team or organisation', () => {
    const sqlite = ledger.db.sqlite;
    const pages = (filter: Parameters<typeof readVolunteerRosterPage>[1], driver: 'sorted' | 'team' | 'orgs' | 'search') => {
      const ids: number[] = [];
      let after: { key: string; id: number } | null = null;
      for (let guard = 0; guard < 1000; guard++) {
        const rows = readVolunteerRosterPage(sqlite, filter, { by: 'name', descending: false }, after, 13, driver);
        ids.push(...rows.map((r) => r.id));
        if (rows.length < 13) return ids;
        const last = rows.at(-1)!;
        after = { key: last.sort_key, id: last.tie };
      }
      throw new Error('no end of pages');
    };
    const base = { orgIds: null, status: null, fieldId: null, teamId: null, cert: null, search: null };
    const team = sqlite.prepare('SELECT team_id FROM team_membership WHERE left_on IS NULL GROUP BY team_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const township = sqlite.prepare('SELECT o.id FROM organization o WHERE o.parent_id IS NULL ORDER BY (SELECT count(*) FROM organization c WHERE c.parent_id = o.id) DESC LIMIT 1').pluck().get() as number;
    const byTeam = { ...base, teamId: team, status: 'active' as const };
    expect(pages(byTeam, 'team').length).toBeGreaterThan(13);
    expect(pages(byTeam, 'team')).toEqual(pages(byTeam, 'sorted'));
    const byOrgs = { ...base, orgIds: orgSubtreeIds(sqlite, township), search: { nameFragment: '王' } };
    expect(pages(byOrgs, 'orgs').length).toBeGreaterThan(0);
    expect(pages(byOrgs, 'orgs')).toEqual(pages(byOrgs, 'sorted'));
    expect(pages(byOrgs, 'search')).toEqual(pages(byOrgs, 'sorted'));
    const byTail = { ...base, search: { digitsTail: '12' } };
    expect(pages(byTail, 'search').length).toBeGreaterThan(13);
    expect(pages(byTail, 'search')).toEqual(pages(byTail, 'sorted'));
    const both = { ...base, orgIds: orgSubtreeIds(sqlite, township), teamId: team };
    expect(pages(both, 'team')).toEqual(pages(both, 'orgs'));
    expect(pages(both, 'orgs')).toEqual(pages(both, 'sorted'));
  });
});
