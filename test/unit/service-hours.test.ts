import { describe, expect, it } from 'vitest';
import { hoursToMinutes, serviceEntryProblems, type HoursEntryFacts } from '../../src-main/core/domain/service-hours';

const base: HoursEntryFacts = { row: 1, volunteerId: 1, name: '王芳', hours: 3, registeredOn: '2020-01-01', leftOn: null, otherMinutesThatDay: 0 };
const today = '2026-06-15';

describe('hour plausibility', () => {
  it('turns hours into whole minutes and refuses zero, negative or sub-minute amounts', () => {
    expect(hoursToMinutes(2.5)).toBe(150);
    expect(hoursToMinutes(1 / 3)).toBe(20);
    expect(hoursToMinutes(0)).toBeNull();
    expect(hoursToMinutes(-1)).toBeNull();
    expect(hoursToMinutes(0.001)).toBeNull();
    expect(hoursToMinutes(Number.NaN)).toBeNull();
  });

  it('accepts an ordinary activity', () => {
    expect(serviceEntryProblems('2026-06-01', today, [base, { ...base, row: 2, volunteerId: 2, name: '李明', hours: 24 }])).toEqual([]);
  });

  it('refuses hours that are not positive, naming the row and the volunteer', () => {
    expect(serviceEntryProblems('2026-06-01', today, [base, { ...base, row: 2, volunteerId: 2, name: '李明', hours: 0 }])).toEqual(['第 2 行（李明）：「服务时长」应大于 0']);
  });

  it('sums the day across activities: at most 24 hours per person per day', () => {
    expect(serviceEntryProblems('2026-06-01', today, [{ ...base, hours: 25 }])[0]).toContain('第 1 行（王芳）：25 小时超过每人每天 24 小时');
    const [problem] = serviceEntryProblems('2026-06-01', today, [{ ...base, hours: 5, otherMinutesThatDay: 20 * 60 }]);
    expect(problem).toContain('已登记 20 小时，再加 5 小时共 25 小时');
    expect(serviceEntryProblems('2026-06-01', today, [{ ...base, hours: 4, otherMinutesThatDay: 20 * 60 }])).toEqual([]);
  });

  it('refuses a future date, service before registration or after leaving, and the same volunteer twice', () => {
    expect(serviceEntryProblems('2026-06-16', today, [base])[0]).toContain('晚于今天');
    expect(serviceEntryProblems('2019-12-31', today, [base])[0]).toContain('2020-01-01 才注册为志愿者');
    expect(serviceEntryProblems('2026-03-01', today, [{ ...base, leftOn: '2026-03-01' }])[0]).toContain('已于 2026-03-01 退出');
    expect(serviceEntryProblems('2026-02-28', today, [{ ...base, leftOn: '2026-03-01' }])).toEqual([]);
    expect(serviceEntryProblems('2026-06-01', today, [base, { ...base, row: 2 }])).toEqual(['第 2 行（王芳）：与第 1 行是同一名志愿者，请合并为一行']);
  });
});
