import { describe, expect, it } from 'vitest';
import { Rng } from '../../src-main/core/seed/random';
import { UsccAllocator, usccCheckChar as seedUsccCheckChar } from '../../src-main/core/seed/uscc';
import {
  checkUscc,
  LEGACY_ORG_CODE_WARNING,
  normalizeUscc,
  orgCodeCheckChar,
  type UsccCheck,
  usccCheckChar,
} from '../../src-main/core/domain/uscc';

/** GB 32100-2015 check character written out from the standard, independently of the module. */
function mod31(first17: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charset.indexOf(first17.charAt(i)) * (3 ** i % 31);
  return charset.charAt((31 - (sum % 31)) % 31);
}

function expectFail(result: UsccCheck): Extract<UsccCheck, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

// Published codes of well-known companies; each also carries a valid GB 11714 组织机构代码 in
// positions 9–17, which the tests check too, so a mistyped one could not slip through.
const PUBLISHED = [
  ['91350100M000100Y43', '350100'], // the example in GB 32100-2015
  ['914403001922038216', '440300'], // 华为技术有限公司
  ['91440300708461136T', '440300'], // 深圳市腾讯计算机系统有限公司
  ['91110108551385082Q', '110108'], // 小米科技有限责任公司
  ['91330100716105852F', '330100'], // 阿里巴巴（中国）有限公司
] as const;

describe('checkUscc: valid codes', () => {
  it.each(PUBLISHED)('accepts %s', (code, division) => {
    expect(checkUscc(code)).toEqual({ ok: true, code, divisionCode: division, legacy: false });
    const orgCode = code.slice(8, 17);
    expect(orgCodeCheckChar(orgCode.slice(0, 8))).toBe(orgCode.charAt(8));
  });

  it('normalizes: trims, uppercases, full-width to ASCII, drops spaces and dashes', () => {
    for (const raw of [
      ' 91350100M000100Y43 ',
      '91350100m000100y43',
      '９１３５０１００Ｍ０００１００Ｙ４３',
      '9135 0100 M000 100Y 43',
      '91-350100-M000100Y4-3',
      '91350100M000100Y4－3',
      '91350100\u3000M000100Y43',
    ]) {
      expect(checkUscc(raw)).toMatchObject({ ok: true, code: '91350100M000100Y43' });
    }
    expect(normalizeUscc(' ９１３５-0100 m0 ')).toBe('91350100M0');
  });

  it('accepts every code the seed generator allocates', () => {
    const allocator = new UsccAllocator('330106');
    const rng = new Rng(7);
    for (let i = 0; i < 500; i++) {
      const { uscc, legacyOrgCode } = allocator.allocate(rng, '52');
      expect(checkUscc(uscc)).toEqual({ ok: true, code: uscc, divisionCode: '330106', legacy: false });
      expect(checkUscc(legacyOrgCode)).toMatchObject({ ok: true, code: legacyOrgCode, legacy: true });
    }
  });
});

describe('usccCheckChar', () => {
  it('agrees with an independent implementation and the seed generator', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let state = 42;
    for (let n = 0; n < 2000; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        first17 += charset.charAt(state % 31);
      }
      expect(usccCheckChar(first17)).toBe(mod31(first17));
      expect(usccCheckChar(first17)).toBe(seedUsccCheckChar(first17));
    }
  });

  it('refuses bad input', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow();
    expect(() => usccCheckChar('91350100I000100Y4')).toThrow();
  });
});

