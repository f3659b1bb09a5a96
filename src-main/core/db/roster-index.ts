import type BetterSqlite3 from 'better-sqlite3';

// Keeps the roster structures of migration 0030 current: member_scope (a member under each
// organisation above it, in pinyin order), person_name_gram (1- and 2-character name pieces)
// and the reversed number tails. Raw prepared statements on the shared connection, so they run
// inside the dispatcher's transaction with the write they follow.

/** 0 stands for the whole county in member_scope. */
export const countyScope = 0;

export function reversed(value: string | null): string | null {
  return value === null ? null : [...value].reverse().join('');
}

/** Every 1- and 2-character piece of a name (deduplicated). */
export function nameGrams(name: string): string[] {
  const chars = [...name];
  const grams = new Set<string>();
  chars.forEach((c, i) => {
    grams.add(c);
    if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
  });
  return [...grams];
}

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

function prepare(sqlite: BetterSqlite3.Database) {
  return {
    person: sqlite.prepare('SELECT id, name, name_sort_key, id_number, phone FROM person WHERE id = ?'),
    deleteGrams: sqlite.prepare('DELETE FROM person_name_gram WHERE person_id = ?'),
    insertGram: sqlite.prepare('INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id) VALUES (?, ?, ?)'),
    setTails: sqlite.prepare('UPDATE person SET id_tail = ?, phone_tail = ? WHERE id = ?'),
    membersOfPerson: sqlite.prepare('SELECT id FROM member WHERE person_id = ?').pluck(),
    deleteScopes: sqlite.prepare('DELETE FROM member_scope WHERE member_id = ?'),
    insertScopes: sqlite.prepare(`
      INSERT OR IGNORE INTO member_scope (scope_id, name_sort_key, member_id)
      WITH RECURSIVE up(org_id) AS (
        SELECT organization_id FROM member WHERE id = :member
        UNION ALL
        SELECT o.parent_id FROM up JOIN organization o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL
      )
      SELECT org_id, (SELECT p.name_sort_key FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = :member), :member FROM up
      UNION ALL
      SELECT 0, (SELECT p.name_sort_key FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = :member), :member`),
    membersInSubtree: sqlite
      .prepare(
        `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT o.id FROM organization o JOIN down ON o.parent_id = down.id)
         SELECT m.id FROM member m JOIN down ON m.organization_id = down.id`,
      )
      .pluck(),
  };
}

function statements(sqlite: BetterSqlite3.Database): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    cache.set(sqlite, s);
  }
  return s;
}

/** After a person is added or their name or numbers change. */
export function indexPerson(sqlite: BetterSqlite3.Database, personId: number): void {
  const s = statements(sqlite);
  const person = s.person.get(personId) as { id: number; name: string; name_sort_key: string; id_number: string | null; phone: string | null } | undefined;
  if (!person) return;
  s.deleteGrams.run(personId);
  for (const gram of nameGrams(person.name)) s.insertGram.run(gram, person.name_sort_key, personId);
  s.setTails.run(reversed(person.id_number), reversed(person.phone), personId);
  for (const memberId of s.membersOfPerson.all(personId) as number[]) indexMember(sqlite, memberId);
}

/** After a member is added, transferred, or their person renamed. */
export function indexMember(sqlite: BetterSqlite3.Database, memberId: number): void {
  const s = statements(sqlite);
  s.deleteScopes.run(memberId);
  s.insertScopes.run({ member: memberId });
}

/** After an organisation moves: every member beneath it now lies under other ancestors. */
export function indexSubtree(sqlite: BetterSqlite3.Database, orgId: number): number {
  const members = statements(sqlite).membersInSubtree.all(orgId) as number[];
  for (const memberId of members) indexMember(sqlite, memberId);
  return members.length;
}

/** Rebuilds everything set-based, after a bulk load (seed, import). */
export function rebuildRosterIndex(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`
    DELETE FROM member_scope;
    DELETE FROM person_name_gram;
    INSERT INTO member_scope (scope_id, name_sort_key, member_id)
      WITH RECURSIVE up(member_id, org_id) AS (
        SELECT id, organization_id FROM member
        UNION ALL
        SELECT up.member_id, o.parent_id FROM up JOIN organization o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL
      )
      SELECT up.org_id, p.name_sort_key, up.member_id FROM up JOIN member m ON m.id = up.member_id JOIN person p ON p.id = m.person_id
      UNION ALL
      SELECT 0, p.name_sort_key, m.id FROM member m JOIN person p ON p.id = m.person_id
      ORDER BY 1, 2, 3;`);
  const insertGram = sqlite.prepare('INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id) VALUES (?, ?, ?)');
  const setTails = sqlite.prepare('UPDATE person SET id_tail = ?, phone_tail = ? WHERE id = ?');
  const rows = sqlite.prepare('SELECT id, name, name_sort_key, id_number, phone FROM person').raw().all() as Array<[number, string, string, string | null, string | null]>;
  const grams: Array<[string, string, number]> = [];
  for (const [id, name, key, idNumber, phone] of rows) {
    for (const gram of nameGrams(name)) grams.push([gram, key, id]);
    setTails.run(reversed(idNumber), reversed(phone), id);
  }
  // Inserting in key order keeps the WITHOUT ROWID b-tree appends sequential.
  grams.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
  for (const [gram, key, id] of grams) insertGram.run(gram, key, id);
}
