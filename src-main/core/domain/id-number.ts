import { provinceName } from './division-codes';

// 居民身份证号码 per GB 11643-1999: 6-digit area code, 8-digit birth date (YYYYMMDD), 3-digit
// sequence (odd for men, even for women), then an ISO 7064 MOD 11-2 check character (0–9 or X).
// 港澳台居民居住证 numbers share the format with area prefixes 81 (香港), 82 (澳门), 83 (台湾).
// 15-digit numbers issued before 1999 have a YYMMDD birth date (all in the 1900s) and no check
// character; they are upgraded to 18 digits.
//
// This module is the canonical implementation; the seed generator should import from here.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

const HMT_PREFIXES: Readonly<Record<string, string>> = { '81': '香港', '82': '澳门', '83': '台湾' };

export type IdDocumentKind = 'resident_id' | 'hmt_residence_permit';

export type IdCheckFailureCode = 'LENGTH' | 'CHARS' | 'PROVINCE' | 'BIRTH_DATE' | 'FUTURE_BIRTH' | 'CHECK_CHAR';

export type IdCheck =
  | {
      ok: true;
      /** Normalized, always 18 characters. */
      idNumber: string;
      /** The 15-digit original when the number was upgraded, otherwise null. */
      upgradedFrom: string | null;
      /** YYYY-MM-DD */
      birthDate: string;
      gender: 'M' | 'F';
      documentKind: IdDocumentKind;
    }
  | { ok: false; reason: string; code: IdCheckFailureCode };

/**
 * Strips whitespace (including the full-width space U+3000 and zero-width characters), turns
 * full-width digits and letters into ASCII and a lowercase x into X.
 */
export function normalizeIdNumber(raw: string): string {
  if (/^\d{17}[\dX]$/.test(raw)) return raw;
  return raw
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/gu, '')
    .replace(/[０-９Ａ-Ｚａ-ｚ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/x/g, 'X');
}

/** The 18th character for the given first 17 digits (0–9 or X), ISO 7064 MOD 11-2. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`residentIdCheckChar needs 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function fail(code: IdCheckFailureCode, reason: string): IdCheck {
  return { ok: false, code, reason };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns a failure for a bad YYYYMMDD birth date, or null when it is acceptable. */
function birthDateProblem(yyyymmdd: string, today: string): IdCheck | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('BIRTH_DATE', `出生日期 ${yyyymmdd} 不是真实日期`);
  }
  if (year < 1900) return fail('BIRTH_DATE', `出生日期 ${yyyymmdd} 早于 1900 年`);
  if (`${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` > today) {
    return fail('FUTURE_BIRTH', `出生日期 ${yyyymmdd} 晚于今天（${today}）`);
  }
  return null;
}

/**
 * Checks a 居民身份证号码 (or a 港澳台居民居住证 number) as typed or imported. A valid 15-digit
 * legacy number comes back upgraded to 18 digits with `upgradedFrom` set.
 * `today` (YYYY-MM-DD, China time) bounds the birth date.
 */
export function checkResidentId(raw: string, opts: { today: string }): IdCheck {
  if (!isoDate.test(opts.today)) throw new Error(`checkResidentId needs today as YYYY-MM-DD, got ${JSON.stringify(opts.today)}`);
  const value = normalizeIdNumber(raw);

  const illegal = /[^0-9X]/u.exec(value);
  if (illegal) return fail('CHARS', `含有非法字符“${illegal[0]}”`);

  const length = value.length;
  if (length !== 18 && length !== 15) return fail('LENGTH', `应为 18 位（或 15 位旧号码），实际 ${length} 位`);

  const body = length === 18 ? value.slice(0, 17) : value;
  const misplacedX = body.indexOf('X');
  if (misplacedX >= 0) {
    return fail('CHARS', length === 18 ? `“X”只能作为第 18 位校验码，不能出现在第 ${misplacedX + 1} 位` : '15 位旧号码只能由数字组成');
  }

  const prefix = value.slice(0, 2);
  const hmt = HMT_PREFIXES[prefix];
  if (hmt !== undefined && length === 15) {
    return fail('PROVINCE', `前两位 ${prefix} 是${hmt}居民居住证号码，居住证没有 15 位号码`);
  }
  if (hmt === undefined && provinceName(prefix) === null) {
    return fail('PROVINCE', `前两位 ${prefix} 不是有效的省级行政区划代码`);
  }

  const first17 = length === 18 ? body : `${value.slice(0, 6)}19${value.slice(6, 15)}`;
  const birth = first17.slice(6, 14);
  const dateProblem = birthDateProblem(birth, opts.today);
  if (dateProblem) return dateProblem;

  const expected = residentIdCheckChar(first17);
  if (length === 18) {
    const actual = value.charAt(17);
    if (actual !== expected) return fail('CHECK_CHAR', `校验码应为 ${expected}，实际为 ${actual}`);
  }

  return {
    ok: true,
    idNumber: first17 + expected,
    upgradedFrom: length === 15 ? value : null,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    gender: (first17.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F',
    documentKind: hmt === undefined ? 'resident_id' : 'hmt_residence_permit',
  };
}

/**
 * For printed lists and exports (个人信息保护法): 18 characters keep the area code and the last
 * 4 ('330106********123X'); other lengths keep the first 3 and last 2, or only the first and last
 * one when fewer than 10, so that at least half stays hidden; 4 characters or fewer are all stars.
 * The input is normalized first (whitespace, full-width characters).
 */
export function maskIdNumber(id: string): string {
  const chars = Array.from(normalizeIdNumber(id));
  const n = chars.length;
  if (n <= 4) return '*'.repeat(n);
  const [head, tail] = n === 18 ? [6, 4] : n >= 10 ? [3, 2] : [1, 1];
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}
