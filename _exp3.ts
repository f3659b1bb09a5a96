import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openLedgerDb } from './src-main/core/db/open';
import { suspendRosterIndexes } from './src-main/core/db/roster-index';
import { nameSortKey } from './src-main/core/domain/pinyin';
const E = process.env;
if (!fs.existsSync('/tmp/prof/actions.json')) {
  const { importOptions } = await import('./src-main/core/api/contract/import');
  const { previewImport } = await import('./src-main/core/import/engine');
  fs.copyFileSync('/tmp/prof/base.sqlite', '/tmp/prof/x.sqlite'); fs.rmSync('/tmp/prof/x.sqlite-wal', {force:true});
  const l = await openLedgerDb('/tmp/prof/x.sqlite');
  const pv = await previewImport({ sqlite: l.sqlite, today: '2026-06-15', youthReferenceDate: null }, '/tmp/prof/members.xlsx', 'members.xlsx', importOptions.parse({ uploadId: 'xxxxxxxxxx', kind: 'members' }), { signal: new AbortController().signal, progress: () => {} });
  fs.writeFileSync('/tmp/prof/actions.json', JSON.stringify(pv.plan.actions));
  await l.close();
}
const actions = JSON.parse(fs.readFileSync('/tmp/prof/actions.json', 'utf8')) as any[];
fs.copyFileSync('/tmp/prof/base.sqlite', '/tmp/prof/x.sqlite'); fs.rmSync('/tmp/prof/x.sqlite-wal', {force:true});
const ledger = await openLedgerDb('/tmp/prof/x.sqlite');
const { sqlite } = ledger;
if (E.CACHE) sqlite.pragma('cache_size = -' + E.CACHE);
if (E.TEMP) sqlite.pragma('temp_store = MEMORY');
if (E.SYNC) sqlite.pragma('synchronous = ' + E.SYNC);
let t = performance.now(); const t0 = t;
const lap = (s: string) => { console.error(s.padEnd(16), Math.round(performance.now() - t)); t = performance.now(); };
const keys = actions.map((a) => nameSortKey(a.person.name)); lap('sortkeys');
sqlite.pragma('foreign_keys = OFF'); sqlite.exec('BEGIN IMMEDIATE');
const restore = suspendRosterIndexes(sqlite);
if (E.NOSTATS) sqlite.exec('DROP TRIGGER stats_member_insert');
if (E.NOSTAND) sqlite.exec('DROP INDEX member_org_standing');
if (E.NOUNIQ) sqlite.exec('DROP INDEX person_id_number');
if (E.NOMEMUNIQ) {}
const at = new Date().toISOString();
const ip = sqlite.prepare(`INSERT INTO person (name, name_sort_key, gender, id_type, id_number, birth_date, phone, guardian_name, guardian_phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const im = sqlite.prepare(E.DIRECTKEY ? `INSERT INTO member (person_id, name_sort_key, kind, organization_id, joined_on, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)` : `INSERT INTO member (person_id, name_sort_key, kind, organization_id, joined_on, notes, created_at, updated_at) VALUES (?, (SELECT name_sort_key FROM person WHERE id = ?), ?, ?, ?, ?, ?, ?)`);
const pids: number[] = [];
for (let i = 0; i < actions.length; i++) { const p = actions[i].person; pids.push(Number(ip.run(p.name, keys[i], p.gender, p.idType, p.idNumber, p.birthDate, p.phone, p.guardianName, p.guardianPhone, at, at).lastInsertRowid)); }
lap('person');
for (let i = 0; i < actions.length; i++) { const m = actions[i].member; im.run(pids[i], E.DIRECTKEY ? keys[i] : pids[i], m.kind, m.orgId, m.joinedOn, m.notes, at, at); }
lap('member');
if (E.NOUNIQ) { sqlite.exec(`CREATE UNIQUE INDEX person_id_number ON person (id_type, id_number) WHERE id_number IS NOT NULL`); lap('uniq'); }
if (E.NOSTAND) { sqlite.exec(`CREATE INDEX member_org_standing ON member (organization_id, joined_on, status, lapsed_on, kind, converted_to_adult_on)`); lap('standing'); }
restore(); lap('restore');
sqlite.exec(`INSERT INTO import_row (import_id, entity, entity_id, action, before_json) SELECT 1, 'person', id, 'insert', NULL FROM person WHERE id >= ${pids[0]}`);
sqlite.exec(`INSERT INTO import_row (import_id, entity, entity_id, action, before_json) SELECT 1, 'member', id, 'insert', NULL FROM member WHERE person_id >= ${pids[0]}`);
sqlite.exec(`INSERT INTO change_log (batch_id, at, actor, entity, entity_id, action, field, old_value, new_value) SELECT 'b', '${at}', 'a', 'member', id, 'import', NULL, NULL, 'x' FROM member WHERE person_id >= ${pids[0]}`);
lap('rows+log');
sqlite.exec('COMMIT'); lap('commit');
await ledger.close(); lap('close');
console.error('TOTAL', Math.round(performance.now() - t0));
