import type { RawCell } from './read/types';

// Reading a raw cell the same way everywhere: what counts as empty, and its text as shown.

/** Zero-width characters Word and web pages leave in copied text; never part of a value. */
export const zeroWidth = /[\u200b-\u200d\u2060\ufeff]/gu;

/** An empty cell: null, or a string of whitespace only. Optional columns skip cleaning for these. */
export function isBlankCell(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.replace(zeroWidth, '').trim() === '');
}

/** A calendar date cell (UTC midnight by the reader's contract) as 'YYYY-MM-DD'. */
export function dateCellToIso(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/**
 * Text as the clerk sees it: numbers without float noise, dates as YYYY-MM-DD, booleans as
 * Excel shows them. Used where a value is compared as words (headers, totals, footers).
 */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.replace(zeroWidth, '').trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return dateCellToIso(cell) ?? '';
}

/** Full-width digits, letters and punctuation to ASCII (NFKC), so "１９９０．１．２" reads as 1990.1.2. */
export function halfWidth(text: string): string {
  return text.normalize('NFKC');
}
