import { sql, type Kysely } from 'kysely';

// The records an import created, as runs of consecutive ids instead of one import_row each:
// a 100,000-row import creates its members (and persons) with consecutive ids, so it records two
// rows instead of 200,000. Their 历史 line (导入自“…”) is read from here and import_batch instead
// of being written once per record into change_log; the import writes one line of its own.
// import_row keeps the updated records, with the values to put back on undo.
// Frozen: never edit after release; add a new numbered migration instead.

const statements = [
  `CREATE TABLE import_range (
    import_id INTEGER NOT NULL REFERENCES import_batch (id),
    entity TEXT NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL CHECK (last_id >= first_id),
    PRIMARY KEY (import_id, entity, first_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX import_range_entity ON import_range (entity, first_id)`,
  // Gaps and islands: within an import and entity, consecutive ids share id - row_number().
  `INSERT INTO import_range (import_id, entity, first_id, last_id)
   SELECT import_id, entity, min(entity_id), max(entity_id) FROM (
     SELECT import_id, entity, entity_id, entity_id - row_number() OVER (PARTITION BY import_id, entity ORDER BY entity_id) AS run
     FROM import_row WHERE action = 'insert')
   GROUP BY import_id, entity, run`,
  `DELETE FROM import_row WHERE action = 'insert'`,
  // The per-record creation lines go: the history derives them from import_range. Each import
  // keeps its highest one as its own line (entity import_batch), as imports now write: change_log
  // ids are rowids, reused once the highest rows are deleted, and a change after an import must
  // keep getting an id above the import's last_change_id.
  `UPDATE change_log SET entity = 'import_batch', entity_id = (SELECT b.id FROM import_batch b WHERE b.change_batch_id = change_log.batch_id)
   WHERE id IN (SELECT max(c.id) FROM change_log c JOIN import_batch b ON b.change_batch_id = c.batch_id WHERE c.action = 'import' AND c.field IS NULL GROUP BY c.batch_id)`,
  `DELETE FROM change_log WHERE action = 'import' AND field IS NULL AND entity <> 'import_batch' AND batch_id IN (SELECT change_batch_id FROM import_batch)`,
  // An import logged its changes to a team under the table's name; the team's history reads 'team'.
  `UPDATE change_log SET entity = 'team' WHERE entity = 'volunteer_team'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
