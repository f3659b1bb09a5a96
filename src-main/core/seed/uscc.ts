import type { Rng } from './random';

// 统一社会信用代码 per GB 32100-2015: 2-character registration authority and unit kind
// (e.g. 91 = 工商 enterprise, 52 = 民政 social-service organisation), 6-digit division code,
// 9-character 组织机构代码 (GB 11714: 8-character body and its own check character),
// then a MOD 31 check character over the first 17.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

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

export interface AllocatedUscc {
  uscc: string;
  /** The embedded 组织机构代码 in its legacy printed form, e.g. 12345678-9. */
  legacyOrgCode: string;
}

/** Hands out unique codes for one county. */
export class UsccAllocator {
  private readonly used = new Set<string>();

  constructor(private readonly countyCode: string) {}

  allocate(rng: Rng, authority: '91' | '92' | '51' | '52' | '53'): AllocatedUscc {
    for (;;) {
      // Units registered since the 2015 reform got bodies starting "MA"; older ones kept 8 digits.
      const body = rng.chance(0.4) ? `MA${this.randomChars(rng, 6)}` : rng.digits(8);
      const orgCode = body + orgCodeCheckChar(body);
      const first17 = `${authority}${this.countyCode}${orgCode}`;
      const uscc = first17 + usccCheckChar(first17);
      if (this.used.has(uscc)) continue;
      this.used.add(uscc);
      return { uscc, legacyOrgCode: `${body}-${orgCode.charAt(8)}` };
    }
  }

  private randomChars(rng: Rng, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += USCC_CHARSET.charAt(rng.index(USCC_CHARSET.length));
    return out;
  }
}
