import type { CellRange, RawRow } from '../read/types';

/**
 * A cell merged down over several rows (an organisation name beside all its members) holds its
 * value in the top row only; each row it covers gets that value, as the clerk reads the sheet.
 * Only merges starting in a table column matter. Returns new rows; the input is left as it was.
 */
export function fillMergedDown(rows: readonly RawRow[], merges: readonly CellRange[], columns: readonly { index: number }[]): RawRow[] {
  const tableColumns = new Set(columns.map((c) => c.index));
  const byNumber = new Map<number, number>();
  rows.forEach((r, i) => byNumber.set(r.row, i));
  const out: RawRow[] = rows.slice();
  const copied = new Set<number>();
  for (const m of merges) {
    if (m.bottom <= m.top || !tableColumns.has(m.left)) continue;
    const topAt = byNumber.get(m.top);
    if (topAt === undefined) continue;
    const value = (out[topAt] as RawRow).cells[m.left] ?? null;
    if (value === null) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) {
      const at = byNumber.get(r);
      if (at === undefined) continue;
      if (!copied.has(at)) {
        const original = out[at] as RawRow;
        out[at] = { row: original.row, cells: original.cells.slice() };
        copied.add(at);
      }
      const cells = (out[at] as RawRow).cells;
      while (cells.length <= m.left) cells.push(null);
      cells[m.left] = value;
    }
  }
  return out;
}
