// 统一社会信用代码 per GB 32100-2015: 2-character registration authority and unit kind, 6-digit
// division code (positions 3–8), the 9-character 组织机构代码 (positions 9–17), then a MOD 31
// check character. The charset leaves out I, O, S, V and Z.
// Units that have not re-registered may still show a 9-character 组织机构代码 (GB 11714:
// 8 characters 0–9/A–Z and a MOD 11 check character), often printed as 'XXXXXXXX-X'.
//
// This module is the canonical implementation; the seed generator should import from here.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export const LEGACY_ORG_CODE_WARNING = '9 位组织机构代码（旧证），建议更新为统一社会信用代码';

export type UsccFailureCode = 'LENGTH' | 'CHARS' | 'DIVISION' | 'CHECK_CHAR' | 'ORG_CODE_CHECK';

export type UsccCheck =
  | { ok: true; code: string; /** positions 3–8 */ divisionCode: string; legacy: false }
  | { ok: true; /** printed form 'XXXXXXXX-X' */ code: string; legacy: true; warning: string }
  | { ok: false; reason: string; code: UsccFailureCode };

/** Trims, uppercases, turns full-width characters into ASCII and removes spaces and dashes. */
export function normalizeUscc(raw: string): string {
  return raw
    .replace(/[\uff01-\uff5e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200b-\u200d\u2060\ufeff\-‐‑‒–—―]+/gu, '')
    .toUpperCase();
}

/** The 18th character of a 统一社会信用代码 for its first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`usccCheckChar needs 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new Error(`character ${first17.charAt(i)} is not allowed in a 统一社会信用代码`);
    sum += value * (USCC_WEIGHTS[i] as number);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 check character for an 8-character 组织机构代码 body (digits, or letters valued A=10 … Z=35). */
export function orgCodeCheckChar(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body)) throw new Error(`orgCodeCheckChar needs 8 characters 0-9/A-Z, got ${JSON.stringify(body)}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const code = body.charCodeAt(i);
    const value = code <= 57 ? code - 48 : code - 55;
    sum += value * (ORG_CODE_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function fail(code: UsccFailureCode, reason: string): UsccCheck {
  return { ok: false, code, reason };
}

/**
 * Checks a 统一社会信用代码 as typed or imported. A 9-character 组织机构代码 whose own check
 * character is right is accepted as legacy, with a warning to update it.
 */
export function checkUscc(raw: string): UsccCheck {
  const value = normalizeUscc(raw);

  if (value.length === 9) {
    const illegal = /[^0-9A-Z]/u.exec(value);
    if (illegal) return fail('CHARS', `组织机构代码含有非法字符“${illegal[0]}”`);
    const body = value.slice(0, 8);
    const actual = value.charAt(8);
    const expected = orgCodeCheckChar(body);
    if (actual !== expected) return fail('ORG_CODE_CHECK', `组织机构代码校验码应为 ${expected}，实际为 ${actual}`);
    return { ok: true, code: `${body}-${actual}`, legacy: true, warning: LEGACY_ORG_CODE_WARNING };
  }

  for (const c of value) {
    if (USCC_CHARSET.includes(c)) continue;
    if (/^[IOSVZ]$/.test(c)) return fail('CHARS', `含有统一社会信用代码不使用的字母“${c}”（不使用 I、O、S、V、Z）`);
    return fail('CHARS', `含有非法字符“${c}”`);
  }

  if (value.length !== 18) return fail('LENGTH', `应为 18 位统一社会信用代码（或 9 位组织机构代码），实际 ${value.length} 位`);

  // The charset allows letters everywhere, but positions 3–8 are a GB/T 2260 division code.
  const division = value.slice(2, 8);
  if (!/^\d{6}$/.test(division)) return fail('DIVISION', `第 3–8 位应为 6 位数字的行政区划代码，实际为“${division}”`);

  const expected = usccCheckChar(value.slice(0, 17));
  const actual = value.charAt(17);
  if (actual !== expected) return fail('CHECK_CHAR', `校验码应为 ${expected}，实际为 ${actual}`);
  return { ok: true, code: value, divisionCode: value.slice(2, 8), legacy: false };
}
