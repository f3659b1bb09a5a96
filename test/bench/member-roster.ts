import { encodeCursor } from '../../src-main/core/api/cursor';
import { dispatch } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';
import { percentiles, type Percentiles } from './measure';

const cursor = (key: string, id: number) => encodeCursor(['name', key, id]);

/**
 * Roster pages and searches through the whole core (dispatch: validation, SQL, masking, output
 * parsing) on the large seed, next to a raw baseline measured in the same run: a 50-row
 * primary-key page of member. Targets (rosters issue): pages p95 ≤ 5 ms, searches p95 ≤ 20 ms.
 */
export async function benchMemberRoster(file: string, runs = 100): Promise<Record<string, unknown>> {
  const db = await openLedgerDb(file);
  const backend = { db };
  const s = db.sqlite;
  const list = (input: Record<string, unknown>) => async () => {
    const result = await dispatch(backend, 'member.list', { limit: 50, ...input });
    if (!result.ok) throw new Error(result.error.message);
  };
  /** A cursor `fraction` of the way through the county or a subtree, in roster order. */
  const cursorAt = (orgIds: number[] | null, fraction: number) => {
    const where = orgIds ? `WHERE organization_id IN (${orgIds.join(',')})` : '';
    const n = s.prepare(`SELECT count(*) FROM member ${where}`).pluck().get() as number;
    const row = s.prepare(`SELECT name_sort_key AS key, person_id AS id FROM member ${where} ORDER BY name_sort_key, person_id LIMIT 1 OFFSET ?`).get(Math.floor(n * fraction)) as { key: string; id: number };
    return cursor(row.key, row.id);
  };
  const subtree = (root: number) =>
    s.prepare('WITH RECURSIVE d(id) AS (SELECT ? UNION ALL SELECT o.id FROM organization o JOIN d ON o.parent_id = d.id) SELECT id FROM d').pluck().all(root) as number[];
  try {
    const township = s
      .prepare('SELECT t.id FROM organization t WHERE t.parent_id IS NULL ORDER BY (SELECT count(*) FROM organization c WHERE c.parent_id = t.id) DESC LIMIT 1')
      .pluck()
      .get() as number;
    const townshipOrgs = subtree(township);
    const leaf = s.prepare('SELECT organization_id FROM member GROUP BY organization_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as number;
    const sample = s.prepare('SELECT p.name, p.id_number, p.phone FROM member m JOIN person p ON p.id = m.person_id WHERE p.phone IS NOT NULL AND length(p.name) = 3 LIMIT 1 OFFSET 4321').get() as { name: string; id_number: string; phone: string };
    const rawPage = s.prepare('SELECT * FROM member WHERE id > ? ORDER BY id LIMIT 50');
    const pages = {
      countyFirst: await percentiles(runs, list({})),
      countyMiddle: await percentiles(runs, list({ after: cursorAt(null, 0.5) })),
      countyLast: await percentiles(runs, list({ after: cursorAt(null, 0.9999) })),
      countyLapsed: await percentiles(runs, list({ status: 'lapsed' })),
      countyYouthLapsed: await percentiles(runs, list({ status: 'lapsed', kind: 'youth' })),
      townshipFirst: await percentiles(runs, list({ orgId: township })),
      townshipMiddle: await percentiles(runs, list({ orgId: township, after: cursorAt(townshipOrgs, 0.5) })),
      townshipLast: await percentiles(runs, list({ orgId: township, after: cursorAt(townshipOrgs, 0.9999) })),
      townshipLapsedYouth: await percentiles(runs, list({ orgId: township, status: 'lapsed', kind: 'youth' })),
      leafFirst: await percentiles(runs, list({ orgId: leaf })),
    };
    const searches = {
      name1CharCommon: await percentiles(runs, list({ search: '王' })),
      name1CharGivenName: await percentiles(runs, list({ search: sample.name.slice(2, 3) })),
      name2Chars: await percentiles(runs, list({ search: sample.name.slice(1, 3) })),
      name3Chars: await percentiles(runs, list({ search: sample.name })),
      name2CharsNoHit: await percentiles(runs, list({ search: '䶮䶮' })),
      name1CharInTownship: await percentiles(runs, list({ search: '王', orgId: township })),
      name2CharsInTownship: await percentiles(runs, list({ search: sample.name.slice(1, 3), orgId: township })),
      idTail6: await percentiles(runs, list({ search: sample.id_number.slice(-6) })),
      idTail4: await percentiles(runs, list({ search: sample.id_number.slice(-4) })),
      phoneTail4: await percentiles(runs, list({ search: sample.phone.slice(-4) })),
    };
    const p95s = (group: Record<string, Percentiles>) => Math.max(...Object.values(group).map((p) => p.p95));
    return {
      members: s.prepare('SELECT count(*) FROM member').pluck().get(),
      townshipMembers: s.prepare(`SELECT count(*) FROM member WHERE organization_id IN (${townshipOrgs.join(',')})`).pluck().get(),
      runsEach: runs,
      rawPrimaryKeyPage: await percentiles(runs, () => rawPage.all(444_444)),
      pages,
      searches,
      sorted: {
        countyByJoinDateDescending: await percentiles(runs, list({ sort: '-joinedOn' })),
        townshipByJoinDate: await percentiles(runs, list({ orgId: township, sort: 'joinedOn' })),
        countyJoinedLastYear: await percentiles(runs, list({ joinedYear: new Date().getFullYear() - 1 })),
        countyByNameDescending: await percentiles(runs, list({ sort: '-name' })),
      },
      worstPageP95: p95s(pages),
      worstSearchP95: p95s(searches),
      targetsMet: p95s(pages) <= 5 && p95s(searches) <= 20,
    };
  } finally {
    await db.close();
  }
}
