// A worksheet part (SpreadsheetML <worksheet>) read into RawRows as its text streams in, with the
// merged ranges that follow <sheetData>. Written for what Excel, WPS, LibreOffice, exceljs and the
// Open XML SDK produce: prefixed element names (<x:row>), rows and cells without an `r`
// (they follow the previous one), every cell type, formulas before their cached value.
import { parseRange } from './cell-ref';
import { isoToDate, serialToDate } from './cells';
import { MAX_COLUMNS, MAX_ROWS, READ_COLUMNS, refuse } from './refusals';
import { decodeStringText, decodeText } from './xml-text';
import { attr, attribute, nameIs, scanAttr, XmlScanner } from './xml-scanner';
import { noteCell, type CellRange, type RawCell, type RawRow, type SheetNotes } from './types';

const enum CellType { Number, Shared, Inline, FormulaString, Bool, Error, IsoDate }

export interface SheetContext {
  sheet: string;
  /** Flattened shared strings; null for an empty one. */
  strings: readonly (string | null)[];
  /** dateStyles[s]: style s shows numbers as dates. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

export class SheetScanner extends XmlScanner {
  readonly merges: CellRange[] = [];
  readonly notes: SheetNotes = {};
  /** Off once the caller has all the rows it wants: the rest is scanned for merges only. */
  rowsWanted = true;
  private rows: RawRow[] = [];
  private inSheetData = false;
  private rowNumber = 0;
  private cells: RawCell[] | null = null;
  private col = -1;
  private inCell = false;
  private type = CellType.Number;
  private style = 0;
  private value: string | null = null;
  /** A Number or Shared cell's <v> as a number (NaN: none). */
  private num = NaN;
  private inV = false;
  private inline: string | null = null;
  private inT = false;
  private inPhonetic = false;
  /** The cell has a formula (<f>), and a saved result (<v>). */
  private formula = false;
  private hasValue = false;

  constructor(private readonly ctx: SheetContext) {
    super();
  }

  /** The non-empty rows completed since the last call. */
  takeRows(): RawRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  protected open(s: string, name: number, nameEnd: number, attrsEnd: number): void {
    const len = nameEnd - name;
    const c0 = s.charCodeAt(name);
    if (this.inCell) {
      if (len === 1 && c0 === 0x76 /* v */) this.openValue(s, attrsEnd);
      else if (len === 1 && c0 === 0x66 /* f */) this.formula = true;
      else if (this.inline !== null) {
        if (len === 1 && c0 === 0x74 /* t */ && !this.inPhonetic) {
          this.inT = true;
          this.collect();
        } else if (nameIs(s, name, nameEnd, 'rPh')) this.inPhonetic = true;
      } else if (nameIs(s, name, nameEnd, 'is')) this.inline = '';
    } else if (this.cells !== null) {
      if (len === 1 && c0 === 0x63 /* c */) this.openCell(s, nameEnd, attrsEnd);
    } else if (this.inSheetData) {
      if (nameIs(s, name, nameEnd, 'row')) this.openRow(s, nameEnd, attrsEnd);
    } else if (nameIs(s, name, nameEnd, 'sheetData')) this.inSheetData = true;
    else if (nameIs(s, name, nameEnd, 'mergeCell')) {
      const ref = attr(s, nameEnd, attrsEnd, 'ref');
      const range = ref ? parseRange(ref) : null;
      if (range) this.merges.push(range);
    }
  }

  protected close(s: string, name: number, nameEnd: number): void {
    const len = nameEnd - name;
    const c0 = s.charCodeAt(name);
    if (this.inCell) {
      if (len === 1 && c0 === 0x76 /* v */ && this.inV) {
        this.inV = false;
        const raw = this.takeText();
        if (this.type === CellType.Number) this.num = parseFloat(raw);
        else if (this.type === CellType.Shared) this.num = parseInt(raw, 10);
        else this.value = raw;
      } else if (len === 1 && c0 === 0x74 /* t */ && this.inT) {
        this.inT = false;
        this.inline = (this.inline ?? '') + decodeStringText(this.takeText());
      } else if (len === 1 && c0 === 0x63 /* c */) this.closeCell();
      else if (this.inline !== null && nameIs(s, name, nameEnd, 'rPh')) this.inPhonetic = false;
    } else if (this.cells !== null) {
      if (nameIs(s, name, nameEnd, 'row')) this.closeRow();
    } else if (this.inSheetData && nameIs(s, name, nameEnd, 'sheetData')) this.inSheetData = false;
  }

  private openRow(s: string, from: number, to: number): void {
    let r = this.rowNumber + 1;
    for (let p = scanAttr(s, from, to); p >= 0; p = scanAttr(s, p, to)) {
      if (attribute.nameEnd - attribute.name === 1 && s.charCodeAt(attribute.name) === 0x72 /* r */) {
        r = digits(s, attribute.value);
        break;
      }
    }
    if (!(r <= MAX_ROWS)) throw refuse.tooManyRows(this.ctx.sheet);
    this.rowNumber = r;
    this.cells = [];
    this.col = -1;
  }

  private closeRow(): void {
    const cells = this.cells as RawCell[];
    this.cells = null;
    if (cells.length > 0 && this.rowsWanted) this.rows.push({ row: this.rowNumber, cells });
  }

