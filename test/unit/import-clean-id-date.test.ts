import { describe, expect, it } from 'vitest';
import { cleanIdNumber, type Cleaned, excelScientific, parseDateCell } from '../../src-main/core/import/clean';

const today = '2025-06-30';
const lostDigits = '身份证号码在 Excel 中被存成了数字，末几位已丢失（显示为 3.30106E+17），无法恢复。请把该列设为“文本”后重新填写正确号码。';

function value<T>(result: Cleaned<T>): T {
  if ('error' in result) throw new Error(`expected a value, got: ${result.error}`);
  return result.value;
}

function error<T>(result: Cleaned<T>): string {
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('cleanIdNumber', () => {
  it('returns the normalized number with the birth date, sex and document type it encodes', () => {
    expect(cleanIdNumber('330106199001021235', today)).toEqual({
      value: { idNumber: '330106199001021235', birthDate: '1990-01-02', gender: 'M', idType: 'resident_id', upgradedFrom: null },
      warnings: [],
    });
    expect(value(cleanIdNumber('330106199001021227', today)).gender).toBe('F');
    expect(value(cleanIdNumber('810000199001021236', today)).idType).toBe('hmt_residence_permit');
  });

  it('cleans spaces, full-width digits, a lowercase x, zero-width characters and a text apostrophe', () => {
    expect(value(cleanIdNumber(' 330106 19900102 1235 ', today)).idNumber).toBe('330106199001021235');
    expect(value(cleanIdNumber('３３０１０６１９９００１０２１２３５', today)).idNumber).toBe('330106199001021235');
    expect(value(cleanIdNumber('11010519491231002x', today)).idNumber).toBe('11010519491231002X');
    expect(value(cleanIdNumber('\u200b330106199001021235\ufeff', today)).idNumber).toBe('330106199001021235');
    expect(value(cleanIdNumber("'330106199001021235", today)).idNumber).toBe('330106199001021235');
    expect(value(cleanIdNumber('330106\u3000199001021235', today)).idNumber).toBe('330106199001021235');
  });

  it('upgrades a 15-digit number to 18 digits, also from a number cell (15 digits survive Excel)', () => {
    const upgraded = cleanIdNumber('330106900102123', today);
    expect(upgraded).toEqual({
      value: { idNumber: '330106199001021235', birthDate: '1990-01-02', gender: 'M', idType: 'resident_id', upgradedFrom: '330106900102123' },
      warnings: ['15 位旧身份证号码已自动升级为 18 位'],
    });
    expect(value(cleanIdNumber(330106900102123, today)).idNumber).toBe('330106199001021235');
  });

  it('refuses an ID stored in Excel as a number, in every form it arrives, as unrecoverable', () => {
    // The float a reader gets for the cell: the last digits are already gone.
    const asNumber = Number('330106199001021235');
    expect(asNumber).toBe(330106199001021250);
    expect(error(cleanIdNumber(asNumber, today))).toBe(lostDigits);
    expect(error(cleanIdNumber(3.30106e17, today))).toBe(lostDigits);
    expect(error(cleanIdNumber('3.30106E+17', today))).toBe(lostDigits);
    expect(error(cleanIdNumber('3.30106e17', today))).toBe(lostDigits);
    expect(error(cleanIdNumber('3.30106E17', today))).toBe(lostDigits);
    // 16 or 17 digits in a number cell have lost digits too.
    expect(error(cleanIdNumber(3301061990010212, today))).toContain('末几位已丢失');
  });

  it('refuses 18 digits ending in 000 that fail the check: a number cell written out in full', () => {
    expect(error(cleanIdNumber('330106199001021000', today))).toContain('显示为 3.30106E+17');
  });

  it('refuses any 18-digit number the reader says came from a number cell, even one that passes the check', () => {
    // 330106198503151000 happens to have the right check character.
    expect(value(cleanIdNumber('330106198503151000', today)).idNumber).toBe('330106198503151000');
    expect(error(cleanIdNumber('330106198503151000', today, { fromNumber: true }))).toContain('末几位已丢失');
    expect(value(cleanIdNumber('330106900102123', today, { fromNumber: true })).idNumber).toBe('330106199001021235');
  });

  it('names the reason for a wrong number and shows it masked', () => {
    const wrongCheck = error(cleanIdNumber('330106199001021234', today));
    expect(wrongCheck).toContain('校验码应为 5，实际为 4');
    expect(wrongCheck).toContain('330106********1234');
    expect(wrongCheck).not.toContain('330106199001021234');
    expect(error(cleanIdNumber('33010619900102123', today))).toContain('实际 17 位');
    expect(error(cleanIdNumber('330106199013021235', today))).toContain('不是真实日期');
    expect(error(cleanIdNumber('330106203001021235', today))).toContain('晚于今天');
    expect(error(cleanIdNumber('3301061990O1021235', today))).toContain('非法字符');
  });

  it('refuses empty and non-ID cells', () => {
    expect(error(cleanIdNumber(null, today))).toBe('身份证号码为空');
    expect(error(cleanIdNumber('  ', today))).toBe('身份证号码为空');
    expect(error(cleanIdNumber(true, today))).toContain('不是身份证号码');
    expect(error(cleanIdNumber(new Date(Date.UTC(1990, 0, 2)), today))).toContain('不是身份证号码');
  });

  it('shows a lost number the way Excel does', () => {
    expect(excelScientific(Number('330106199001021235'))).toBe('3.30106E+17');
    expect(excelScientific(110105194912310000)).toBe('1.10105E+17');
    expect(excelScientific(330100000000000000)).toBe('3.301E+17');
  });
});

describe('parseDateCell', () => {
  const plain = (cell: Parameters<typeof parseDateCell>[0]): string => value(parseDateCell(cell));

  it('reads every form people type', () => {
    for (const text of ['1990.1.2', '1990/01/02', '1990-1-2', '1990年1月2日', '19900102', '1990.01.02.', '1990. 1. 2', ' 1990 年 1 月 2 日 ', '１９９０．１．２', '1990－01－02', '1990/1/2 0:00:00', '1990-01-02T00:00:00', '1990年01月02号']) {
      expect(plain(text), text).toBe('1990-01-02');
    }
  });

  it('reads an instant a program wrote (ISO with Z or an offset) as the date it was in China', () => {
    expect(plain('1990-01-02T00:00:00.000Z')).toBe('1990-01-02');
    expect(plain('1990-01-01T16:00:00.000Z')).toBe('1990-01-02');
    expect(plain('1990-01-02T23:30:00+08:00')).toBe('1990-01-02');
  });

  it('reads date cells and Excel serial numbers, including across the phantom 1900-02-29', () => {
    expect(plain(new Date(Date.UTC(1990, 0, 2)))).toBe('1990-01-02');
    expect(plain(32875)).toBe('1990-01-02');
    expect(plain(45838)).toBe('2025-06-30');
    expect(plain(61)).toBe('1900-03-01');
    expect(plain(32875.75)).toBe('1990-01-02');
    expect(plain('32875')).toBe('1990-01-02');
    expect(plain(19900102)).toBe('1990-01-02');
    expect(error(parseDateCell(60))).toContain('1900 年 2 月 29 日');
  });

  it('refuses numbers that are not plausible dates', () => {
    expect(error(parseDateCell(5))).toContain('不是日期');
    expect(error(parseDateCell(1990))).toContain('只有年份');
    expect(error(parseDateCell(999999))).toContain('不是日期');
    expect(error(parseDateCell(-3))).toContain('不是日期');
  });

  it('accepts a year and month only for join dates, assuming the 1st and saying so', () => {
    for (const text of ['2020.3', '2020年3月', '202003', '2020-03', '2020/3', '2020.03.', '2020年03月份']) {
      expect(parseDateCell(text, { allowYearMonth: true }), text).toEqual({ value: '2020-03-01', warnings: [`“${text}”只填了年月，按 2020 年 3 月 1 日记录`] });
      expect(error(parseDateCell(text)), text).toContain('只有年和月');
    }
    expect(value(parseDateCell(202003, { allowYearMonth: true }))).toBe('2020-03-01');
    expect(value(parseDateCell(2020.3, { allowYearMonth: true }))).toBe('2020-03-01');
  });

  it('warns that 2020.1 in a number cell may have been 2020.10', () => {
    const result = parseDateCell(2020.1, { allowYearMonth: true });
    expect(value(result)).toBe('2020-01-01');
    expect('warnings' in result && result.warnings.join()).toContain('2020.10');
  });

  it('refuses two-digit years, impossible dates, year-only and unreadable text', () => {
    expect(error(parseDateCell('90.1.2'))).toContain('四位年份');
    expect(error(parseDateCell('90年1月2日'))).toContain('四位年份');
    expect(error(parseDateCell('2023.2.29'))).toContain('不存在');
    expect(error(parseDateCell('1990.13.1'))).toContain('月份 13 不存在');
    expect(error(parseDateCell('19900231'))).toContain('不存在');
    expect(error(parseDateCell('1890.1.1'))).toContain('年份 1890 不合理');
    expect(error(parseDateCell('1990年'))).toContain('只有年份');
    expect(error(parseDateCell('一九九〇年一月'))).toContain('不是可识别的日期');
    expect(error(parseDateCell('1/2/1990'))).toContain('不是可识别的日期');
    expect(error(parseDateCell(null))).toBe('日期为空');
    expect(error(parseDateCell(' '))).toBe('日期为空');
    expect(error(parseDateCell(true))).toContain('不是“是/否”');
    expect(error(parseDateCell(new Date(Number.NaN)))).toContain('无效');
  });

  it('accepts 2020-02-29 in a leap year and refuses the 13th month of a year-month', () => {
    expect(plain('2020.2.29')).toBe('2020-02-29');
    expect(error(parseDateCell('2020.13', { allowYearMonth: true }))).toContain('月份 13 不存在');
  });
});
