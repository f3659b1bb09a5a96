import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
const db = new Database('/tmp/prof/x.sqlite');
const positions = `[${Array.from({ length: 64 }, (_, i) => i + 1).join(',')}]`;
db.exec('CREATE TEMP TABLE pos (value INTEGER PRIMARY KEY)'); db.exec(`INSERT INTO temp.pos SELECT value FROM json_each('${positions}')`);
const variants: Record<string, string> = {
  json: `SELECT substr(p.name, pos.value, len.value), ifnull(p.name_sort_key, p.name), p.id FROM person p JOIN json_each('${positions}') AS pos ON pos.value <= length(p.name) JOIN json_each('[1,2]') AS len ON pos.value + len.value - 1 <= length(p.name) ORDER BY 1, 2, 3`,
  temp: `SELECT substr(p.name, pos.value, len.value), ifnull(p.name_sort_key, p.name), p.id FROM person p JOIN temp.pos AS pos ON pos.value <= length(p.name) JOIN temp.pos AS len ON len.value <= 2 AND pos.value + len.value - 1 <= length(p.name) ORDER BY 1, 2, 3`,
  union: `SELECT gram, k, id FROM (SELECT substr(p.name, pos.value, 1) AS gram, ifnull(p.name_sort_key, p.name) AS k, p.id AS id FROM person p JOIN temp.pos AS pos ON pos.value <= length(p.name) UNION ALL SELECT substr(p.name, pos.value, 2), ifnull(p.name_sort_key, p.name), p.id FROM person p JOIN temp.pos AS pos ON pos.value < length(p.name)) ORDER BY 1, 2, 3`,
};
for (const round of [1, 2]) for (const [k, sel] of Object.entries(variants)) {
  db.exec('BEGIN'); db.exec('DELETE FROM person_name_gram');
  let t = performance.now();
  const n = db.prepare(`SELECT count(*) FROM (${sel.replace(/ORDER BY 1, 2, 3/, '')})`).pluck().get();
  const gen = performance.now() - t; t = performance.now();
  db.prepare(`INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id) ${sel}`).run();
  console.log(round, k, 'gen', Math.round(gen), 'insert', Math.round(performance.now() - t), n, db.prepare('select count(*) from person_name_gram').pluck().get());
  db.exec('ROLLBACK');
}
