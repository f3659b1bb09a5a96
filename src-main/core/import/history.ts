import type { Selectable } from 'kysely';
import type { ImportBatchTable } from '../db/schema';
import type BetterSqlite3 from 'better-sqlite3';
import type { ImportHistoryEntry } from '../api/contract/import';
import { importKindLabels, type ImportKind } from '../domain/sheet-fields';
import { loggedEntity } from '../db/change-log';
import { AppError } from '../errors';

// 导入记录 and 撤销本次导入. An import can be undone while nothing later depends on its rows:
// no later change to any record it wrote (change_log after its last entry), and no record
// outside it that points at a person, member or organisation it created.

/** A row of import_batch as the Database interface declares it, with its kind narrowed. */
type BatchRow = Omit<Selectable<ImportBatchTable>, 'kind'> & { kind: ImportKind };

/** Tables whose rows an import may create, in the order undo deletes them (dependents first). */
const deleteOrder = ['service_hours_record', 'service_record', 'team_membership_volunteer', 'volunteer', 'member', 'group_member', 'volunteer_team', 'person', 'organization'] as const;

/**
 * Whether `column` holds an id the import :import created as `entity`. The runs of one import and
 * entity never overlap, so the one starting last at or before the id is the only one that can
 * hold it: an index seek, however many runs the import wrote.
 */
function createdBy(entity: string, column: string): string {
  return `ifnull((SELECT g.last_id FROM import_range g WHERE g.import_id = :import AND g.entity = ${entity} AND g.first_id <= ${column} ORDER BY g.first_id DESC LIMIT 1) >= ${column}, 0)`;
}

/** Other records that would be left pointing at a created row, by entity. */
const dependents: Record<string, string[]> = {
  person: [
    `SELECT 1 FROM member m WHERE m.person_id = :id AND NOT ${createdBy("'member'", 'm.id')}`,
    `SELECT 1 FROM volunteer v WHERE v.person_id = :id AND NOT ${createdBy("'volunteer'", 'v.id')}`,
  ],
  member: [`SELECT 1 FROM member_dues WHERE member_id = :id`],
  volunteer: [
    `SELECT 1 FROM service_hours h WHERE h.volunteer_id = :id AND NOT ${createdBy("'service_record'", 'h.service_record_id')}`,
    `SELECT 1 FROM star_award WHERE volunteer_id = :id`,
  ],
  organization: [
    `SELECT 1 FROM member m WHERE m.organization_id = :id AND NOT ${createdBy("'member'", 'm.id')}`,
    `SELECT 1 FROM volunteer v WHERE v.organization_id = :id AND NOT ${createdBy("'volunteer'", 'v.id')}`,
    `SELECT 1 FROM organization o WHERE o.parent_id = :id AND NOT ${createdBy("'organization'", 'o.id')}`,
    `SELECT 1 FROM volunteer_team t WHERE t.organization_id = :id AND NOT ${createdBy("'volunteer_team'", 't.id')}`,
    `SELECT 1 FROM group_member g2 WHERE g2.organization_id = :id AND NOT ${createdBy("'group_member'", 'g2.id')}`,
  ],
  volunteer_team: [
    `SELECT 1 FROM team_membership tm WHERE tm.team_id = :id AND NOT ${createdBy("'volunteer'", 'tm.volunteer_id')} AND NOT ${createdBy("'team_membership:team_id=' || :id", 'tm.volunteer_id')}`,
    `SELECT 1 FROM service_record sr WHERE sr.team_id = :id AND NOT ${createdBy("'service_record'", 'sr.id')}`,
  ],
};

const entityLabels: Record<string, string> = { person: '人员', member: '会员', volunteer: '志愿者', organization: '组织', volunteer_team: '服务队', group_member: '团体会员', service_record: '服务记录' };

/** How the clerk knows a record: by name, not by its id. */
const nameQueries: Record<string, string> = {
  person: 'SELECT name FROM person WHERE id = ?',
  member: 'SELECT p.name FROM member m JOIN person p ON p.id = m.person_id WHERE m.id = ?',
  volunteer: 'SELECT p.name FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.id = ?',
  organization: 'SELECT name FROM organization WHERE id = ?',
  volunteer_team: 'SELECT name FROM volunteer_team WHERE id = ?',
  group_member: 'SELECT unit_name FROM group_member WHERE id = ?',
  service_record: "SELECT held_on || ' ' || title FROM service_record WHERE id = ?",
};

function recordText(sqlite: BetterSqlite3.Database, entity: string, id: number): string {
  const query = nameQueries[entity];
  const name = query ? (sqlite.prepare(query).pluck().get(id) as string | undefined) : undefined;
  return `${entityLabels[entity] ?? '记录'}${name ? `“${name}”` : `（编号 ${id}）`}`;
}

