import type BetterSqlite3 from 'better-sqlite3';
import { groupMemberActiveAt, memberActiveAt, memberKindAt, organizationEstablishedAt, teamActiveAt, volunteerActiveAt, yearEnd } from '../db/active-at';
import { maskIdNumber } from '../domain/id-number';
import { maskPhone } from '../domain/phone';
import { asOfFor, reElectionDueTerm, termsStartedBetween, type Term } from './compute';
import type { ItemNo } from './items';

// The records behind one figure, masked. For a count item the list's length is the figure; for
// item 14 the rows' minutes add up to it. 附件2 differences are given as the year's records plus
// the baseline year's (side 'baseline'): the figure is the first count minus the second. 附件2
// items 2/3 list the terms begun in the window.

export interface TraceRecord {
  side: 'year' | 'baseline';
  entity: 'county_society' | 'society_term' | 'organization' | 'group_member' | 'member' | 'volunteer' | 'volunteer_team' | 'service_hours';
  id: number;
  name: string;
  organization: string | null;
  date: string | null;
  idNumber: string | null;
  phone: string | null;
  note: string | null;
  minutes: number | null;
  hours: number | null;
}

interface Page {
  offset: number;
  limit: number | null;
}

type Row = Record<string, unknown>;

const mask = (id: unknown) => (typeof id === 'string' && id ? maskIdNumber(id) : null);
const maskP = (p: unknown) => (typeof p === 'string' && p ? maskPhone(p) : null);

/**
 * One side's list: either a few records in hand, or one SQL statement read a row at a time
 * (better-sqlite3 iterate, so a 500,000-row list never sits in memory). The statement is kept in
 * parts so that a page and a count need not build the records they skip: the count and the seek
 * to a page's first row read only the driving table(s) and the filter (the other joins are
 * foreign keys, NOT NULL, enforced: they never drop a row), then the page is the full statement
 * from that row on (a keyset on the ordering columns) with LIMIT. One filter, one mapping.
 */
interface Source {
  rows(page?: Page): Iterable<TraceRecord>;
  count(): number;
}

interface ListSql {
  select: string;
  /** The driving table(s): every row of `from` filtered by `where` is one record. */
  from: string;
  /** Lookups for the record's columns only (many-to-one, always present or LEFT). */
  joins: string;
  where: string;
  /** Unique ordering, columns of `from`. */
  order: string[];
}

function* mapRows(rows: Iterable<unknown>, toRecord: (r: Row) => TraceRecord): Generator<TraceRecord> {
  for (const r of rows) yield toRecord(r as Row);
}

const inHand = (records: TraceRecord[]): Source => ({
  rows: (page) => (page ? records.slice(page.offset, page.limit === null ? undefined : page.offset + page.limit) : records),
  count: () => records.length,
});

