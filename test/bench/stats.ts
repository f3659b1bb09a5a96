import { dispatch } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';
import { groupMemberActiveAt, memberActiveAt, memberKindAt, organizationEstablishedAt, teamActiveAt, volunteerActiveAt, yearEnd } from '../../src-main/core/db/active-at';
import { medianMs, round } from './measure';

/**
 * Both annual tables for last year through the dispatcher (stats.tables computes 附件1 and
 * 附件2 together), beside the raw SQL aggregate of the same figures straight from the shared
 * as-of predicates: one conditional-aggregate scan per table for the year and its baseline.
 * The figures must agree; a mismatch fails the bench.
 */
export async function benchStats(file: string): Promise<Record<string, number>> {
  const db = await openLedgerDb(file);
  const backend = { db };
  try {
    const year = new Date().getFullYear() - 1;
    const p = { a: yearEnd(year), b: yearEnd(2020) };
    const both = (predicate: string) => `sum(${predicate.replaceAll(':asOf', ':a')}), sum(${predicate.replaceAll(':asOf', ':b')})`;
    const s = db.sqlite;
    const raw = [
      s.prepare(
        `SELECT sum(${memberActiveAt('m').replaceAll(':asOf', ':a')} AND ${memberKindAt('m').replaceAll(':asOf', ':a')} = 'adult'),
                sum(${memberActiveAt('m').replaceAll(':asOf', ':a')} AND ${memberKindAt('m').replaceAll(':asOf', ':a')} = 'youth'),
                sum(${memberActiveAt('m').replaceAll(':asOf', ':b')} AND ${memberKindAt('m').replaceAll(':asOf', ':b')} = 'adult'),
                sum(${memberActiveAt('m').replaceAll(':asOf', ':b')} AND ${memberKindAt('m').replaceAll(':asOf', ':b')} = 'youth') FROM member m`,
      ).raw(),
      s.prepare(`SELECT ${both(volunteerActiveAt('v'))} FROM volunteer v`).raw(),
      s.prepare(`SELECT ${both(organizationEstablishedAt('o'))} FROM organization o`).raw(),
      s.prepare(`SELECT ${both(groupMemberActiveAt('g'))} FROM group_member g`).raw(),
      s.prepare(`SELECT ${both(teamActiveAt('t'))} FROM volunteer_team t`).raw(),
      s.prepare(`SELECT sum(h.minutes) FROM service_record r JOIN service_hours h ON h.service_record_id = r.id WHERE r.held_on BETWEEN :from AND :a`).raw(),
    ];
    const runRaw = () => [
      ...(raw[0]!.get(p) as number[]),
      ...(raw[1]!.get(p) as number[]),
      ...(raw[2]!.get(p) as number[]),
      ...(raw[3]!.get(p) as number[]),
      ...(raw[4]!.get(p) as number[]),
      ...(raw[5]!.get({ a: p.a, from: `${year}-01-01` }) as number[]),
      ...(raw[5]!.get({ a: p.b, from: '2020-01-01' }) as number[]),
    ];
    const call = async () => {
      const result = await dispatch(backend, 'stats.tables', { year, baselineYear: 2020 });
      if (!result.ok) throw new Error(`stats.tables: ${result.error.message}`);
      return result.value as { table1: Array<{ value: number }>; table2: Array<{ value: number }> };
    };
    const r = runRaw();
    const t = await call();
    const v = t.table1.map((x) => x.value);
    const expected = [r[0], r[1], r[4], r[6], r[8], r[10]];
    const got = [v[9], v[10], v[11], v[7], v[8], v[12]];
    if (JSON.stringify(expected) !== JSON.stringify(got)) throw new Error(`stats figures differ from the raw aggregate: ${JSON.stringify({ expected, got })}`);
    const statsRawMs = await medianMs(5, runRaw);
    const statsTablesMs = await medianMs(9, call);
    return { statsYear: year, statsTablesMs, statsRawAggregateMs: statsRawMs, statsRatioToRaw: round(statsTablesMs / statsRawMs, 3) };
  } finally {
    await db.close();
  }
}

if (process.argv[1]?.endsWith('stats.ts') && process.argv[2]) {
  process.stdout.write(`${JSON.stringify(await benchStats(process.argv[2]), null, 2)}\n`);
}
