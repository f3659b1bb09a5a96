import type BetterSqlite3 from 'better-sqlite3';
import type { ReadDb, WriteDb } from './schema';

// The register of star awards (facts, never recomputed) and the cumulative hours they are judged on.

export interface HoursStanding {
  volunteer_id: number;
  minutes: number;
  /** Highest level awarded on or before the date, 0 when none. */
  awarded: number;
}

/**
 * Every volunteer registered and not left on `asOf`, with their minutes of service held on or
 * before it, when those reach `minMinutes`. One grouped pass over service_hours, read in record
 * order (CROSS JOIN fixes it): going volunteer by volunteer instead costs a record lookup per row
 * (measured on the large seed: 690 ms → 260 ms).
 */
export function readHoursStandings(sqlite: BetterSqlite3.Database, asOf: string, minMinutes: number): HoursStanding[] {
  return sqlite
    .prepare(
      `WITH totals AS (
         SELECT h.volunteer_id, sum(h.minutes) AS minutes
         FROM service_record r CROSS JOIN service_hours h ON h.service_record_id = r.id
         WHERE r.held_on <= :asOf
         GROUP BY h.volunteer_id
         HAVING sum(h.minutes) >= :minMinutes),
       awards AS (SELECT volunteer_id, max(star_level) AS level FROM star_award WHERE awarded_on <= :asOf GROUP BY volunteer_id)
       SELECT t.volunteer_id, t.minutes, ifnull(a.level, 0) AS awarded
       FROM totals t
       JOIN volunteer v ON v.id = t.volunteer_id
       LEFT JOIN awards a ON a.volunteer_id = t.volunteer_id
       WHERE v.registered_on <= :asOf AND (v.left_on IS NULL OR v.left_on > :asOf)`,
    )
    .all({ asOf, minMinutes }) as HoursStanding[];
}

/** Awards per level made on or before `asOf`. */
export function readAwardCounts(sqlite: BetterSqlite3.Database, asOf: string): Map<number, number> {
  const rows = sqlite.prepare(`SELECT star_level AS level, count(*) AS n FROM star_award WHERE awarded_on <= ? GROUP BY star_level`).all(asOf) as Array<{ level: number; n: number }>;
  return new Map(rows.map((r) => [r.level, r.n]));
}

export async function highestAward(db: ReadDb, volunteerId: number) {
  return db
    .selectFrom('star_award')
    .select(['star_level', 'awarded_on'])
    .where('volunteer_id', '=', volunteerId)
    .orderBy('star_level', 'desc')
    .orderBy('awarded_on', 'desc')
    .executeTakeFirst();
}

export async function insertStarAward(
  db: WriteDb,
  values: { volunteerId: number; level: number; awardedOn: string; documentNo: string | null; minutes: number },
  at: string,
): Promise<number> {
  const { id } = await db
    .insertInto('star_award')
    .values({
      volunteer_id: values.volunteerId,
      star_level: values.level,
      awarded_on: values.awardedOn,
      awarding_level: 'county',
      document_no: values.documentNo,
      minutes_at_award: values.minutes,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function selectAwards(db: ReadDb) {
  return db
    .selectFrom('star_award as a')
    .innerJoin('volunteer as v', 'v.id', 'a.volunteer_id')
    .innerJoin('person as p', 'p.id', 'v.person_id')
    .leftJoin('organization as o', 'o.id', 'v.organization_id')
    .select(['a.id', 'a.volunteer_id', 'p.name', 'p.id_number', 'o.name as org_name', 'a.star_level', 'a.awarded_on', 'a.awarding_level', 'a.document_no', 'a.minutes_at_award']);
}

export type StarAwardRow = Awaited<ReturnType<ReturnType<typeof selectAwards>['executeTakeFirstOrThrow']>>;

export async function findStarAward(db: ReadDb, id: number): Promise<StarAwardRow | null> {
  return (await selectAwards(db).where('a.id', '=', id).executeTakeFirst()) ?? null;
}

/** The register, newest award first, keyset on (awarded_on desc, id desc). */
export async function readAwardPage(db: ReadDb, filter: { volunteerId: number | null; level: number | null }, after: { awardedOn: string; id: number } | null, limit: number) {
  let q = selectAwards(db);
  if (filter.volunteerId !== null) q = q.where('a.volunteer_id', '=', filter.volunteerId);
  if (filter.level !== null) q = q.where('a.star_level', '=', filter.level);
  if (after) q = q.where((eb) => eb.or([eb('a.awarded_on', '<', after.awardedOn), eb.and([eb('a.awarded_on', '=', after.awardedOn), eb('a.id', '<', after.id)])]));
  return q.orderBy('a.awarded_on', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}