function listFor(sqlite: BetterSqlite3.Database, item: ItemNo, asOf: string, yearStart: string, side: TraceRecord['side']): Source {
  const base = { side, idNumber: null, phone: null, note: null, minutes: null, hours: null, organization: null };
  const all = (sql: string, params: Record<string, unknown> = {}) => sqlite.prepare(sql).all({ asOf, ...params }) as Row[];
  const each = (q: ListSql, params: Record<string, unknown>, toRecord: (r: Row) => TraceRecord): Source => {
    const p = { asOf, ...params };
    const order = q.order.join(', ');
    const full = (extra: string) => `SELECT ${q.select} FROM ${q.from} ${q.joins} WHERE ${q.where}${extra} ORDER BY ${order}`;
    return {
      rows: (page) => {
        if (!page) return mapRows(sqlite.prepare(full('')).iterate(p), toRecord);
        const first = sqlite.prepare(`SELECT ${order} FROM ${q.from} WHERE ${q.where} ORDER BY ${order} LIMIT 1 OFFSET :offset`).raw().get({ ...p, offset: page.offset }) as unknown[] | undefined;
        if (!first) return [];
        const keys = Object.fromEntries(first.map((v, i) => [`k${i}`, v]));
        const from = ` AND (${order}) >= (${first.map((_, i) => `:k${i}`).join(', ')})`;
        return mapRows(sqlite.prepare(`${full(from)} LIMIT :limit`).iterate({ ...p, ...keys, limit: page.limit ?? -1 }), toRecord);
      },
      count: () => sqlite.prepare(`SELECT count(*) FROM ${q.from} WHERE ${q.where}`).pluck().get(p) as number,
    };
  };
  switch (item) {
    case 2:
    case 4:
    case 6:
      return inHand([]);
    case 1:
    case 5:
    case 7: {
      const col = item === 1 ? 'mgmt_rationalized' : item === 5 ? 'party_group_established' : 'supervisory_board_established';
      const label = item === 1 ? '已理顺管理体制' : item === 5 ? '已设立党组' : '已设立监事会';
      return inHand(
        all(`SELECT id, name, ${col}_on AS d FROM county_society WHERE id = 1 AND ${col} = 1 AND (${col}_on IS NULL OR ${col}_on <= :asOf)`).map((r) => ({
        ...base,
        entity: 'county_society',
        id: r.id as number,
        name: r.name as string,
        date: (r.d as string | null) ?? null,
        note: r.d ? label : `${label}（未填日期）`,
        })),
      );
    }
    case 3: {
      const terms = all('SELECT id, started_on, due_on, note FROM society_term ORDER BY started_on') as unknown as Array<Term & { id: number; note: string | null }>;
      const t = reElectionDueTerm(terms, asOf);
      if (!t) return inHand([]);
      const next = terms.find((x) => x.started_on > t.started_on && x.started_on <= asOf);
      const done = next ? `，已于 ${next.started_on} 完成换届` : `，截至 ${asOf} 尚未换届`;
      return inHand([{ ...base, entity: 'society_term', id: t.id, name: t.note ?? '理事会', date: t.started_on, note: `应于 ${t.due_on} 换届${done}` }]);
    }
    case 8:
      return each(
        { select: 'o.id, o.name, o.founded_on, ot.name AS type, o.status', from: 'organization o', joins: 'LEFT JOIN organization_type ot ON ot.id = o.type_id', where: organizationEstablishedAt('o'), order: ['o.id'] },
        {},
        (r) => ({ ...base, entity: 'organization', id: r.id as number, name: r.name as string, date: (r.founded_on as string | null) ?? null, note: (r.type as string | null) ?? '未填类型' }),
      );
    case 9:
      return each(
        { select: 'g.id, g.unit_name, g.joined_on, g.contact_phone, o.name AS org', from: 'group_member g', joins: 'LEFT JOIN organization o ON o.id = g.organization_id', where: groupMemberActiveAt('g'), order: ['g.id'] },
        {},
        (r) => ({ ...base, entity: 'group_member', id: r.id as number, name: r.unit_name as string, organization: (r.org as string | null) ?? null, date: r.joined_on as string, phone: maskP(r.contact_phone) }),
      );
    case 10:
    case 11:
      return each(
        {
          select: 'm.id, p.name, p.id_number, p.phone, o.name AS org, m.joined_on',
          from: 'member m',
          joins: 'JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id',
          where: `${memberActiveAt('m')} AND ${memberKindAt('m')} = :kind`,
          order: ['m.id'],
        },
        { kind: item === 10 ? 'adult' : 'youth' },
        (r) => ({ ...base, entity: 'member', id: r.id as number, name: r.name as string, organization: r.org as string, date: r.joined_on as string, idNumber: mask(r.id_number), phone: maskP(r.phone) }),
      );
    case 12:
      return each(
        {
          select: 'v.id, p.name, p.id_number, p.phone, o.name AS org, v.registered_on',
          from: 'volunteer v',
          joins: 'JOIN person p ON p.id = v.person_id LEFT JOIN organization o ON o.id = v.organization_id',
          where: volunteerActiveAt('v'),
          order: ['v.id'],
        },
        {},
        (r) => ({ ...base, entity: 'volunteer', id: r.id as number, name: r.name as string, organization: (r.org as string | null) ?? null, date: r.registered_on as string, idNumber: mask(r.id_number), phone: maskP(r.phone) }),
      );
    case 13:
      return each(
        { select: 't.id, t.name, t.founded_on, t.is_registered_org, t.led_by_county, o.name AS org', from: 'volunteer_team t', joins: 'LEFT JOIN organization o ON o.id = t.organization_id', where: teamActiveAt('t'), order: ['t.id'] },
        {},
        (r) => ({
        ...base,
        entity: 'volunteer_team',
        id: r.id as number,
        name: r.name as string,
        organization: (r.org as string | null) ?? (r.led_by_county ? '县红十字会直属' : null),
        date: r.founded_on as string,
        note: r.is_registered_org ? '志愿服务组织（已登记）' : '志愿服务队（未登记）',
      }),
      );
    case 14:
      return each(
        {
          select: 'r.id, r.held_on, r.title, h.minutes, p.name, t.name AS team',
          from: 'service_record r JOIN service_hours h ON h.service_record_id = r.id',
          joins: 'JOIN volunteer v ON v.id = h.volunteer_id JOIN person p ON p.id = v.person_id LEFT JOIN volunteer_team t ON t.id = r.team_id',
          where: 'r.held_on >= :from AND r.held_on <= :asOf',
          order: ['r.held_on', 'r.id', 'h.volunteer_id'],
        },
        { from: yearStart },
        (r) => ({
        ...base,
        entity: 'service_hours',
        id: r.id as number,
        name: r.name as string,
        organization: (r.team as string | null) ?? null,
        date: r.held_on as string,
        note: r.title as string,
        minutes: r.minutes as number,
        hours: (r.minutes as number) / 60,
      }),
      );
  }
}

