import type BetterSqlite3 from 'better-sqlite3';
import { rebuildStatsDelta } from './stats-delta';

// Bulk loads (seed, roster import) would pay for the roster indexes of migrations 0030 and 0060
// row by row: a random-order insert into each index, a name-gram trigger per person and a
// stats_delta trigger per member or volunteer. Instead they run with those triggers and indexes
// set aside, then rebuild them set-based, sorted once by SQLite. The definitions are read back
// from sqlite_master, so the migrations stay their only source.

const suspended = [
  'person_id_tail',
  'person_phone_tail',
  'member_roster',
  'member_sorted',
  'member_person_filters',
  'member_joined_roster',
  'member_joined_sorted',
  'member_org_standing',
  'volunteer_roster',
  'volunteer_sorted',
  'volunteer_registered_roster',
  'volunteer_registered_sorted',
  'volunteer_org_standing',
];

/** Character positions 1..64 as a keyed table: `value <= length(name)` is then a range seek, where
 *  json_each would re-read all 64 for every person (most of the rebuild's time). */
function gramPositions(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS gram_position (value INTEGER PRIMARY KEY);
    INSERT OR IGNORE INTO temp.gram_position (value) SELECT value FROM json_each('[${Array.from({ length: 64 }, (_, i) => i + 1).join(',')}]');`);
}

/**
 * Sets the roster triggers and indexes aside inside the caller's transaction; the returned steps,
 * run in order, put them back and index the names of the persons added meanwhile. They are
 * separate so a long rebuild can report progress and take a cancel between them (each takes up
 * to about a second at 100,000 persons). Whatever is loaded in between must write name_sort_key
 * on the member and volunteer rows it adds.
 */
export function suspendRosterIndexes(sqlite: BetterSqlite3.Database): Array<() => void> {
  if (!sqlite.inTransaction) throw new Error('suspendRosterIndexes must run inside a transaction');
  const definitions = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'trigger' AND (name LIKE 'roster\\_%' ESCAPE '\\' OR name LIKE 'stats\\_member\\_%' ESCAPE '\\' OR name LIKE 'stats\\_volunteer\\_%' ESCAPE '\\'))
          OR (type = 'index' AND name IN (${suspended.map(() => '?').join(', ')}))`,
    )
    .all(...suspended) as Array<{ type: 'trigger' | 'index'; name: string; sql: string }>;
  for (const d of definitions) sqlite.exec(`DROP ${d.type === 'trigger' ? 'TRIGGER' : 'INDEX'} ${d.name}`);
  const firstNewPerson = sqlite.prepare('SELECT ifnull(max(id), 0) + 1 FROM person').pluck().get() as number;
  // Sorted once in primary-key order, the table is written as an append; OR IGNORE drops the
  // repeated pieces of a name (阿依古丽 has 古丽… once), cheaper than a DISTINCT pass.
  const nameGrams = () => {
    gramPositions(sqlite);
    sqlite
      .prepare(
        `INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id)
         SELECT gram, name_sort_key, person_id FROM (
           SELECT substr(p.name, pos.value, 1) AS gram, ifnull(p.name_sort_key, p.name) AS name_sort_key, p.id AS person_id
           FROM person p JOIN temp.gram_position pos ON pos.value <= length(p.name) WHERE p.id >= :first
           UNION ALL
           SELECT substr(p.name, pos.value, 2), ifnull(p.name_sort_key, p.name), p.id
           FROM person p JOIN temp.gram_position pos ON pos.value < length(p.name) WHERE p.id >= :first)
         ORDER BY 1, 2, 3`,
      )
      .run({ first: firstNewPerson });
  };
  const indexes = definitions.filter((x) => x.type === 'index').map((d) => () => void sqlite.exec(d.sql));
  // Whatever the load inserted, updated or deleted meanwhile, one pass over the two tables
  // gives the deltas the triggers would have kept.
  const stats = definitions.some((d) => d.name.startsWith('stats_')) ? [() => rebuildStatsDelta(sqlite)] : [];
  const triggers = () => {
    for (const d of definitions.filter((x) => x.type === 'trigger')) sqlite.exec(d.sql);
  };
  return [nameGrams, ...indexes, ...stats, triggers];
}

/** Runs `load` inside the caller's transaction with the roster indexes suspended (see above). */
export function withRosterIndexesSuspended<T>(sqlite: BetterSqlite3.Database, load: () => T): T {
  const restore = suspendRosterIndexes(sqlite);
  const result = load();
  for (const step of restore) step();
  return result;
}
