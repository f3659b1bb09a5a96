import type { Rng } from './random';

import { USCC_CHARSET, orgCodeCheckChar, usccCheckChar } from '../domain/uscc';

// 统一社会信用代码 per GB 32100-2015; the check characters come from the domain module.
export { USCC_CHARSET, orgCodeCheckChar, usccCheckChar };

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
