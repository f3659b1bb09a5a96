import { dayStr } from './days';
import type { Rng } from './random';

import { residentIdCheckChar } from '../domain/id-number';

// 居民身份证号码 per GB 11643-1999; the check character comes from the domain module.
export { residentIdCheckChar };

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
