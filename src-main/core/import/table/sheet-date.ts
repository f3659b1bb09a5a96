import { cellText } from '../cell';
import { findDateInText, parseDateCell } from '../clean/date';
import type { RawRow } from '../read/types';

/** Labels under which a sheet states its own date; 截至/截止 is the date the figures stand at. */
const dateLabel = /(填表日期|制表日期|填报日期|报送日期|统计日期|统计时间|填表时间|截至|截止|日期)[:：]?/u;

/**
 * The date a sheet was filled in, as written in its title or footer lines ("填表日期：2025年6月30日",
 * "（2025.6.30）"), or null. A labelled date wins; an unlabelled one counts only in a short line,
 * so birth dates in data rows are never taken for it. Pass title and footer rows (or all rows).
 */
export function sheetDate(rows: readonly RawRow[]): string | null {
  let unlabelled: string | null = null;
  for (const row of rows) {
    const texts = row.cells.map(cellText);
    const filled = texts.filter((t) => t !== '').length;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] as string;
      if (text === '') continue;
      const label = dateLabel.exec(text.normalize('NFKC').replace(/\s+/gu, ''));
      if (label) {
        const after = text.normalize('NFKC').replace(/\s+/gu, '').slice(label.index);
        const inCell = findDateInText(after);
        if (inCell !== null) return inCell;
        // "填表日期：" in one cell and the date in the next filled one.
        const next = row.cells.slice(i + 1).find((c) => cellText(c) !== '');
        if (next !== undefined) {
          const parsed = parseDateCell(next);
          if ('value' in parsed) return parsed.value;
        }
        continue;
      }
      if (unlabelled === null && filled <= 2) {
        const cell = row.cells[i] ?? null;
        const parsed = cell instanceof Date || typeof cell === 'string' ? parseDateCell(typeof cell === 'string' ? stripBrackets(cell) : cell) : null;
        if (parsed !== null && 'value' in parsed) unlabelled = parsed.value;
      }
    }
  }
  return unlabelled;
}

function stripBrackets(text: string): string {
  return text.trim().replace(/^[（(]\s*/u, '').replace(/\s*[）)]$/u, '');
}
