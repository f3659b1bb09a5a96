import { dispatch, type Backend } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';
import { encodeCursor } from '../../src-main/core/api/cursor';
import { percentiles as timings } from './measure';

// Volunteer roster, service and star queries on a seeded ledger, through the dispatcher (the
// core, as every transport calls it), each next to a raw SQLite baseline where one applies.
// Standalone: `npx tsx test/bench/volunteer-queries.ts FILE` prints one JSON document.

export async function benchVolunteerQueries(file: string) {
  const db = await openLedgerDb(file);
  const backend: Backend = { db };
  const call = async (method: string, input: unknown) => {
    const envelope = await dispatch(backend, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value as Record<string, unknown>;
  };
  const sqlite = db.sqlite;
  const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  const volunteers = count('SELECT count(*) FROM volunteer');
  const township = count('SELECT o.id FROM organization o WHERE o.parent_id IS NULL ORDER BY (SELECT count(*) FROM organization c WHERE c.parent_id = o.id) DESC LIMIT 1');
  const middle = sqlite.prepare('SELECT name_sort_key AS key, person_id AS id FROM volunteer ORDER BY name_sort_key, person_id LIMIT 1 OFFSET ?').get(Math.floor(volunteers / 2)) as { key: string; id: number };
  const sample = sqlite.prepare('SELECT p.name, p.id_number FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.id = ?').get(Math.floor(volunteers / 3)) as { name: string; id_number: string };
  const team = count('SELECT team_id FROM team_membership WHERE left_on IS NULL GROUP BY team_id ORDER BY count(*) DESC LIMIT 1');
  const raw = sqlite.prepare('SELECT * FROM volunteer WHERE id > ? ORDER BY id LIMIT 101');

  const runs = 100;
  const result = {
    volunteers,
    serviceRecords: count('SELECT count(*) FROM service_record'),
    serviceHoursRows: count('SELECT count(*) FROM service_hours'),
    rawPrimaryKeyPage: await timings(runs, () => raw.all(Math.floor(volunteers / 2))),
    firstPage: await timings(runs, () => call('volunteer.list', { limit: 100 })),
    middlePage: await timings(runs, () => call('volunteer.list', { limit: 100, after: encodeCursor(['name', middle.key, middle.id]) })),
    townshipSubtreePage: await timings(runs, () => call('volunteer.list', { limit: 100, orgId: township })),
    teamPage: await timings(runs, () => call('volunteer.list', { limit: 100, teamId: team })),
    search1Char: await timings(runs, () => call('volunteer.list', { limit: 100, search: sample.name.slice(-1) })),
    search2Chars: await timings(runs, () => call('volunteer.list', { limit: 100, search: sample.name.slice(-2) })),
    search3Chars: await timings(runs, () => call('volunteer.list', { limit: 100, search: sample.name.length >= 3 ? sample.name.slice(-3) : sample.name })),
    searchIdTail6: await timings(runs, () => call('volunteer.list', { limit: 100, search: sample.id_number.slice(-6) })),
    volunteerGet: await timings(runs, () => call('volunteer.get', { id: Math.floor(volunteers / 3) })),
    serviceListFirstPage: await timings(runs, () => call('service.list', { limit: 100 })),
    teamList: await timings(10, () => call('team.list', {})),
    starOverview: await timings(10, () => call('star.overview', {})),
    starRegisterFirstPage: await timings(runs, () => call('star.register', { limit: 100 })),
  };
  db.close();
  return result;
}

if (process.argv[1]?.endsWith('volunteer-queries.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx test/bench/volunteer-queries.ts FILE');
  process.stdout.write(`${JSON.stringify(await benchVolunteerQueries(file), null, 2)}\n`);
}
