// Dates in cells, per the contract in types.ts: which number formats make a number a date, and the
// calendar date a serial or an ISO date stands for.

const DAY_MS = 86_400_000;

/** exceljs's test for a date format (utils.isDateFmt), kept so that a sheet reads as it did when
 *  exceljs parsed it: any of y m d h s b outside quoted text and [brackets]. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** The calendar date a serial shows, at UTC midnight: the time of day (if any) is not part of what
 *  the clerk typed as a date. */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial)) return null;
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  const date = new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  // Past the Date range (±8.64e15 ms) a serial is no date at all.
  return Number.isNaN(date.getTime()) ? null : date;
}

const ISO_DATE = /^\s*(-?\d{4,})-(\d{2})-(\d{2})/;

/** A t="d" cell (ISO 8601, written by some tools instead of a serial): its calendar date, or null
 *  when it holds only a time or no date at all. */
export function isoToDate(text: string): Date | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  return Number.isFinite(date.getTime()) ? date : null;
}
