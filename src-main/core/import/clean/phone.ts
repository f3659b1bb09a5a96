import { maskPhone, normalizePhone } from '../../domain/phone';
import { halfWidth, zeroWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

/** Between two numbers in one cell: punctuation, "或", line breaks. Dashes stay: they join a landline. */
const separators = /[,，、;；/／|\n\r]+|或|及|和/u;

/** "(0571)88888888", "手机：138…", "13812345678（本人）" → the number part. */
function stripDecoration(text: string): string {
  return text
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
    return phone === null ? fail(reason(digits)) : ok(phone);
  }
  const text = stripDecoration(halfWidth(cell.replace(zeroWidth, '')).trim());
  if (text === '') return fail('电话号码为空');
  const whole = normalizePhone(text);
  if (whole !== null) return ok(whole);

  const parts = text.split(separators).map((p) => stripDecoration(p)).filter((p) => p !== '');
  // "13812345678 13987654321": two numbers only a space apart.
  const pieces = parts.length > 1 ? parts : text.split(/\s+/u).filter((p) => p !== '');
  if (pieces.length > 1) {
    const found = pieces.map((p) => normalizePhone(p)).filter((p): p is string => p !== null);
    const first = found[0];
    if (first !== undefined) {
      return ok(first, [`一个单元格里填了 ${pieces.length} 个号码，只导入了第一个有效号码 ${maskPhone(first)}，其余请另行记录`]);
    }
  }
  return fail(reason(text));
}
