import { describe, expect, it } from 'vitest';
import { defaultStarThresholdsHours, eligibleLevels, minutesToHours, starLevelFor, thresholdsProblem } from '../../src-main/core/domain/stars';

const t = defaultStarThresholdsHours;

describe('star thresholds', () => {
  it('reaches a level exactly at its threshold, not a minute before', () => {
    expect(starLevelFor(0, t)).toBe(0);
    expect(starLevelFor(100 * 60 - 1, t)).toBe(0);
    expect(starLevelFor(100 * 60, t)).toBe(1);
    expect(starLevelFor(299 * 60 + 59, t)).toBe(1);
    expect(starLevelFor(300 * 60, t)).toBe(2);
    expect(starLevelFor(600 * 60, t)).toBe(3);
    expect(starLevelFor(1000 * 60, t)).toBe(4);
    expect(starLevelFor(1500 * 60, t)).toBe(5);
    expect(starLevelFor(99_999 * 60, t)).toBe(5);
  });

  it('follows local thresholds from the settings', () => {
    expect(starLevelFor(50 * 60, [50, 150, 300, 500, 800])).toBe(1);
    expect(starLevelFor(50 * 60, t)).toBe(0);
  });

  it('opens every level above the highest award up to the one reached', () => {
    expect(eligibleLevels(650 * 60, 0, t)).toEqual([1, 2, 3]);
    expect(eligibleLevels(650 * 60, 1, t)).toEqual([2, 3]);
    expect(eligibleLevels(650 * 60, 3, t)).toEqual([]);
    // An award stands even when the hours later fall below it (a record deleted): nothing opens, nothing is taken back.
    expect(eligibleLevels(50 * 60, 2, t)).toEqual([]);
  });

  it('accepts five rising positive whole hours and names what is wrong otherwise', () => {
    expect(thresholdsProblem([100, 300, 600, 1000, 1500])).toBeNull();
    expect(thresholdsProblem([100, 300, 600, 1000])).toContain('5 个');
    expect(thresholdsProblem([100, 300, 300, 1000, 1500])).toContain('3 星门槛应高于 2 星门槛');
    expect(thresholdsProblem([0, 300, 600, 1000, 1500])).toContain('1 星门槛应为正整数');
    expect(thresholdsProblem([100.5, 300, 600, 1000, 1500])).toContain('正整数');
  });

  it('shows minutes as hours with at most two decimals', () => {
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(20)).toBe(0.33);
    expect(minutesToHours(6000)).toBe(100);
  });
});