describe('checkUscc: failures', () => {
  it('reports a wrong check character with the right one', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, code: 'CHECK_CHAR', reason: '校验码应为 3，实际为 4' });
    expect(expectFail(checkUscc('91440300708461136A')).reason).toBe('校验码应为 T，实际为 A');
  });

  it('catches a swap of two neighbouring characters', () => {
    expect(expectFail(checkUscc('91350100M000010Y43')).code).toBe('CHECK_CHAR');
    expect(expectFail(checkUscc('19350100M000100Y43')).code).toBe('CHECK_CHAR');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the forbidden letter %s', (letter) => {
    const result = expectFail(checkUscc(`91350100M000100${letter}43`));
    expect(result.code).toBe('CHARS');
    expect(result.reason).toBe(`含有统一社会信用代码不使用的字母“${letter}”（不使用 I、O、S、V、Z）`);
  });

  it('rejects other characters', () => {
    expect(checkUscc('91350100M000100Y4#')).toEqual({ ok: false, code: 'CHARS', reason: '含有非法字符“#”' });
    expect(expectFail(checkUscc('91350100M000100Y4号')).code).toBe('CHARS');
  });

  it('requires positions 3–8 to be a 6-digit division code, even with a matching check character', () => {
    // A code whose check character is right but whose division part has a letter.
    const body = '9135A100M000100Y4';
    const code = `${body}${mod31(body)}`;
    expect(checkUscc(code)).toEqual({ ok: false, code: 'DIVISION', reason: '第 3–8 位应为 6 位数字的行政区划代码，实际为“35A100”' });
    const tail = '91H30100M000100Y4';
    expect(expectFail(checkUscc(`${tail}${mod31(tail)}`)).code).toBe('DIVISION');
  });

  it('reports the length', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual({
      ok: false,
      code: 'LENGTH',
      reason: '应为 18 位统一社会信用代码（或 9 位组织机构代码），实际 17 位',
    });
    expect(expectFail(checkUscc('91350100M000100Y433')).code).toBe('LENGTH');
    expect(expectFail(checkUscc('')).code).toBe('LENGTH');
    expect(expectFail(checkUscc('12345678')).code).toBe('LENGTH');
  });
});

describe('checkUscc: legacy 9-character 组织机构代码', () => {
  it('accepts a valid code with a warning, in either printed form', () => {
    for (const raw of ['19220382-1', '192203821', ' 19220382－1 ']) {
      expect(checkUscc(raw)).toEqual({ ok: true, code: '19220382-1', legacy: true, warning: LEGACY_ORG_CODE_WARNING });
    }
    expect(LEGACY_ORG_CODE_WARNING).toBe('9 位组织机构代码（旧证），建议更新为统一社会信用代码');
  });

  it('accepts letters in the body and X as the check character', () => {
    expect(checkUscc('M000100Y-4')).toMatchObject({ ok: true, code: 'M000100Y-4', legacy: true });
    expect(checkUscc('m000100y4')).toMatchObject({ ok: true, code: 'M000100Y-4', legacy: true });
    // Search the 8-digit bodies for one whose check character is X (value 10) and one with 0 (value 11).
    const bodies = { X: '', '0': '' };
    for (let n = 10_000_000; (bodies.X === '' || bodies['0'] === '') && n < 10_001_000; n++) {
      const body = String(n);
      const check = orgCodeCheckChar(body);
      if (check === 'X' && bodies.X === '') bodies.X = body;
      if (check === '0' && bodies['0'] === '') bodies['0'] = body;
    }
    expect(checkUscc(`${bodies.X}-X`)).toMatchObject({ ok: true, legacy: true });
    expect(checkUscc(`${bodies.X}-x`)).toMatchObject({ ok: true, code: `${bodies.X}-X` });
    expect(checkUscc(`${bodies['0']}-0`)).toMatchObject({ ok: true, legacy: true });
  });

  it('computes the GB 11714 check character', () => {
    // 19220382: 1·3 + 9·7 + 2·9 + 2·10 + 0·5 + 3·8 + 8·4 + 2·2 = 164; 164 mod 11 = 10; 11 − 10 = 1.
    expect(orgCodeCheckChar('19220382')).toBe('1');
    // M = 22: 22·3 + 0 + 0 + 0 + 1·5 + 0 + 0 + Y(34)·2 = 139; 139 mod 11 = 7; 11 − 7 = 4.
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });

  it('rejects a wrong check character', () => {
    expect(checkUscc('19220382-2')).toEqual({ ok: false, code: 'ORG_CODE_CHECK', reason: '组织机构代码校验码应为 1，实际为 2' });
    expect(expectFail(checkUscc('M000100Y-X')).code).toBe('ORG_CODE_CHECK');
  });

  it('rejects other characters', () => {
    expect(expectFail(checkUscc('1922038#1')).code).toBe('CHARS');
    expect(expectFail(checkUscc('19220382/1')).code).toBe('CHARS');
  });
});
