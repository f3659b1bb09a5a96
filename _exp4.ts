import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
const db = new Database('/tmp/prof/x.sqlite');
const E = process.env;
if (E.CACHE) db.pragma('cache_size = -' + E.CACHE);
if (E.TEMP) db.pragma('temp_store = MEMORY'); if (E.THREADS) console.log(db.pragma('threads = ' + E.THREADS));
const positions = `[${Array.from({ length: 64 }, (_, i) => i + 1).join(',')}]`;
for (const variant of ['sql']) {
  db.exec('BEGIN'); db.exec('DELETE FROM person_name_gram');
  const t = performance.now();
  if (variant.startsWith('sql')) db.prepare(`INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id)
         SELECT substr(p.name, pos.value, len.value), ifnull(p.name_sort_key, p.name), p.id
         FROM person p JOIN json_each('${positions}') AS pos ON pos.value <= length(p.name)
         JOIN json_each('[1,2]') AS len ON pos.value + len.value - 1 <= length(p.name)
         ${variant === 'sql' ? 'ORDER BY 1, 2, 3' : ''}`).run();
  else {
    const rows = db.prepare('SELECT id, name, name_sort_key FROM person').raw().all() as [number, string, string][];
    const grams: [string, string, number][] = [];
    for (const [id, name, key] of rows) { const cs = Array.from(name); const seen = new Set<string>(); for (let i = 0; i < cs.length; i++) { for (const g of [cs[i]!, i + 1 < cs.length ? cs[i]! + cs[i + 1]! : null]) if (g && !seen.has(g)) { seen.add(g); grams.push([g, key, id]); } } }
    const t1 = performance.now();
    grams.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
    const t2 = performance.now();
    const ins = db.prepare('INSERT OR IGNORE INTO person_name_gram (gram, name_sort_key, person_id) VALUES (?, ?, ?)');
    for (const g of grams) ins.run(g[0], g[1], g[2]);
    console.log('  js build', Math.round(t1 - t), 'sort', Math.round(t2 - t1), 'insert', Math.round(performance.now() - t2), grams.length);
  }
  console.log(variant, Math.round(performance.now() - t), db.prepare('select count(*) from person_name_gram').pluck().get());
  db.exec('ROLLBACK');
}
