import { describe, expect, it } from 'vitest';
import { checkResidentId, type IdCheck, maskIdNumber, normalizeIdNumber, residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { residentIdCheckChar as seedCheckChar } from '../../src-main/core/seed/id-numbers';

const today = '2025-06-30';

/** ISO 7064 MOD 11-2 written out from the standard, independently of the module under test. */
function mod11_2(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const weight = 2 ** (17 - i) % 11; // W_i = 2^(i-1) mod 11, counted from the right, position 18 having weight 1
    sum += Number(first17[i]) * weight;
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function expectOk(result: IdCheck): Extract<IdCheck, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.reason}`);
  return result;
}

function expectFail(result: IdCheck): Extract<IdCheck, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

describe('normalizeIdNumber', () => {
  it('strips whitespace of every kind, including the full-width space', () => {
    expect(normalizeIdNumber(' 110105 19491231\u3000002X\t\n')).toBe('11010519491231002X');
    expect(normalizeIdNumber('\u00a011010519491231002X\ufeff')).toBe('11010519491231002X');
    expect(normalizeIdNumber('110105\u200b19491231002X')).toBe('11010519491231002X');
  });

  it('turns full-width digits and x into ASCII and lowercase x into X', () => {
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('leaves anything else for the checker to reject', () => {
    expect(normalizeIdNumber('1101-05')).toBe('1101-05');
    expect(normalizeIdNumber('')).toBe('');
  });
});

describe('residentIdCheckChar', () => {
  it('gives the published check characters', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('agrees with an independent MOD 11-2 and with the seed generator on many inputs', () => {
    let state = 20250630;
    for (let n = 0; n < 2000; n++) {
      let first17 = '';
      for (let i = 0; i < 17; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        first17 += String(state % 10);
      }
      expect(residentIdCheckChar(first17)).toBe(mod11_2(first17));
      expect(residentIdCheckChar(first17)).toBe(seedCheckChar(first17));
    }
  });

  it('produces every one of the 11 check characters', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) seen.add(residentIdCheckChar(`33010619800101${String(seq).padStart(3, '0')}`));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow();
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow();
  });
});

describe('checkResidentId: valid numbers', () => {
  it('accepts the standard’s example 11010519491231002X (female, 1949-12-31)', () => {
    expect(checkResidentId('11010519491231002X', { today })).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      upgradedFrom: null,
      birthDate: '1949-12-31',
      gender: 'F',
      documentKind: 'resident_id',
    });
  });

  it('rejects the standard’s other example 440524188001010014 only for its 1880 birth date', () => {
    // Its check character is right (see residentIdCheckChar above); the ledger refuses births before 1900.
    const result = expectFail(checkResidentId('440524188001010014', { today }));
    expect(result.code).toBe('BIRTH_DATE');
    expect(result.reason).toBe('出生日期 18800101 早于 1900 年');
  });

  it('reads the gender from digit 17: odd for men', () => {
    const male = `33010619800101123`;
    const female = `33010619800101124`;
    expect(expectOk(checkResidentId(male + mod11_2(male), { today })).gender).toBe('M');
    expect(expectOk(checkResidentId(female + mod11_2(female), { today })).gender).toBe('F');
  });

  it('accepts a birth date of today and of 1900-01-01', () => {
    const bornToday = '33010620250630002';
    expect(expectOk(checkResidentId(bornToday + mod11_2(bornToday), { today })).birthDate).toBe('2025-06-30');
    const born1900 = '33010619000101001';
    expect(expectOk(checkResidentId(born1900 + mod11_2(born1900), { today })).birthDate).toBe('1900-01-01');
  });

  it('accepts 29 February in a leap year', () => {
    const leap = '33010620000229001';
    expect(expectOk(checkResidentId(leap + mod11_2(leap), { today })).birthDate).toBe('2000-02-29');
  });

  it('accepts retired county codes: only the province prefix is checked', () => {
    // 330102 was 杭州市上城区 before the 2021 merger; 000000-style tails are not checked either.
    const first17 = '33010219800101123';
    expect(expectOk(checkResidentId(first17 + mod11_2(first17), { today })).idNumber).toBe(first17 + mod11_2(first17));
  });

  it('accepts every province-level prefix in the bundled list', () => {
    for (const prefix of ['11', '15', '23', '31', '46', '50', '54', '65']) {
      const first17 = `${prefix}010019800101123`;
      expect(checkResidentId(first17 + mod11_2(first17), { today }).ok).toBe(true);
    }
  });

  it.each([
    ['81', '810000'],
    ['82', '820000'],
    ['83', '830000'],
  ])('accepts prefix %s as a 港澳台居民居住证 number', (_prefix, area) => {
    const first17 = `${area}19900101002`;
    const result = expectOk(checkResidentId(first17 + mod11_2(first17), { today }));
    expect(result.documentKind).toBe('hmt_residence_permit');
    expect(result.birthDate).toBe('1990-01-01');
    expect(result.gender).toBe('F');
  });

  it('normalizes before checking: full-width, spaces, lowercase x', () => {
    for (const raw of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ', '110105\u300019491231\u3000002Ｘ']) {
      expect(expectOk(checkResidentId(raw, { today })).idNumber).toBe('11010519491231002X');
    }
  });
});

describe('checkResidentId: 15-digit legacy numbers', () => {
  it('upgrades 330106800101123 to 18 digits', () => {
    const expected17 = '33010619800101123';
    const result = expectOk(checkResidentId('330106800101123', { today }));
    expect(result).toEqual({
      ok: true,
      idNumber: expected17 + mod11_2(expected17),
      upgradedFrom: '330106800101123',
      birthDate: '1980-01-01',
      gender: 'M',
      documentKind: 'resident_id',
    });
    expect(result.idNumber).toBe('330106198001011235');
  });

  it('takes the gender from the last digit of the old number', () => {
    expect(expectOk(checkResidentId('330106800101124', { today })).gender).toBe('F');
  });

  it('checks the birth date in the 1900s', () => {
    const result = expectFail(checkResidentId('330106900230123', { today }));
    expect(result).toMatchObject({ code: 'BIRTH_DATE', reason: '出生日期 19900230 不是真实日期' });
  });

  it('checks the province', () => {
    expect(expectFail(checkResidentId('990106800101123', { today })).code).toBe('PROVINCE');
  });

  it('has no X and no 港澳台 prefixes', () => {
    expect(expectFail(checkResidentId('33010680010112X', { today })).code).toBe('CHARS');
    const hmt = expectFail(checkResidentId('810000800101123', { today }));
    expect(hmt.code).toBe('PROVINCE');
    expect(hmt.reason).toContain('香港');
  });
});

describe('checkResidentId: failures', () => {
  it('reports a wrong check character with the right one', () => {
    expect(checkResidentId('110105194912310021', { today })).toEqual({ ok: false, code: 'CHECK_CHAR', reason: '校验码应为 X，实际为 1' });
    expect(checkResidentId('11010519491231002X'.slice(0, 17) + '3', { today })).toEqual({
      ok: false,
      code: 'CHECK_CHAR',
      reason: '校验码应为 X，实际为 3',
    });
  });

  it('reports a date that does not exist', () => {
    const first17 = '11010519900230002';
    expect(checkResidentId(first17 + mod11_2(first17), { today })).toEqual({
      ok: false,
      code: 'BIRTH_DATE',
      reason: '出生日期 19900230 不是真实日期',
    });
    for (const date of ['19901332', '19900001', '19900100', '19010229', '21000229']) {
      const id = `110105${date}002`;
      expect(expectFail(checkResidentId(id + mod11_2(id), { today })).code).toBe('BIRTH_DATE');
    }
  });

  it('reports a birth date in the future', () => {
    const first17 = '11010520250701002';
    const result = expectFail(checkResidentId(first17 + mod11_2(first17), { today }));
    expect(result.code).toBe('FUTURE_BIRTH');
    expect(result.reason).toBe('出生日期 20250701 晚于今天（2025-06-30）');
    // The same number is fine a day later.
    expect(checkResidentId(first17 + mod11_2(first17), { today: '2025-07-01' }).ok).toBe(true);
  });

  it('reports a birth date before 1900', () => {
    const first17 = '11010518991231002';
    expect(checkResidentId(first17 + mod11_2(first17), { today })).toMatchObject({ ok: false, code: 'BIRTH_DATE', reason: '出生日期 18991231 早于 1900 年' });
  });

  it('reports an unknown province prefix', () => {
    for (const prefix of ['99', '00', '10', '16', '71', '80', '84', '91']) {
      const first17 = `${prefix}010519491231002`;
      expect(checkResidentId(first17 + mod11_2(first17), { today })).toEqual({
        ok: false,
        code: 'PROVINCE',
        reason: `前两位 ${prefix} 不是有效的省级行政区划代码`,
      });
    }
  });

  it('reports the length', () => {
    expect(checkResidentId('11010519491231002', { today })).toEqual({ ok: false, code: 'LENGTH', reason: '应为 18 位（或 15 位旧号码），实际 17 位' });
    expect(expectFail(checkResidentId('11010519491231002X1', { today })).reason).toBe('应为 18 位（或 15 位旧号码），实际 19 位');
    expect(expectFail(checkResidentId('3301068001011', { today })).code).toBe('LENGTH');
    expect(expectFail(checkResidentId('', { today })).reason).toBe('应为 18 位（或 15 位旧号码），实际 0 位');
    expect(expectFail(checkResidentId('   ', { today })).code).toBe('LENGTH');
  });

  it('reports illegal characters', () => {
    expect(checkResidentId('11010519491231002Y', { today })).toEqual({ ok: false, code: 'CHARS', reason: '含有非法字符“Y”' });
    expect(expectFail(checkResidentId('110105-19491231-002X', { today })).code).toBe('CHARS');
    expect(expectFail(checkResidentId('身份证11010519491231002X', { today })).code).toBe('CHARS');
  });

  it('reports an X anywhere but the last place', () => {
    const result = expectFail(checkResidentId('1101051949123100X2', { today }));
    expect(result.code).toBe('CHARS');
    expect(result.reason).toContain('第 17 位');
  });

  it('checks the province before the date, and the date before the check character', () => {
    expect(expectFail(checkResidentId('990105199002300021', { today })).code).toBe('PROVINCE');
    expect(expectFail(checkResidentId('110105199002300021', { today })).code).toBe('BIRTH_DATE');
  });

  it('refuses a malformed today', () => {
    expect(() => checkResidentId('11010519491231002X', { today: '2025/06/30' })).toThrow();
  });
});

describe('maskIdNumber', () => {
  it('keeps the area code and the last 4 of an 18-character number', () => {
    expect(maskIdNumber('33010619800101123X')).toBe('330106********123X');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks after normalizing', () => {
    expect(maskIdNumber(' 330106 19800101 123x ')).toBe('330106********123X');
  });

  it('keeps the first 3 and last 2 of other lengths', () => {
    expect(maskIdNumber('330106800101123')).toBe('330**********23');
    expect(maskIdNumber('1234567890')).toBe('123*****90');
  });

  it('hides at least half of a short value', () => {
    expect(maskIdNumber('12345')).toBe('1***5');
    expect(maskIdNumber('123456789')).toBe('1*******9');
  });

  it('stars everything of 4 characters or fewer', () => {
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('1')).toBe('*');
    expect(maskIdNumber('')).toBe('');
  });

  it('never reveals the birth date of a valid number', () => {
    const masked = maskIdNumber('11010519491231002X');
    expect(masked).not.toContain('19491231');
    expect(masked).toHaveLength(18);
  });
});
