// exceljs cell values → RawCell, per the contract in types.ts.
import type { RawCell } from './types';

const DAY_MS = 86_400_000;

/** Same test exceljs applies to plain numeric cells, reused for formula results it leaves numeric. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** The calendar date a cell shows, at UTC midnight: exceljs maps serials to UTC instants, and the
 *  time of day (if any) is not part of what the clerk typed as a date. */
export function utcMidnight(d: Date): Date | null {
  const ms = d.getTime();
  return Number.isFinite(ms) ? new Date(Math.floor(ms / DAY_MS) * DAY_MS) : null;
}

export function serialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial)) return null;
  return utcMidnight(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS)));
}

export function toRawCell(value: unknown, numFmt: string | undefined, date1904: boolean): RawCell {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value === '' ? null : value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return utcMidnight(value);
  const v = value as Record<string, unknown>;
  if ('error' in v) return null;
  if ('richText' in v) return flatten(v.richText);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (typeof result === 'number' && isDateFormat(numFmt)) return serialToDate(result, date1904);
    return toRawCell(result, numFmt, date1904);
  }
  if ('text' in v) return typeof v.text === 'string' ? toRawCell(v.text, undefined, date1904) : toRawCell(v.text, numFmt, date1904);
  return null;
}

function flatten(runs: unknown): string | null {
  if (!Array.isArray(runs)) return null;
  let s = '';
  for (const run of runs) {
    const t = (run as { text?: unknown } | null)?.text;
    if (typeof t === 'string') s += t;
  }
  return s === '' ? null : s;
}
