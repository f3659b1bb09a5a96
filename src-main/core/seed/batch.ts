import type BetterSqlite3 from 'better-sqlite3';

// Buffered INSERTs for the bulk phases. Whether several rows per statement pay off depends on
// the table (measured with better-sqlite3 on this schema): for rows that only append to their
// primary key (dues, service fields) 32 rows per statement halve the time, because the call into
// the driver dominates; for wide rows, or tables with a secondary index filled in random order,
// SQLite's multi-row VALUES is slower than single rows, so those use one row per statement.
// When a buffer writes, every buffer created before it (its possible parents) writes first, so
// immediate foreign-key checks always find the parent row.

/** Rows per statement for narrow tables that only append to their primary key. */
export const NARROW_ROWS_PER_STATEMENT = 32;

export class BatchInsert {
  private readonly args: unknown[] = [];
  private rows = 0;
  private readonly statements = new Map<number, BetterSqlite3.Statement>();
  private readonly prefix: string;
  private readonly rowSql: string;
  private readonly width: number;
  private readonly rowsPerStatement: number;
  /** Rows written so far. */
  written = 0;

  /**
   * `columns` lists the bound columns; `fixed` adds columns with a constant SQL literal value,
   * e.g. `{ id_type: "'resident_id'" }`. `rowsPerStatement` defaults to 1 (wide rows).
   */
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    table: string,
    columns: readonly string[],
    private readonly group: BatchGroup,
    options: { rowsPerStatement?: number; fixed?: Readonly<Record<string, string>> } = {},
  ) {
    const fixed = options.fixed ?? {};
    this.rowsPerStatement = options.rowsPerStatement ?? 1;
    const fixedNames = Object.keys(fixed);
    this.prefix = `INSERT INTO ${table} (${[...columns, ...fixedNames].join(', ')}) VALUES `;
    this.rowSql = `(${[...columns.map(() => '?'), ...fixedNames.map((n) => fixed[n])].join(', ')})`;
    this.width = columns.length;
    group.members.push(this);
  }

  add(...values: unknown[]): void {
    if (values.length !== this.width) throw new Error(`expected ${this.width} values, got ${values.length}`);
    for (const value of values) this.args.push(value);
    if (++this.rows === this.rowsPerStatement) this.group.flushThrough(this);
  }

  flush(): void {
    if (this.rows === 0) return;
    let statement = this.statements.get(this.rows);
    if (!statement) {
      statement = this.sqlite.prepare(this.prefix + new Array<string>(this.rows).fill(this.rowSql).join(', '));
      this.statements.set(this.rows, statement);
    }
    statement.run(this.args);
    this.written += this.rows;
    this.args.length = 0;
    this.rows = 0;
  }
}

/** Buffers that must be flushed together, in the order they were created (parents first). */
export class BatchGroup {
  readonly members: BatchInsert[] = [];

  /** Writes the given buffer and every buffer created before it. */
  flushThrough(last: BatchInsert): void {
    for (const member of this.members) {
      member.flush();
      if (member === last) return;
    }
  }

  flush(): void {
    for (const member of this.members) member.flush();
  }
}