export interface TraceRequest {
  year: number;
  baselineYear: number;
  today: string;
  table: 1 | 2;
  item: ItemNo;
}

/** The lists behind a figure, in order: the year's, then (附件2) the baseline year's. */
function sourcesFor(sqlite: BetterSqlite3.Database, request: TraceRequest): Source[] {
  const { asOf } = asOfFor(request.year, request.today);
  if (request.table === 2 && request.item === 3) {
    const terms = sqlite.prepare('SELECT id, started_on, due_on, note FROM society_term ORDER BY started_on').all() as Array<Term & { id: number; note: string | null }>;
    return [
      inHand(
        termsStartedBetween(terms, yearEnd(request.baselineYear), asOf).map((t) => {
          const term = t as Term & { id: number; note: string | null };
          return { side: 'year', entity: 'society_term', id: term.id, name: term.note ?? '理事会', organization: null, date: term.started_on, idNumber: null, phone: null, note: '完成换届', minutes: null, hours: null };
        }),
      ),
    ];
  }
  if (request.table === 2 && request.item === 2) return [];
  const year = listFor(sqlite, request.item, asOf, `${request.year}-01-01`, 'year');
  return request.table === 2 ? [year, listFor(sqlite, request.item, yearEnd(request.baselineYear), `${request.baselineYear}-01-01`, 'baseline')] : [year];
}

/**
 * Every record behind one figure, in order, one at a time: the single path that builds a trace
 * record. The CLI writes it all out as it goes; the API reads pages of the same lists.
 */
export function* traceRecords(sqlite: BetterSqlite3.Database, request: TraceRequest): Generator<TraceRecord> {
  // Each list's iterator is finished before the next starts: one open statement at a time.
  for (const source of sourcesFor(sqlite, request)) yield* source.rows();
}

/**
 * One page for the UI: only the page's rows are read (LIMIT/OFFSET on each list). The lists'
 * lengths come from `known` when the caller has them (a count figure is its list's length, and the
 * figures are already computed), else from count(*) over the same statement.
 */
export function traceItem(
  sqlite: BetterSqlite3.Database,
  request: TraceRequest,
  page: Page = { offset: 0, limit: null },
  known: readonly (number | undefined)[] = [],
): { total: number; records: TraceRecord[] } {
  const sources = sourcesFor(sqlite, request);
  const lengths = sources.map((s, i) => known[i] ?? s.count());
  const records: TraceRecord[] = [];
  let start = 0;
  sources.forEach((source, i) => {
    const length = lengths[i]!;
    const end = page.limit === null ? Infinity : page.offset + page.limit;
    const from = Math.max(page.offset, start) - start;
    const to = Math.min(end, start + length) - start;
    if (to > from) records.push(...source.rows({ offset: from, limit: to - from }));
    start += length;
  });
  return { total: start, records };
}