/** The ids of the records the import created as `entity`, one by one from its runs. */
const createdIds = `WITH RECURSIVE created (id, last) AS (
    SELECT first_id, last_id FROM import_range WHERE import_id = :import AND entity = :entity
    UNION ALL SELECT id + 1, last FROM created WHERE id < last)
  SELECT id FROM created`;

/**
 * A record the import changed or created that has a change_log line after the import's own
 * (reveals aside), looked up record by record (update rows) and run by run (created records)
 * through change_log's (entity, entity_id, id) index: however long the log has grown since.
 */
function laterChange(sqlite: BetterSqlite3.Database, importId: number, lastChangeId: number): { entity: string; id: number } | null {
  const after = `c.id > :last AND c.action <> 'reveal'`;
  const updated = sqlite.prepare(
    `SELECT r.entity_id FROM import_row r WHERE r.import_id = :import AND r.entity = :table
       AND EXISTS (SELECT 1 FROM change_log c WHERE c.entity = :logged AND c.entity_id = r.entity_id AND ${after}) LIMIT 1`,
  ).pluck();
  for (const table of sqlite.prepare('SELECT DISTINCT entity FROM import_row WHERE import_id = ?').pluck().all(importId) as string[]) {
    const id = updated.get({ import: importId, table, logged: loggedEntity(table), last: lastChangeId }) as number | undefined;
    if (id !== undefined) return { entity: table, id };
  }
  const created = sqlite.prepare(`SELECT c.entity_id FROM change_log c WHERE c.entity = :logged AND c.entity_id BETWEEN :first AND :lastId AND ${after} LIMIT 1`).pluck();
  for (const r of sqlite.prepare('SELECT entity, first_id, last_id FROM import_range WHERE import_id = ?').all(importId) as { entity: string; first_id: number; last_id: number }[]) {
    const id = created.get({ logged: loggedEntity(r.entity), first: r.first_id, lastId: r.last_id, last: lastChangeId }) as number | undefined;
    if (id !== undefined) return { entity: r.entity, id };
  }
  return null;
}

export function undoBlockedBy(sqlite: BetterSqlite3.Database, batch: Pick<BatchRow, 'id' | 'last_change_id' | 'undone_at'>): string | null {
  if (batch.undone_at) return '本次导入已撤销。';
  const later = laterChange(sqlite, batch.id, batch.last_change_id);
  if (later) return `导入的${recordText(sqlite, later.entity, later.id)}之后又被修改过（手工修改，或之后的一次导入；若是之后的导入，请先撤销那一次）。`;
  // A person's phone is edited on the member's or the volunteer's page and logged there, so a
  // person the import changed is checked by its own clock: edited since, it is not put back.
  const person = sqlite
    .prepare(
      `SELECT p.id FROM import_row r JOIN import_batch b ON b.id = r.import_id JOIN person p ON p.id = r.entity_id
       WHERE r.import_id = ? AND r.entity = 'person' AND p.updated_at > b.committed_at LIMIT 1`,
    )
    .pluck()
    .get(batch.id) as number | undefined;
  if (person !== undefined) return `导入时修改过的${recordText(sqlite, 'person', person)}之后又被修改过（手工修改，或之后的一次导入；若是之后的导入，请先撤销那一次）。`;
  for (const [entity, queries] of Object.entries(dependents)) {
    for (const query of queries) {
      const hit = sqlite.prepare(`${createdIds} WHERE EXISTS (${query.replaceAll(':id', 'created.id')}) LIMIT 1`).pluck().get({ import: batch.id, entity }) as number | undefined;
      if (hit !== undefined) return `导入的${recordText(sqlite, entity, hit)}之后已有其他记录用到它（如会费、服务时长或新加入的人员）。`;
    }
  }
  return null;
}

export function importHistory(sqlite: BetterSqlite3.Database): ImportHistoryEntry[] {
  const rows = sqlite.prepare('SELECT * FROM import_batch ORDER BY id DESC LIMIT 200').all() as BatchRow[];
  return rows.map((b) => ({
    id: b.id,
    kind: b.kind,
    kindLabel: importKindLabels[b.kind] ?? b.kind,
    fileName: b.file_name,
    sheet: b.sheet,
    committedAt: b.committed_at,
    actor: b.actor,
    counts: { inserted: b.inserted, updated: b.updated, unchanged: b.unchanged, rejected: b.rejected, warnings: b.warnings },
    backupFile: b.backup_file,
    undoneAt: b.undone_at,
    undoBlockedBy: undoBlockedBy(sqlite, b),
  }));
}

/**
 * Puts the ledger back as it was before the import: updated records get their old values,
 * created ones are deleted. Runs inside the caller's transaction.
 */
