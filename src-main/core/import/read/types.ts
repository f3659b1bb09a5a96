// The file-reading layer's contract: everything above it (header detection, cleaning, the import
// engine) sees rows of plain values and never a file format.

export type RawCell = string | number | boolean | Date | null;

/** row: the 1-based row number as Excel shows it; cells[i] is column i (A = 0). Rich text flattened
 *  to plain text, formula cells give their cached result, hyperlinks their text, error cells null.
 *  Date-formatted numeric cells come as Date at UTC midnight of the calendar date shown.
 *  Rows without any value are not delivered (their numbers are simply skipped). */
export interface RawRow { row: number; cells: RawCell[] }

/** rows 1-based sheet rows, cols 0-based, inclusive. */
export interface CellRange { top: number; left: number; bottom: number; right: number }

export interface SourceInfo {
  format: 'xlsx' | 'csv';
  /** In workbook order. hidden: the sheet is hidden (or very hidden) in Excel; csv never. */
  sheets: { name: string; hidden?: boolean }[];  // csv: one sheet named after the file
  savedOn: string | null;              // 'YYYY-MM-DD' China date: xlsx docProps/core.xml dcterms:modified, csv file mtime
  encoding: 'utf8' | 'gb18030' | 'utf16le' | 'utf16be' | null; // csv only: detected or overridden (UTF-16 by its BOM only)
  delimiter: ',' | '\t' | ';' | null;  // csv only
  sizeBytes: number;
}

export interface ReadOptions {
  sheet?: string;                       // default: first sheet
  encoding?: 'utf8' | 'gbk' | 'gb18030';  // csv override; gbk is decoded as gb18030 (superset)
  /** Stop after this many delivered (non-empty) rows; used to peek the first ~60 rows of each sheet.
   *  Merges are still collected for the whole sheet. */
  maxRows?: number;
  /** With maxRows: don't read on for the merges (scoring the sheets of a workbook needs none). */
  skipMerges?: boolean;
  signal?: AbortSignal;                 // cancel: reject with AppError('CANCELLED')
  /** xlsx: bytes of the sheet's XML (uncompressed) read so far out of its declared size;
   *  csv: bytes of the file. */
  onProgress?: (p: { rows: number; bytesRead: number; totalBytes: number }) => void;
}

/**
 * Cells delivered as empty although something is there, by kind: values right of READ_COLUMNS
 * (not read), formulas saved without their result (files some systems generate), error values
 * (#N/A). How many, and the first row holding one, for one warning each.
 */
export type SheetNoteKind = 'beyondColumns' | 'formulaWithoutResult' | 'errorValue';
export type SheetNotes = Partial<Record<SheetNoteKind, { count: number; firstRow: number }>>;

/** Counts a note of `kind` at `row`. */
export function noteCell(notes: SheetNotes, kind: SheetNoteKind, row: number): void {
  const note = notes[kind];
  if (note) note.count++;
  else notes[kind] = { count: 1, firstRow: row };
}

/** rowCount: rows delivered to the sink. truncated: maxRows stopped the read before the sheet's end. */
export interface SheetRead { merges: CellRange[]; rowCount: number; truncated: boolean; notes: SheetNotes }

export type RowSink = (rows: RawRow[]) => void | Promise<void>;
