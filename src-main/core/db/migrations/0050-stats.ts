import { sql, type Kysely } from 'kysely';
import { memberDeltas, memberInterval, volunteerDeltas, volunteerInterval } from '../stats-delta';

// The annual tables (附件1 / 附件2).
//
// stats_delta keeps, per metric and day, how many members (by kind) and registered volunteers
// started or stopped counting on that day. "Active on D" from db/active-at.ts then becomes the
// sum of the deltas dated on or before D: a few thousand rows instead of a scan of every member,
// which is what keeps both tables for a year under 100 ms on a county of 900,000 members.
// Triggers keep it in step with every write (bulk loads included); the intervals below are the
// predicates of active-at.ts written as start/stop events:
//   member active on D  = joined_on <= D AND (status = 'active' OR lapsed_on > D)
//     -> +1 on joined_on, -1 on lapsed_on (a lapsed member without a date never counts);
//   member kind on D    = youth while an adult's converted_to_adult_on > D
//     -> youth -1 / adult +1 on converted_to_adult_on, when that falls inside the interval;
//   volunteer active on D = registered_on <= D AND (status = 'active' OR left_on > D).
// A test compares the sums with the predicates on a fixture full of edge cases.
//
// Finalisation: a year's tables frozen as a snapshot; the log of finalise / reopen is append-only;
// the clerk's explanation per validation issue.
// Frozen: never edit after release; add a new numbered migration instead. The delta SQL lives in
// db/stats-delta.ts because a bulk load rebuilds the table with it (test/integration/bulk-load
// checks that the rebuild and these triggers agree).

const upsert = (select: string) =>
  `INSERT INTO stats_delta (metric, day, n) SELECT metric, day, n FROM (${select}) WHERE true ON CONFLICT (metric, day) DO UPDATE SET n = n + excluded.n;`;

const statements = [
  `CREATE TABLE stats_delta (
    metric TEXT NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (metric, day)
  ) WITHOUT ROWID`,
  `INSERT INTO stats_delta (metric, day, n)
   SELECT metric, day, sum(n) FROM (${memberDeltas(1, memberInterval('member', ' FROM member'))}) GROUP BY metric, day`,
  `INSERT INTO stats_delta (metric, day, n)
   SELECT metric, day, sum(n) FROM (${volunteerDeltas(1, volunteerInterval('volunteer', ' FROM volunteer'))}) GROUP BY metric, day`,
  `CREATE TRIGGER stats_member_insert AFTER INSERT ON member BEGIN ${upsert(memberDeltas(1, memberInterval('NEW')))} END`,
  `CREATE TRIGGER stats_member_delete AFTER DELETE ON member BEGIN ${upsert(memberDeltas(-1, memberInterval('OLD')))} END`,
  `CREATE TRIGGER stats_member_update AFTER UPDATE OF joined_on, kind, status, lapsed_on, converted_to_adult_on ON member BEGIN
     ${upsert(memberDeltas(-1, memberInterval('OLD')))}
     ${upsert(memberDeltas(1, memberInterval('NEW')))}
   END`,
  `CREATE TRIGGER stats_volunteer_insert AFTER INSERT ON volunteer BEGIN ${upsert(volunteerDeltas(1, volunteerInterval('NEW')))} END`,
  `CREATE TRIGGER stats_volunteer_delete AFTER DELETE ON volunteer BEGIN ${upsert(volunteerDeltas(-1, volunteerInterval('OLD')))} END`,
  `CREATE TRIGGER stats_volunteer_update AFTER UPDATE OF registered_on, status, left_on ON volunteer BEGIN
     ${upsert(volunteerDeltas(-1, volunteerInterval('OLD')))}
     ${upsert(volunteerDeltas(1, volunteerInterval('NEW')))}
   END`,
  `CREATE TABLE stats_finalisation (
    year INTEGER PRIMARY KEY,
    baseline_year INTEGER NOT NULL,
    finalised_at TEXT NOT NULL,
    finalised_by TEXT NOT NULL,
    snapshot_json TEXT NOT NULL
  )`,
  `CREATE TABLE stats_finalise_log (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('finalise', 'reopen')),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT
  )`,
  `CREATE TRIGGER stats_finalise_log_no_update BEFORE UPDATE ON stats_finalise_log BEGIN SELECT RAISE(ABORT, 'stats_finalise_log is append-only'); END`,
  `CREATE TRIGGER stats_finalise_log_no_delete BEFORE DELETE ON stats_finalise_log BEGIN SELECT RAISE(ABORT, 'stats_finalise_log is append-only'); END`,
  `CREATE TABLE stats_explanation (
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    PRIMARY KEY (year, code)
  ) WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
