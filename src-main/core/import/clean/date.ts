import { dateCellToIso, halfWidth, zeroWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

export interface DateOptions {
  /** Join dates may be written as a year and month only (2020.3); the 1st of the month is assumed. */
  allowYearMonth?: boolean;
}

// Rosters hold dates of people alive and organisations working today: earlier or later years are typos.
const minYear = 1900;
const maxYear = 2100;

/** Excel's 1900 date system counts from 1899-12-31 and wrongly includes 1900-02-29 (serial 60). */
const excelEpoch = Date.UTC(1899, 11, 31);
const dayMs = 86_400_000;
/** 1900-03-01 .. 2100-12-31: serials below are implausible as dates and are more likely counts. */
const minSerial = 61;
const maxSerial = 73_415;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number, shown: string): Cleaned<string> {
  if (year < minYear || year > maxYear) return fail(`日期“${shown}”的年份 ${year} 不合理，请核对（应在 ${minYear}—${maxYear} 年之间）`);
  if (month < 1 || month > 12) return fail(`日期“${shown}”的月份 ${month} 不存在，请核对`);
  if (day < 1 || day > daysInMonth(year, month)) return fail(`日期“${shown}”不存在（${year} 年 ${month} 月没有 ${day} 日），请核对`);
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

function yearMonth(year: number, month: number, shown: string, opts: DateOptions, extra: string[] = []): Cleaned<string> {
  if (opts.allowYearMonth !== true) return fail(`日期“${shown}”只有年和月，缺少日，请写完整的日期（如 ${year}-${pad(Math.min(Math.max(month, 1), 12))}-01）`);
  const result = ymd(year, month, 1, shown);
  if ('error' in result) return result;
  return ok(result.value, [`“${shown}”只填了年月，按 ${year} 年 ${month} 月 1 日记录`, ...extra]);
}

function fromSerial(serial: number): Cleaned<string> {
  const whole = Math.floor(serial);
  if (whole === 60) return fail('日期是 Excel 中不存在的 1900 年 2 月 29 日，请核对');
  if (whole >= minYear && whole <= maxYear && whole === serial) return fail(`“${serial}”只有年份，请写完整的日期`);
  if (whole < minSerial || whole > maxSerial) return fail(`“${serial}”不是日期，请写成如 1990-01-02 的形式`);
  // Serials after the phantom 1900-02-29 are one day ahead of the real calendar.
  const iso = new Date(excelEpoch + (whole - 1) * dayMs).toISOString().slice(0, 10);
  return ok(iso);
}

function fromNumber(value: number, opts: DateOptions): Cleaned<string> {
  if (!Number.isFinite(value) || value <= 0) return fail(`“${value}”不是日期，请写成如 1990-01-02 的形式`);
  const shown = String(value);
  // 19900102 typed into a number cell.
  if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_001_231) {
    return ymd(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100, shown);
  }
  // 202003 typed into a number cell.
  if (Number.isInteger(value) && value >= 190_001 && value <= 210_012) {
    return yearMonth(Math.floor(value / 100), value % 100, shown, opts);
  }
  // 2020.3 typed into a number cell: Excel keeps a number, and 2020.10 has become 2020.1.
  const dotted = /^(\d{4})\.(\d{1,2})$/.exec(shown);
  if (dotted) {
    const [year, month] = [Number(dotted[1]), Number(dotted[2])];
    const maybeOctober = month === 1 ? [`Excel 把“${year}.10”也存成 ${shown}，如原表是 10 月请改正`] : [];
    return yearMonth(year, month, shown, opts, maybeOctober);
  }
  return fromSerial(value);
}

const twoDigitYear = /^\d{2}[.\-/年]\d{1,2}([.\-/月]\d{1,2}日?)?\.?$/u;

/** 2015-05-31T16:00:00.000Z, as programs write an instant: the date it was in China (UTC+8, no DST). */
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/u;
const chinaOffsetMs = 8 * 3_600_000;

function fromText(raw: string, opts: DateOptions): Cleaned<string> {
  const shown = raw.replace(zeroWidth, '').trim();
  if (instant.test(shown)) {
    const at = Date.parse(shown);
    if (Number.isFinite(at)) {
      const iso = new Date(at + chinaOffsetMs).toISOString();
      return ymd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), shown);
    }
  }
  // A time of day after the date ("1990/1/2 0:00:00" from CSV exports) says nothing about the date.
  const text = halfWidth(shown)
    .replace(/(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/u, '')
    .replace(/\s+/gu, '')
    .replace(/[－—–]/gu, '-')
    .replace(/[。]/gu, '.');
  if (text === '') return fail('日期为空');

  let m = /^(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})[日号]?\.?$/u.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  m = /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  m = /^(\d{4})[.\-/年](\d{1,2})月?(?:份)?\.?$/u.exec(text);
  if (m) return yearMonth(Number(m[1]), Number(m[2]), shown, opts);
  m = /^(\d{4})(\d{2})$/u.exec(text);
  if (m) return yearMonth(Number(m[1]), Number(m[2]), shown, opts);
  if (/^\d{4}年?$/u.test(text)) return fail(`“${shown}”只有年份，请写完整的日期（如 ${text.slice(0, 4)}-01-02）`);
  if (twoDigitYear.test(text)) return fail(`“${shown}”的年份只写了两位，无法确定世纪，请写完整的四位年份（如 1990-01-02）`);
  if (/^\d+(\.\d+)?$/u.test(text)) return fromNumber(Number(text), opts);
  return fail(`“${shown}”不是可识别的日期，请写成如 1990-01-02、1990.1.2 或 1990年1月2日 的形式`);
}

/**
 * A date as townships type it → 'YYYY-MM-DD': real date cells, Excel serial numbers, and text in
 * every common form (1990.1.2, 1990/01/02, 1990-1-2, 1990年1月2日, 19900102, full-width digits).
 * Two-digit years and impossible dates are refused; a year and month alone only when allowed.
 */
export function parseDateCell(cell: RawCell, opts: DateOptions = {}): Cleaned<string> {
  if (cell === null) return fail('日期为空');
  if (cell instanceof Date) {
    const iso = dateCellToIso(cell);
    if (iso === null) return fail('日期单元格无效，请重新填写');
    return ymd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)), iso);
  }
  if (typeof cell === 'number') return fromNumber(cell, opts);
  if (typeof cell === 'boolean') return fail('这里应填日期，不是“是/否”');
  return fromText(cell, opts);
}

/** A date somewhere inside a line of text ("填表日期：2025年6月30日  填表人：张三"), or null. */
export function findDateInText(text: string): string | null {
  const t = halfWidth(text).replace(/\s+/gu, '');
  const patterns = [/(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})/u, /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/u];
  for (const p of patterns) {
    const m = p.exec(t);
    if (!m) continue;
    const result = ymd(Number(m[1]), Number(m[2]), Number(m[3]), m[0]);
    if ('value' in result) return result.value;
  }
  return null;
}
