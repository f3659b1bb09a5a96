import { describe, expect, it } from 'vitest';
import { isFlaggedForLapse, judgedYears, lastCompletedYear, unpaidYears, type DuesStatus } from '../../src-main/core/domain/dues-rule';

const dues = (entries: Record<number, DuesStatus>) => new Map(Object.entries(entries).map(([y, s]) => [Number(y), s]));

describe('dues lapse rule', () => {
  it('counts a year as completed only once the day of judgement is past its end', () => {
    expect(lastCompletedYear('2025-12-31')).toBe(2024);
    expect(lastCompletedYear('2026-01-01')).toBe(2025);
  });

  it('never judges the join year, nor years before the first recorded year', () => {
    expect(judgedYears('2022-03-01', '2026-06-15', null)).toEqual([2023, 2024, 2025]);
    expect(judgedYears('2015-03-01', '2026-06-15', 2024)).toEqual([2024, 2025]);
    expect(judgedYears('2025-01-01', '2026-06-15', null)).toEqual([]);
  });

  it('flags two consecutive unpaid completed years', () => {
    const input = { joinedOn: '2021-05-01', asOf: '2026-06-15', firstYear: null, dues: dues({ 2022: 'paid', 2023: 'paid', 2024: 'unpaid', 2025: 'unpaid', 2026: 'unpaid' }) };
    expect(unpaidYears(input)).toEqual([2024, 2025]);
    expect(isFlaggedForLapse(input)).toBe(true);
  });

  it('treats a year without a row as unpaid', () => {
    const input = { joinedOn: '2021-05-01', asOf: '2026-06-15', firstYear: null, dues: dues({ 2022: 'paid', 2023: 'paid', 2024: 'paid' }) };
    expect(unpaidYears(input)).toEqual([2025]);
    expect(isFlaggedForLapse(input)).toBe(false);
    expect(isFlaggedForLapse({ ...input, asOf: '2027-01-01' })).toBe(true);
  });

  it('does not flag unpaid years that are not consecutive', () => {
    const input = { joinedOn: '2020-05-01', asOf: '2026-06-15', firstYear: null, dues: dues({ 2021: 'unpaid', 2022: 'paid', 2023: 'unpaid', 2024: 'paid', 2025: 'unpaid' }) };
    expect(unpaidYears(input)).toEqual([2021, 2023, 2025]);
    expect(isFlaggedForLapse(input)).toBe(false);
  });

  it('counts exempt as settled', () => {
    const input = { joinedOn: '2020-05-01', asOf: '2026-06-15', firstYear: null, dues: dues({ 2021: 'paid', 2022: 'paid', 2023: 'paid', 2024: 'exempt', 2025: 'unpaid' }) };
    expect(isFlaggedForLapse(input)).toBe(false);
  });

  it('does not count the current, unfinished year', () => {
    const input = { joinedOn: '2020-05-01', asOf: '2026-12-31', firstYear: null, dues: dues({ 2021: 'paid', 2022: 'paid', 2023: 'paid', 2024: 'paid', 2025: 'unpaid' }) };
    expect(isFlaggedForLapse(input)).toBe(false);
  });

  it('ignores the join year even when it is unpaid', () => {
    const input = { joinedOn: '2024-02-01', asOf: '2026-06-15', firstYear: null, dues: dues({ 2024: 'unpaid', 2025: 'unpaid' }) };
    expect(unpaidYears(input)).toEqual([2025]);
    expect(isFlaggedForLapse(input)).toBe(false);
  });

  it('respects the first recorded year', () => {
    const input = { joinedOn: '2010-02-01', asOf: '2026-06-15', firstYear: 2024, dues: dues({ 2024: 'paid', 2025: 'unpaid' }) };
    expect(isFlaggedForLapse(input)).toBe(false);
    expect(isFlaggedForLapse({ ...input, firstYear: null })).toBe(true);
  });
});
