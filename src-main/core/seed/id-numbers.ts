import { dayStr } from './days';
import type { Rng } from './random';

// 居民身份证号码 per GB 11643-1999: 6-digit area code, 8-digit birth date, 3-digit sequence
// (odd for men, even for women), then an ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The 18th character for the given first 17 digits (0–9 or X). */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`residentIdCheckChar needs 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

/**
 * Hands out unique ID numbers. Uniqueness is tracked by a numeric key instead of the string,
 * which keeps a million entries cheap; collisions are retried with a new sequence number.
 */
export class ResidentIdAllocator {
  private readonly used = new Set<number>();

  constructor(private readonly areaCodes: readonly string[]) {
    if (areaCodes.length === 0 || areaCodes.some((code) => !/^\d{6}$/.test(code))) {
      throw new Error('ResidentIdAllocator needs 6-digit area codes');
    }
  }

  /** `areaIndex` selects from the constructor's codes; `birthDay` is a day number (see days.ts). */
  allocate(rng: Rng, areaIndex: number, birthDay: number, male: boolean): string {
    const area = this.areaCodes[areaIndex];
    if (area === undefined) throw new Error(`no area code at index ${areaIndex}`);
    for (;;) {
      // Sequences 001–999: parity carries the gender, and 000 is never issued.
      const sequence = male ? 2 * rng.index(500) + 1 : 2 * (1 + rng.index(499));
      const key = areaIndex * 1e9 + (birthDay + 50_000) * 1000 + sequence;
      if (this.used.has(key)) continue;
      this.used.add(key);
      const first17 = `${area}${dayStr(birthDay).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
      return first17 + residentIdCheckChar(first17);
    }
  }
}
