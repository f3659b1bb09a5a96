import type { ImportKind } from '../../domain/sheet-fields';
import { sheetFields } from '../../domain/sheet-fields';

export interface RowIssue {
  row: number;
  /** The column's canonical header (身份证号码, 所属基层组织 …), or 整行 for the row as a whole. */
  field: string;
  reason: string;
}

/** Rejections and warnings of one preview, by sheet row; a row with any rejection is not imported. */
export class IssueList {
  readonly rejected: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  private readonly rejectedRows = new Set<number>();
  private readonly notes = new Set<RowIssue>();
  private readonly labels: Map<string, string>;

  constructor(kind: ImportKind) {
    this.labels = new Map(sheetFields[kind].map((f) => [f.key, f.label]));
  }

  label(field: string): string {
    return this.labels.get(field) ?? field;
  }

  reject(row: number, field: string, reason: string): void {
    this.rejectedRows.add(row);
    this.rejected.push({ row, field: this.label(field), reason });
  }

  warn(row: number, field: string, reason: string): void {
    this.warnings.push({ row, field: this.label(field), reason });
  }

  /** About the sheet from this row on (cells read as empty), kept even when the row is rejected. */
  sheetNote(row: number, reason: string): void {
    const note = { row, field: '整行', reason };
    this.notes.add(note);
    this.warnings.push(note);
  }

  isRejected(row: number): boolean {
    return this.rejectedRows.has(row);
  }

  get rejectedCount(): number {
    return this.rejectedRows.size;
  }

  sorted(): { rejected: RowIssue[]; warnings: RowIssue[] } {
    const byRow = (a: RowIssue, b: RowIssue) => a.row - b.row;
    // A row that is not imported has its reasons; notes about how it would have been stored go.
    const warnings = this.warnings.filter((w) => !this.rejectedRows.has(w.row) || this.notes.has(w));
    return { rejected: [...this.rejected].sort(byRow), warnings: warnings.sort(byRow) };
  }
}

/** Placeholders townships write for "nothing here". */
const emptyMarks = new Set(['无', '/', '／', '-', '—', '--', '——', '暂无', '没有', '空', 'null', 'NULL', 'N/A', 'n/a', '#N/A']);

export function isEmptyCell(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') {
    const t = value.trim();
    return t === '' || emptyMarks.has(t);
  }
  return false;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}