export function undoImport(sqlite: BetterSqlite3.Database, importId: number, at: string): { removed: number; restored: number } {
  const batch = sqlite.prepare('SELECT id, last_change_id, undone_at FROM import_batch WHERE id = ?').get(importId) as BatchRow | undefined;
  if (!batch) throw new AppError('NOT_FOUND', `找不到编号为 ${importId} 的导入记录。`);
  const blocked = undoBlockedBy(sqlite, batch);
  if (blocked) throw new AppError('UNDO_BLOCKED', `不能撤销本次导入：${blocked}`);

  let restored = 0;
  const updates = sqlite.prepare(`SELECT entity, entity_id, before_json FROM import_row WHERE import_id = ? AND action = 'update'`).all(importId) as { entity: string; entity_id: number; before_json: string }[];
  for (const u of updates) {
    const before = JSON.parse(u.before_json) as Record<string, unknown>;
    const columns = Object.keys(before);
    if (columns.length === 0) continue;
    const link = parseCompositeEntity(u.entity);
    const table = link?.table ?? u.entity;
    assertIdentifiers(table, columns);
    if (link) {
      // A link row the import changed or removed (hours taken out of an imported 累计服务时长
      // down to nothing) is put back either way.
      assertIdentifiers(link.table, link.column);
      sqlite
        .prepare(
          `INSERT INTO ${table} (${link.column}, volunteer_id, ${columns.join(', ')}) VALUES (${link.value}, ?, ${columns.map(() => '?').join(', ')})
           ON CONFLICT (${link.column}, volunteer_id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
        )
        .run(u.entity_id, ...columns.map((c) => before[c]));
    } else sqlite.prepare(`UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => before[c]), u.entity_id);
    restored += 1;
  }

  // Link rows added to records that stay (a field of service, a team, hours in an activity
  // already in the ledger) go first; those of created records go with them below.
  const ranges = sqlite.prepare('SELECT entity, first_id, last_id FROM import_range WHERE import_id = ?').all(importId) as { entity: string; first_id: number; last_id: number }[];
  for (const r of ranges) {
    const link = parseCompositeEntity(r.entity);
    if (!link) continue;
    assertIdentifiers(link.table, link.column);
    sqlite.prepare(`DELETE FROM ${link.table} WHERE ${link.column} = ? AND volunteer_id BETWEEN ? AND ?`).run(link.value, r.first_id, r.last_id);
  }

  // Each table goes by the runs of ids the import created, through an index where there is one:
  // the cost follows the import, not the size of the ledger.
  const inRuns = (entity: string, statement: string) => {
    const remove = sqlite.prepare(statement);
    let changes = 0;
    for (const r of ranges) if (r.entity === entity) changes += remove.run(r.first_id, r.last_id).changes;
    return changes;
  };
  let removed = 0;
  for (const step of deleteOrder) {
    if (step === 'service_hours_record') inRuns('service_record', 'DELETE FROM service_hours WHERE service_record_id BETWEEN ? AND ?');
    else if (step === 'team_membership_volunteer') {
      inRuns('volunteer', 'DELETE FROM team_membership WHERE volunteer_id BETWEEN ? AND ?');
      inRuns('volunteer_team', 'DELETE FROM team_membership WHERE team_id BETWEEN ? AND ?');
    } else {
      if (step === 'volunteer') inRuns('volunteer', 'DELETE FROM volunteer_service_field WHERE volunteer_id BETWEEN ? AND ?');
      // Name pieces are keyed for searching, not by person: one pass over the table per run, with a
      // plain range test (~0.3 s at a million persons).
      if (step === 'person') inRuns('person', 'DELETE FROM person_name_gram WHERE person_id BETWEEN ? AND ?');
      const changes = inRuns(step, `DELETE FROM ${step} WHERE id BETWEEN ? AND ?`);
      if (step !== 'person') removed += changes;
    }
  }
  // Row ids can be reused after a delete; the import's history lines must not attach to a
  // later record that happens to get the same id. The import_batch row keeps the account.
  sqlite.prepare('DELETE FROM change_log WHERE batch_id = (SELECT change_batch_id FROM import_batch WHERE id = ?)').run(importId);
  sqlite.prepare('UPDATE import_batch SET undone_at = ? WHERE id = ?').run(at, importId);
  return { removed, restored };
}

/** `service_hours:service_record_id=7` → the link table, its other key column and value (see commit/shared.ts). */
export function parseCompositeEntity(entity: string): { table: string; column: string; value: number } | null {
  const m = /^([a-z_]+):([a-z_]+)=(\d+)$/.exec(entity);
  return m ? { table: m[1] as string, column: m[2] as string, value: Number(m[3]) } : null;
}

function assertIdentifiers(...names: (string | string[])[]): void {
  for (const name of names.flat()) if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected identifier ${name}`);
}
