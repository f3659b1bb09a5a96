import { sql, type Kysely } from 'kysely';

// The import history: every committed import, the records it created or changed (with the
// values before, so 撤销本次导入 can put them back), and the column mappings that worked, keyed
// by the header layout, so the same township's next sheet maps itself.
// Frozen: never edit after release; add a new numbered migration instead.

const statements = [
  `CREATE TABLE import_batch (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sheet TEXT NOT NULL,
    options_json TEXT NOT NULL,
    change_batch_id TEXT NOT NULL,
    committed_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    backup_file TEXT,
    last_change_id INTEGER NOT NULL,
    undone_at TEXT
  )`,
  `CREATE TABLE import_row (
    import_id INTEGER NOT NULL REFERENCES import_batch (id),
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
    before_json TEXT,
    PRIMARY KEY (import_id, entity, entity_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX import_row_entity ON import_row (entity, entity_id)`,
  `CREATE TABLE import_mapping (
    kind TEXT NOT NULL,
    signature TEXT NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, signature)
  ) WITHOUT ROWID`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