  private openCell(s: string, from: number, to: number): void {
    let col = this.col + 1;
    let style = 0;
    let type = CellType.Number;
    // The hottest tag of the sheet: its one-letter attributes read in a single pass.
    let p = from;
    while (p < to) {
      const name = p;
      let c = s.charCodeAt(p);
      while (c !== 0x3d /* = */ && p < to) c = s.charCodeAt(++p);
      let q = p + 1;
      while (q < to && (c = s.charCodeAt(q)) !== 0x22 && c !== 0x27) q++;
      const value = q + 1;
      const end = s.indexOf(c === 0x27 ? "'" : '"', value);
      if (q >= to || end < 0 || end >= to) break;
      let n = name;
      while (s.charCodeAt(n) <= 0x20) n++;
      if (p - n === 1 || (p - n > 1 && s.charCodeAt(n + 1) <= 0x20)) {
        const a = s.charCodeAt(n);
        if (a === 0x72 /* r */) col = column(s, value);
        else if (a === 0x73 /* s */) style = digits(s, value);
        else if (a === 0x74 /* t */) type = cellType(s, value, end);
      }
      p = end + 1;
    }
    if (col >= MAX_COLUMNS) throw refuse.tooManyColumns(this.ctx.sheet);
    if (col < 0) throw refuse.corruptSheet(this.ctx.sheet);
    this.col = col;
    this.style = style;
    this.type = type;
    this.value = null;
    this.num = NaN;
    this.inline = null;
    this.inPhonetic = false;
    this.formula = false;
    this.hasValue = false;
    this.inCell = true;
  }

  /** Most cells are numbers or shared-string indexes whose <v> sits whole in this chunk: read
   *  them in place, without collecting their text. */
  private openValue(s: string, end: number): void {
    this.hasValue = true;
    const numeric = this.type === CellType.Number || this.type === CellType.Shared;
    if (numeric && s.charCodeAt(end) === 0x3e /* > */) {
      const from = end + 1;
      const lt = s.indexOf('<', from);
      if (lt >= 0 && s.charCodeAt(lt + 1) === 0x2f /* </ */) {
        const n = integerIn(s, from, lt);
        this.num = n >= 0 ? n : this.type === CellType.Number ? parseFloat(s.slice(from, lt)) : parseInt(s.slice(from, lt), 10);
        return;
      }
    }
    this.inV = true;
    this.collect();
  }

  private closeCell(): void {
    this.inCell = false;
    if (!this.rowsWanted) return;
    const v = this.cellValue();
    if (v === null) {
      if (this.type === CellType.Error) noteCell(this.notes, 'errorValue', this.rowNumber);
      else if (this.formula && !this.hasValue) noteCell(this.notes, 'formulaWithoutResult', this.rowNumber);
      return;
    }
    if (this.col >= READ_COLUMNS) {
      noteCell(this.notes, 'beyondColumns', this.rowNumber);
      return;
    }
    const cells = this.cells as RawCell[];
    while (cells.length < this.col) cells.push(null);
    cells[this.col] = v;
  }

  private cellValue(): RawCell {
    const raw = this.value;
    switch (this.type) {
      case CellType.Shared:
        return this.ctx.strings[this.num] ?? null;
      case CellType.Inline: {
        // Some writers put an inline string's text in <v>.
        const text = this.inline ?? (raw === null ? null : decodeStringText(raw));
        return text === '' ? null : text;
      }
      case CellType.FormulaString: {
        const text = raw === null ? null : decodeText(raw);
        return text === '' ? null : text;
      }
      case CellType.Bool:
        return raw === null ? null : bool(raw.trim());
      case CellType.Error:
        return null;
      case CellType.IsoDate:
        return raw === null ? null : isoToDate(raw);
      default: {
        const n = this.num;
        if (!Number.isFinite(n)) return null;
        return this.ctx.dateStyles[this.style] === true ? serialToDate(n, this.ctx.date1904) : n;
      }
    }
  }
}

function cellType(s: string, at: number, end: number): CellType {
  switch (end - at) {
    case 1:
      switch (s.charCodeAt(at)) {
        case 0x73:
          return CellType.Shared;
        case 0x62:
          return CellType.Bool;
        case 0x65:
          return CellType.Error;
        case 0x64:
          return CellType.IsoDate;
        default:
          return CellType.Number;
      }
    case 3:
      return s.startsWith('str', at) ? CellType.FormulaString : CellType.Number;
    case 9:
      return s.startsWith('inlineStr', at) ? CellType.Inline : CellType.Number;
    default:
      return CellType.Number;
  }
}

function bool(v: string): boolean | null {
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return null;
}

/** The unsigned integer that is all of s[from, to) (up to 15 digits, exact in a double), or -1. */
function integerIn(s: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let p = from; p < to; p++) {
    const d = s.charCodeAt(p) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The unsigned integer at s[at…]; NaN when there is none. */
function digits(s: string, at: number): number {
  let n = 0;
  let p = at;
  for (;; p++) {
    const d = s.charCodeAt(p) - 0x30;
    if (!(d >= 0 && d <= 9)) break;
    n = n * 10 + d;
  }
  return p === at ? NaN : n;
}

/** 0-based column of the cell reference at s[at…] ('B7' → 1); -1 when it starts with no letter. */
function column(s: string, at: number): number {
  let n = 0;
  let p = at;
  if (s.charCodeAt(p) === 0x24) p++; // $
  for (; p < at + 4; p++) {
    const ch = s.charCodeAt(p) | 0x20; // lower case
    if (ch < 0x61 || ch > 0x7a) break;
    n = n * 26 + (ch - 0x60);
  }
  return n - 1;
}
