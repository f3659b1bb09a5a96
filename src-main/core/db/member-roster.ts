import type BetterSqlite3 from 'better-sqlite3';
import { countyScope, reversed } from './roster-index';

// The roster is the hot path (a million rows): raw prepared statements, keyset pages in pinyin
// order, never OFFSET, each shape an index range read over the structures of migration 0030.
//   - no search: member_scope(scope, key, member) for the organisation subtree (0 = county);
//   - a name fragment: person_name_gram(gram, key, person) for its first one or two characters,
//     checked against the whole fragment and the subtree;
//   - trailing digits of an ID number or phone: the reversed-number indexes.

export interface RosterFilter {
  scopeId: number;
  status: 'active' | 'lapsed' | null;
  kind: 'adult' | 'youth' | null;
  nameFragment: string | null;
  digitsTail: string | null;
}

/** The last row of the previous page: its sort key and the id the shape orders by. */
export interface RosterCursor {
  key: string;
  id: number;
}

export interface RosterRow {
  id: number;
  person_id: number;
  name: string;
  kind: 'adult' | 'youth';
  gender: 'M' | 'F' | null;
  id_number: string | null;
  phone: string | null;
  organization_id: number;
  org_name: string;
  status: 'active' | 'lapsed';
  joined_on: string;
  sort_key: string;
}

const columns = `m.id, m.person_id, p.name, m.kind, p.gender, p.id_number, p.phone, m.organization_id, o.name AS org_name, m.status, m.joined_on`;
const memberFilters = `(:status IS NULL OR m.status = :status) AND (:kind IS NULL OR m.kind = :kind)`;
const inScope = `(:scope = 0 OR EXISTS (SELECT 1 FROM member_scope s WHERE s.scope_id = :scope AND s.name_sort_key = p.name_sort_key AND s.member_id = m.id))`;

const shapes = {
  scope: `
    SELECT ${columns}, s.name_sort_key AS sort_key, s.member_id AS cursor_id
    FROM member_scope s
    JOIN member m ON m.id = s.member_id
    JOIN person p ON p.id = m.person_id
    JOIN organization o ON o.id = m.organization_id
    WHERE s.scope_id = :scope AND (s.name_sort_key, s.member_id) > (:key, :id) AND ${memberFilters}
    ORDER BY s.name_sort_key, s.member_id
    LIMIT :limit`,
  name: `
    SELECT ${columns}, g.name_sort_key AS sort_key, g.person_id AS cursor_id
    FROM person_name_gram g
    JOIN person p ON p.id = g.person_id
    JOIN member m ON m.person_id = g.person_id
    JOIN organization o ON o.id = m.organization_id
    WHERE g.gram = :gram AND (g.name_sort_key, g.person_id) > (:key, :id)
      AND instr(p.name, :fragment) > 0 AND ${memberFilters} AND ${inScope}
    ORDER BY g.name_sort_key, g.person_id
    LIMIT :limit`,
  tail: `
    SELECT ${columns}, p.name_sort_key AS sort_key, p.id AS cursor_id
    FROM person p
    JOIN member m ON m.person_id = p.id
    JOIN organization o ON o.id = m.organization_id
    WHERE ((p.id_tail >= :tail AND p.id_tail < :tail || '~') OR (p.phone_tail >= :tail AND p.phone_tail < :tail || '~'))
      AND (p.name_sort_key, p.id) > (:key, :id) AND ${memberFilters} AND ${inScope}
    ORDER BY p.name_sort_key, p.id
    LIMIT :limit`,
};

type Shape = keyof typeof shapes;
const cache = new WeakMap<BetterSqlite3.Database, Record<Shape, BetterSqlite3.Statement>>();

function statement(sqlite: BetterSqlite3.Database, shape: Shape): BetterSqlite3.Statement {
  let prepared = cache.get(sqlite);
  if (!prepared) {
    prepared = {
      scope: sqlite.prepare(shapes.scope),
      name: sqlite.prepare(shapes.name),
      tail: sqlite.prepare(shapes.tail),
    };
    cache.set(sqlite, prepared);
  }
  return prepared[shape];
}

export function readRosterPage(
  sqlite: BetterSqlite3.Database,
  filter: RosterFilter,
  after: RosterCursor | null,
  limit: number,
): Array<RosterRow & { cursor_id: number }> {
  const shape: Shape = filter.nameFragment ? 'name' : filter.digitsTail ? 'tail' : 'scope';
  const params: Record<string, unknown> = {
    scope: filter.scopeId,
    status: filter.status,
    kind: filter.kind,
    key: after?.key ?? '',
    id: after?.id ?? 0,
    limit,
  };
  if (shape === 'name') {
    params.fragment = filter.nameFragment;
    params.gram = [...filter.nameFragment!].slice(0, 2).join('');
  }
  if (shape === 'tail') params.tail = reversed(filter.digitsTail);
  return statement(sqlite, shape).all(params) as Array<RosterRow & { cursor_id: number }>;
}

export { countyScope };
