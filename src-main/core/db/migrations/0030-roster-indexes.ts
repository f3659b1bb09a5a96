import { sql, type Kysely } from 'kysely';

// Indexes that keep the people rosters instant at a million rows (measured on the large seed,
// see docs/roster-indexing.md):
// - member/volunteer.name_sort_key: a copy of the person's pinyin key, so a page of an
//   organisation subtree is a range read of (organization_id, name_sort_key, person_id) per
//   organisation, merged by SQLite's ORDER BY … LIMIT, instead of sorting the subtree;
// - person_name_gram: every 1- and 2-character piece of each name in pinyin order, so a name
//   fragment of any length finds its first page without scanning the names;
// - person.id_tail / phone_tail: the last 12 characters reversed (virtual columns), so "the last
//   digits" is an index prefix range.
// Triggers keep all of it current whichever code path writes a person, member or volunteer; bulk
// loads suspend them and rebuild set-based (db/roster-index.ts).
// Frozen: never edit after release; add a new numbered migration instead.

const positions = '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64]';

/** 1- and 2-character pieces of NEW.name (the first 64 characters; names are far shorter). */
const gramsOfNew = `SELECT gram, ifnull(NEW.name_sort_key, NEW.name), NEW.id FROM (
    SELECT substr(NEW.name, p.value, 1) AS gram FROM json_each('${positions}') AS p WHERE p.value <= length(NEW.name)
    UNION ALL
    SELECT substr(NEW.name, p.value, 2) FROM json_each('${positions}') AS p WHERE p.value < length(NEW.name))`;

const statements = [
  `CREATE TABLE person_name_gram (
    gram TEXT NOT NULL,
    name_sort_key TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    PRIMARY KEY (gram, name_sort_key, person_id)
  ) WITHOUT ROWID`,
  `ALTER TABLE person ADD COLUMN id_tail TEXT GENERATED ALWAYS AS (substr(id_number, -1, 1)||substr(id_number, -2, 1)||substr(id_number, -3, 1)||substr(id_number, -4, 1)||substr(id_number, -5, 1)||substr(id_number, -6, 1)||substr(id_number, -7, 1)||substr(id_number, -8, 1)||substr(id_number, -9, 1)||substr(id_number, -10, 1)||substr(id_number, -11, 1)||substr(id_number, -12, 1)) VIRTUAL`,
  `ALTER TABLE person ADD COLUMN phone_tail TEXT GENERATED ALWAYS AS (substr(phone, -1, 1)||substr(phone, -2, 1)||substr(phone, -3, 1)||substr(phone, -4, 1)||substr(phone, -5, 1)||substr(phone, -6, 1)||substr(phone, -7, 1)||substr(phone, -8, 1)||substr(phone, -9, 1)||substr(phone, -10, 1)||substr(phone, -11, 1)||substr(phone, -12, 1)) VIRTUAL`,
  `CREATE INDEX person_id_tail ON person (id_tail) WHERE id_number IS NOT NULL`,
  `CREATE INDEX person_phone_tail ON person (phone_tail) WHERE phone IS NOT NULL`,
  `UPDATE person SET name_sort_key = name WHERE name_sort_key IS NULL`,

  `ALTER TABLE member ADD COLUMN name_sort_key TEXT`,
  `UPDATE member SET name_sort_key = (SELECT name_sort_key FROM person WHERE person.id = member.person_id)`,
  // Status leads the key after the organisation: a rare filter (退会 members of a township) is a
  // range of its own instead of a walk through the whole subtree; unfiltered pages ask for both.
  `CREATE INDEX member_roster ON member (organization_id, status, name_sort_key, person_id, kind, joined_on)`,
  `CREATE INDEX member_sorted ON member (name_sort_key, person_id, status, kind, joined_on)`,
  // The same two orders by join date (the member id breaks ties), replacing member_joined.
  `CREATE INDEX member_joined_roster ON member (organization_id, status, joined_on, id, kind)`,
  `CREATE INDEX member_joined_sorted ON member (joined_on, id, status, kind)`,
  // A name search walks persons and checks their membership: one probe instead of two.
  `CREATE INDEX member_person_filters ON member (person_id, organization_id, status, kind, joined_on)`,
  // Superseded by the indexes above.
  `DROP INDEX person_name_sort`,
  `DROP INDEX member_org`,
  `DROP INDEX member_joined`,
  `ALTER TABLE volunteer ADD COLUMN name_sort_key TEXT`,
  `UPDATE volunteer SET name_sort_key = (SELECT name_sort_key FROM person WHERE person.id = volunteer.person_id)`,
  `CREATE INDEX volunteer_roster ON volunteer (organization_id, name_sort_key, person_id, status)`,
  `CREATE INDEX volunteer_sorted ON volunteer (name_sort_key, person_id, status)`,
  `CREATE INDEX volunteer_registered_roster ON volunteer (organization_id, registered_on, id, status)`,
  `CREATE INDEX volunteer_registered_sorted ON volunteer (registered_on, id, status)`,

  `INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id)
   SELECT substr(p.name, pos.value, len.value), p.name_sort_key, p.id
   FROM person p
   JOIN json_each('${positions}') AS pos ON pos.value <= length(p.name)
   JOIN json_each('[1,2]') AS len ON pos.value + len.value - 1 <= length(p.name)`,

  `CREATE TRIGGER roster_person_insert AFTER INSERT ON person BEGIN
     INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id) ${gramsOfNew};
   END`,
  `CREATE TRIGGER roster_person_rename AFTER UPDATE OF name, name_sort_key ON person BEGIN
     DELETE FROM person_name_gram WHERE person_id = OLD.id AND name_sort_key = ifnull(OLD.name_sort_key, OLD.name)
       AND gram IN (SELECT substr(OLD.name, p.value, 1) FROM json_each('${positions}') AS p WHERE p.value <= length(OLD.name)
                    UNION ALL SELECT substr(OLD.name, p.value, 2) FROM json_each('${positions}') AS p WHERE p.value < length(OLD.name));
     INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id) ${gramsOfNew};
     UPDATE member SET name_sort_key = NEW.name_sort_key WHERE person_id = NEW.id;
     UPDATE volunteer SET name_sort_key = NEW.name_sort_key WHERE person_id = NEW.id;
   END`,
  `CREATE TRIGGER roster_member_insert AFTER INSERT ON member WHEN NEW.name_sort_key IS NULL BEGIN
     UPDATE member SET name_sort_key = (SELECT name_sort_key FROM person WHERE id = NEW.person_id) WHERE id = NEW.id;
   END`,
  `CREATE TRIGGER roster_volunteer_insert AFTER INSERT ON volunteer WHEN NEW.name_sort_key IS NULL BEGIN
     UPDATE volunteer SET name_sort_key = (SELECT name_sort_key FROM person WHERE id = NEW.person_id) WHERE id = NEW.id;
   END`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
