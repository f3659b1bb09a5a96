import { sql, type Kysely } from 'kysely';

// Structures that keep the people rosters instant at a million rows (measured on the large seed):
// - member_scope: one row per member per organisation it lies under (its own and every ancestor,
//   plus scope 0 = the whole county), keyed in pinyin order, so a page of any subtree is an index
//   range read instead of sorting the subtree (0.3 ms vs 90 ms for a township of 15k members);
// - person_name_gram: every 1- and 2-character piece of each name, in pinyin order, so a name
//   fragment of any length finds its first page without scanning (0.4 ms vs 2 s for '王');
// - person.id_tail / phone_tail: the numbers reversed, so "last digits" is an index prefix range.
// The application keeps them current on every write (db/roster-index.ts); this migration only
// fills them for rows that already exist.
const statements = [
  `CREATE TABLE member_scope (
    scope_id INTEGER NOT NULL,
    name_sort_key TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member(id),
    PRIMARY KEY (scope_id, name_sort_key, member_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX member_scope_member ON member_scope (member_id)`,
  `CREATE TABLE person_name_gram (
    gram TEXT NOT NULL,
    name_sort_key TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (gram, name_sort_key, person_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX person_name_gram_person ON person_name_gram (person_id)`,
  `ALTER TABLE person ADD COLUMN id_tail TEXT`,
  `ALTER TABLE person ADD COLUMN phone_tail TEXT`,
  `CREATE INDEX person_id_tail ON person (id_tail) WHERE id_tail IS NOT NULL`,
  `CREATE INDEX person_phone_tail ON person (phone_tail) WHERE phone_tail IS NOT NULL`,
  `UPDATE person SET name_sort_key = name WHERE name_sort_key IS NULL`,
];

// Set-based fills for rows that exist before this migration.
const backfill = [
  `INSERT OR IGNORE INTO member_scope (scope_id, name_sort_key, member_id)
   WITH RECURSIVE up(member_id, org_id) AS (
     SELECT m.id, m.organization_id FROM member m
     UNION ALL
     SELECT up.member_id, o.parent_id FROM up JOIN organization o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL
   )
   SELECT up.org_id, p.name_sort_key, up.member_id FROM up JOIN member m ON m.id = up.member_id JOIN person p ON p.id = m.person_id
   UNION ALL
   SELECT 0, p.name_sort_key, m.id FROM member m JOIN person p ON p.id = m.person_id`,
  `INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id)
   WITH RECURSIVE pos(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < 30)
   SELECT substr(p.name, pos.n, len.k), p.name_sort_key, p.id
   FROM person p JOIN pos ON pos.n <= length(p.name) JOIN (SELECT 1 AS k UNION ALL SELECT 2) AS len ON pos.n + len.k - 1 <= length(p.name)`,
  `UPDATE person SET
     id_tail = (WITH RECURSIVE r(i, s) AS (SELECT length(person.id_number), '' UNION ALL SELECT i - 1, s || substr(person.id_number, i, 1) FROM r WHERE i > 0) SELECT s FROM r WHERE i = 0),
     phone_tail = (WITH RECURSIVE r(i, s) AS (SELECT length(person.phone), '' UNION ALL SELECT i - 1, s || substr(person.phone, i, 1) FROM r WHERE i > 0) SELECT s FROM r WHERE i = 0)
   WHERE id_number IS NOT NULL OR phone IS NOT NULL`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [...statements, ...backfill]) await sql.raw(statement).execute(db);
}

