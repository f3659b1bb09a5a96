import { type ImportKind, sheetFields } from '../../domain/sheet-fields';
import { cellText } from '../cell';
import type { CellRange, RawCell, RawRow } from '../read/types';
import { mapColumns, type MappedColumn, missingRequiredFields } from './map-columns';

export interface TableGuess {
  /** Excel row numbers of the header (one row, or a group row and its sub-header row). */
  headerRows: number[];
  /** Excel row number of the first row after the header (and after a line of filling hints under it). */
  dataStartsAt: number;
  columns: MappedColumn[];
  /** How many columns map to a field of the kind; the engine preselects the sheet with the highest. */
  score: number;
  /** Keys of required fields no column maps to. */
  missingRequired: string[];
}

/** Townships put titles, dates and notes above the table, but never more than a screenful. */
export const headerScanRows = 60;

/** A header cell as the clerk reads it: line breaks inside the cell dropped, runs of spaces kept as one. */
export function headerText(cell: RawCell | undefined): string {
  return cellText(cell ?? null)
    .replace(/\s*[\r\n]+\s*/gu, '')
    .replace(/\s+/gu, ' ');
}

function texts(row: RawRow, width: number): string[] {
  return Array.from({ length: width }, (_, i) => headerText(row.cells[i]));
}

function nonEmptyCount(values: readonly string[]): number {
  return values.filter((v) => v !== '').length;
}

/** The field a row cannot do without and that says what the row is (姓名, 单位名称, 服务队名称 …). */
function nameField(kind: ImportKind): string | undefined {
  return sheetFields[kind].find((f) => f.required === true)?.key;
}

/**
 * A group row spread over its sub-headers: the merges say so when the reader has them; before
 * they arrive (they come after the cells in .xlsx) a group is a title whose sub-header is filled
 * and whose right-hand neighbours are empty above filled sub-headers.
 */
function spreadGroups(top: RawRow, topTexts: string[], subTexts: string[], merges: readonly CellRange[] | undefined): string[] {
  const spread = [...topTexts];
  const rowMerges = (merges ?? []).filter((m) => m.top === top.row && m.right > m.left);
  if (rowMerges.length > 0) {
    for (const m of rowMerges) for (let c = m.left + 1; c <= m.right && c < spread.length; c++) spread[c] = topTexts[m.left] ?? '';
    return spread;
  }
  let group: string | null = null;
  for (let c = 0; c < spread.length; c++) {
    if (topTexts[c] !== '') group = subTexts[c] !== '' ? (topTexts[c] ?? null) : null;
    else if (subTexts[c] !== '' && group !== null) spread[c] = group;
    else group = null;
  }
  return spread;
}

/** The composed headers, and whether a merged cell of the upper row spans sub-headers (联系方式
 *  over 座机 | 手机). Only a merge says so for certain: without one, a 填报单位 line over the header
 *  looks just like a group. */
function composeTwoRowHeaders(top: RawRow, sub: RawRow, width: number, merges: readonly CellRange[] | undefined): { headers: string[]; grouped: boolean } {
  const topTexts = texts(top, width);
  const subTexts = texts(sub, width);
  const groups = spreadGroups(top, topTexts, subTexts, merges);
  const merged = (merges ?? []).filter((m) => m.top === top.row && m.right > m.left);
  const grouped = merged.some((m) => m.bottom === top.row && subTexts.slice(m.left, m.right + 1).filter((t) => t !== '').length >= 2);
  const headers = groups.map((group, c) => {
    const below = subTexts[c] ?? '';
    if (group === '' || group === below) return below;
    return below === '' ? group : `${group}/${below}`;
  });
  return { headers, grouped };
}

/**
 * Worth trying as a two-row header: both rows hold text only (a data row has numbers and dates,
 * IDs and names do not map), the upper row has more than a title, and the lower row names at
 * least one field by itself.
 */
function couldBeTwoRowHeader(top: RawRow, sub: RawRow, width: number, kind: ImportKind): boolean {
  if (sub.row !== top.row + 1) return false;
  if (sub.cells.some((c) => typeof c === 'number' || typeof c === 'boolean' || c instanceof Date)) return false;
  if (nonEmptyCount(texts(top, width)) < 2) return false;
  return mapColumns(texts(sub, width), kind).some((c) => c.field !== null);
}

function trimColumns(headers: string[]): string[] {
  let end = headers.length;
  while (end > 0 && headers[end - 1] === '') end--;
  return headers.slice(0, end);
}

/** Templates put a line of instructions under the header: "（必填）", "格式：2020-01-01", "男/女". */
const hintText = /必填|选填|可选|可不填|填写|格式|示例|例[:：如]|如[:：]|\d+位|yyyy|年-月-日|男\/女|是\/否|^[（(].*[）)]$/iu;

function isHintRow(row: RawRow | undefined): boolean {
  if (row === undefined) return false;
  const filled = row.cells.filter((c) => c !== null && cellText(c) !== '');
  return filled.length > 0 && filled.every((c) => typeof c === 'string' && hintText.test(c.normalize('NFKC').trim()));
}

interface Candidate {
  headerRows: number[];
  columns: MappedColumn[];
  score: number;
  /** A two-row header whose upper row groups sub-headers. */
  grouped: boolean;
}

/**
 * Higher score wins. On a tie a two-row header whose upper row groups sub-headers wins (联系方式
 * over 座机 | 手机 maps as many fields read as one row, but says which column is the mobile);
 * otherwise the one-row header (a title or first data row adds nothing), then the earlier.
 */
function better(a: Candidate, b: Candidate | null): boolean {
  if (b === null) return true;
  if (a.score !== b.score) return a.score > b.score;
  if (a.grouped !== b.grouped) return a.grouped;
  return a.headerRows.length < b.headerRows.length;
}

/**
 * Finds the header of a roster in the first rows of a sheet as townships send it: title lines,
 * blank rows and notes above, one- or two-row headers with merged cells. Returns null when the
 * sheet has no header for this kind (fewer than two columns recognised, or no name column).
 */
export function findTable(rows: readonly RawRow[], kind: ImportKind, merges?: readonly CellRange[]): TableGuess | null {
  const scan = rows.slice(0, headerScanRows);
  const width = scan.reduce((max, r) => Math.max(max, r.cells.length), 0);
  const key = nameField(kind);
  let best: Candidate | null = null;
  const consider = (headerRows: number[], headers: string[], grouped = false): void => {
    const columns = mapColumns(trimColumns(headers), kind);
    const candidate = { headerRows, columns, score: columns.filter((c) => c.field !== null).length, grouped };
    if (candidate.score < 2 || (key !== undefined && !columns.some((c) => c.field === key))) return;
    if (better(candidate, best)) best = candidate;
  };
  for (let i = 0; i < scan.length; i++) {
    const row = scan[i] as RawRow;
    const own = texts(row, width);
    if (nonEmptyCount(own) === 0) continue;
    consider([row.row], own);
    const next = scan[i + 1];
    if (next !== undefined && couldBeTwoRowHeader(row, next, width, kind)) {
      const { headers, grouped } = composeTwoRowHeaders(row, next, width, merges);
      consider([row.row, next.row], headers, grouped);
    }
  }
  const found = best as Candidate | null;
  if (found === null) return null;
  const lastHeader = found.headerRows[found.headerRows.length - 1] as number;
  const hints = isHintRow(scan.find((r) => r.row === lastHeader + 1));
  return {
    headerRows: found.headerRows,
    dataStartsAt: lastHeader + (hints ? 2 : 1),
    columns: found.columns,
    score: found.score,
    missingRequired: missingRequiredFields(found.columns, kind),
  };
}
