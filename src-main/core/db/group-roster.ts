import type BetterSqlite3 from 'better-sqlite3';
import { textSortKey } from '../domain/pinyin';
import { normalizeName } from '../domain/text';
import { normalizeUscc } from '../domain/uscc';

// 团体会员 roster: keyset pages in pinyin order of the unit name, then id, never OFFSET. A county
// has hundreds to a few thousand units, so the key is computed by a SQL function rather than
// stored; a stored, indexed key column would be the step if that ever grew to member scale.
// The search is plain instr() for now, kept in searchClause() alone so it can move to the shared
// search indexes.

export interface GroupRosterFilter {
  orgIds: number[] | null;
  status: 'active' | 'lapsed' | null;
  /** A name fragment, or part of the credit / organisation code (upper case). */
  search: string | null;
}

export interface GroupRosterRow {
  id: number;
  unit_name: string;
  uscc: string | null;
  legacy_org_code: string | null;
  organization_id: number | null;
  org_name: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  joined_on: string;
  status: 'active' | 'lapsed';
  sort_key: string;
}

export interface GroupCursor {
  key: string;
  id: number;
}

/**
 * The search box's text as the roster compares it: part of a code in its stored form (upper case,
 * no spaces or dashes) when it has a digit and only code characters, else part of a unit name
 * normalised as units are stored ("Hangzhou ABC" is a name, "MA2H 00" a code).
 */
export function groupSearchText(raw: string | undefined): string | null {
  const text = raw?.trim() ?? '';
  if (text === '') return null;
  const search = /^[0-9A-Za-z\s-]+$/.test(text) && /\d/.test(text) ? normalizeUscc(text) : normalizeName(text);
  return search || null;
}

function searchClause(): string {
  return `(:search IS NULL OR instr(g.unit_name, :search) > 0 OR instr(g.uscc, :search) > 0 OR instr(g.legacy_org_code, :search) > 0)`;
}

const cache = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function statement(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  let stmt = cache.get(sqlite);
  if (!stmt) {
    sqlite.function('unit_sort_key', { deterministic: true }, (name: unknown) => textSortKey(String(name)));
    stmt = sqlite.prepare(`
      SELECT * FROM (
      SELECT g.id, g.unit_name, g.uscc, g.legacy_org_code, g.organization_id, o.name AS org_name,
             g.contact_name, g.contact_phone, g.joined_on, g.status, unit_sort_key(g.unit_name) AS sort_key
      FROM group_member g
      LEFT JOIN organization o ON o.id = g.organization_id
      WHERE (:status IS NULL OR g.status = :status)
        AND (:orgs IS NULL OR g.organization_id IN (SELECT value FROM json_each(:orgs)))
        AND ${searchClause()}
      ) WHERE (sort_key, id) > (:key, :id)
      ORDER BY sort_key, id
      LIMIT :limit`);
    cache.set(sqlite, stmt);
  }
  return stmt;
}

export function readGroupPage(sqlite: BetterSqlite3.Database, filter: GroupRosterFilter, after: GroupCursor | null, limit: number): GroupRosterRow[] {
  return statement(sqlite).all({
    status: filter.status,
    orgs: filter.orgIds ? JSON.stringify(filter.orgIds) : null,
    search: filter.search,
    key: after?.key ?? '',
    id: after?.id ?? 0,
    limit,
  }) as GroupRosterRow[];
}
