import { hoursToMinutes, minutesPerDay } from '../../domain/service-hours';
import { halfWidth, zeroWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

const dayUnit = '时长以天为单位填写，不会自动换算成小时，请改为小时数';

const num = String.raw`(\d+(?:\.\d+)?)`;
const hourUnit = String.raw`(?:个?小时|个?钟头|时|hours?|hrs?|h)`;
const minuteUnit = String.raw`(?:分钟|分|minutes?|mins?|m)`;

const patterns: Array<[RegExp, (m: RegExpExecArray) => number]> = [
  [new RegExp(`^${num}${hourUnit}?$`, 'u'), (m) => Number(m[1]) * 60],
  [new RegExp(`^(\\d+)${hourUnit}(\\d+)${minuteUnit}?$`, 'u'), (m) => Number(m[1]) * 60 + Number(m[2])],
  [new RegExp(`^${num}${minuteUnit}$`, 'u'), (m) => Number(m[1])],
  [/^半个?小时$/u, () => 30],
  [/^(\d+)个半小时$/u, (m) => Number(m[1]) * 60 + 30],
  [new RegExp(`^(\\d+)${hourUnit}半$`, 'u'), (m) => Number(m[1]) * 60 + 30],
  // 2:30 as typed text, the way a clock shows a duration.
  [/^(\d+)[:：](\d{2})$/u, (m) => Number(m[1]) * 60 + Number(m[2])],
];

const chineseDigits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 两, 十二, 二十四 → 2, 12, 24: hours up to 99 written in words. */
function chineseNumber(words: string): string {
  const [tens, ones] = words.includes('十') ? words.split('十') : ['', words];
  if (words.includes('十')) return String((tens === '' ? 1 : (chineseDigits[tens as string] ?? 0)) * 10 + (ones === '' ? 0 : (chineseDigits[ones as string] ?? 0)));
  return String(chineseDigits[words] ?? words);
}

/** A time-of-day cell (Excel keeps 2:30 as 0.104 of a day, shown as a time) is a duration of that length. */
function timeCellMinutes(date: Date): number | null {
  const day = Date.UTC(1899, 11, 30);
  const offset = date.getTime() - day;
  if (offset <= 0 || offset >= 86_400_000) return null;
  return Math.round(offset / 60_000);
}

function positiveMinutes(minutes: number, shown: string): Cleaned<number> {
  const whole = hoursToMinutes(minutes / 60);
  if (whole === null) return fail(`服务时长“${shown}”应大于 0，请填写实际服务的小时数`);
  return ok(whole);
}

/**
 * Service time → whole minutes. Hours are the unit when none is written (3, 2.5); "3小时",
 * "3.5h", "3时30分", "90分钟" are read as written. A figure in days is refused, never converted:
 * a "day" of service may mean 8 hours or 24 and only the township knows which.
 */
export function parseHours(cell: RawCell): Cleaned<number> {
  if (cell === null) return fail('服务时长为空');
  if (cell instanceof Date) {
    const minutes = timeCellMinutes(cell);
    if (minutes === null) return fail('服务时长应填写小时数，如 2 或 2.5，这一栏却是日期');
    const result = positiveMinutes(minutes, '');
    return 'value' in result ? ok(result.value, [`时间格式的“${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}”按 ${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分记录`]) : result;
  }
  if (typeof cell === 'boolean') return fail('服务时长应填写小时数，如 2 或 2.5');
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('服务时长应填写小时数，如 2 或 2.5');
    return positiveMinutes(cell * 60, String(cell));
  }
  const shown = cell.replace(zeroWidth, '').trim();
  const text = halfWidth(shown)
    .replace(/\s+/gu, '')
    .toLowerCase()
    .replace(/。$/u, '')
    .replace(/[零一二两三四五六七八九十]+/gu, chineseNumber);
  if (text === '') return fail('服务时长为空');
  if (/[天日]/u.test(text) || /\d(days?|d)$/u.test(text)) return fail(`“${shown}”：${dayUnit}`);
  if (text.startsWith('-')) return fail(`服务时长“${shown}”不能为负数，请填写实际服务的小时数`);
  if (/^\d+(\.\d+)?[-~～至到]\d+(\.\d+)?/u.test(text)) return fail(`服务时长“${shown}”写成了一个范围，请填写一个确定的小时数`);
  for (const [pattern, minutes] of patterns) {
    const m = pattern.exec(text);
    if (m) return positiveMinutes(minutes(m), shown);
  }
  return fail(`服务时长“${shown}”无法识别，请填写小时数，如 2、2.5 或 2小时30分`);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A cumulative figure no one could have served: more than 24 hours for every day from
 * registration to the sheet's date, both days counted.
 */
export function implausibleCumulativeHours(minutes: number, registeredOn: string, sheetDate: string): boolean {
  const days = daysBetween(registeredOn, sheetDate) + 1;
  if (days <= 0) return minutes > 0;
  return minutes > days * minutesPerDay;
}
