import { maskPhone, normalizePhone } from '../../domain/phone';
import { halfWidth, zeroWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

const bareMobile = /^1[3-9]\d{9}$/u;

/** Between two numbers in one cell: punctuation, "或", line breaks. Dashes stay: they join a landline. */
const separators = /[,，、;；/／|\n\r]+|或|及|和/u;

/** "(0571)88888888", "手机：138…", "13812345678（本人）" → the number part. */
function stripDecoration(text: string): string {
  return text
    .replace(/[(（](\+?86)[)）]/gu, '$1')
    .replace(/[(（](\d{3,4})[)）]-?/gu, '$1-')
    .replace(/[(（][^)）\d]*[)）]/gu, '')
    .replace(/^[^\d+]*[:：]/u, '')
    .replace(/^[\p{Script=Han}]+/u, '')
    .replace(/[\p{Script=Han}]+$/u, '')
    .trim();
}

function digitsIn(text: string): number {
  return (text.match(/\d/gu) ?? []).length;
}

function reason(text: string): string {
  const digits = digitsIn(text.replace(/^(\+|00)86/u, ''));
  if (digits === 7 || digits === 8) return '座机号码缺少区号，请写成“0571-88888888”的形式';
  if (digits === 0) return '不是电话号码，请填写 11 位手机号或带区号的座机号';
  return `电话号码位数不对（${digits} 位），手机号应为 11 位、以 1 开头，座机号应带区号，请核对`;
}

/**
 * A phone number from a roster cell: spaces, dashes, +86/0086, full-width digits and number
 * cells are all fine. Several numbers in one cell: the first valid one is kept and the clerk
 * is told. Reasons never repeat the number, only what is wrong with it.
 */
export function cleanPhone(cell: RawCell): Cleaned<string> {
  if (cell === null) return fail('电话号码为空');
  if (typeof cell === 'boolean' || cell instanceof Date) return fail('这一栏不是电话号码，请检查是否错列');
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell <= 0) return fail('这一栏不是电话号码，请检查是否错列');
    const digits = String(cell);
    const phone = normalizePhone(/^861[3-9]\d{9}$/u.test(digits) ? digits.slice(2) : digits);
    if (phone !== null) return ok(phone);
    // A number cell drops the 0 of an area code; it is the only digit that can be lost, so it is put back.
    // Area codes are 010 or 0[2-9]x(x), so a mobile missing a digit is never taken for one.
    const landline = /^(10|[2-9]\d)\d{8,9}$/u.test(digits) ? normalizePhone(`0${digits}`) : null;
    if (landline !== null) return ok(landline, [`座机号码开头的 0 在 Excel 中丢失（单元格是数字），已补回为 ${maskPhone(landline)}，请确认`]);
    return fail(reason(digits));
  }
  // Most cells already hold a bare mobile number; they need none of the rewriting below.
  if (bareMobile.test(cell)) return ok(cell);
  const written = halfWidth(cell.replace(zeroWidth, '')).trim();
  if (written === '') return fail('电话号码为空');
  const text = stripDecoration(written);
  const whole = normalizePhone(text);
  if (whole !== null) return ok(whole);

  const parts = written.split(separators);
  // "13812345678 13987654321": two numbers only a space apart.
  const pieces = (parts.length > 1 ? parts : text.split(/\s+/u)).map((p) => stripDecoration(p)).filter((p) => digitsIn(p) > 0);
  const found = pieces.map((p) => normalizePhone(p)).filter((p): p is string => p !== null);
  const first = found[0];
  if (first !== undefined) {
    const warnings = pieces.length > 1 ? [`一个单元格里填了 ${pieces.length} 个号码，只导入了第一个有效号码 ${maskPhone(first)}，其余请另行记录`] : [];
    return ok(first, warnings);
  }
  return fail(reason(text));
}
