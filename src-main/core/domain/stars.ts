// 星级志愿者: cumulative service hours against thresholds (settings; the national defaults are
// 100 / 300 / 600 / 1000 / 1500 hours for 1–5 stars). Counting is in whole minutes so sums stay exact.

export const defaultStarThresholdsHours = [100, 300, 600, 1000, 1500] as const;

/** The highest level the county itself may award; 4 stars are the city's, 5 the province's. */
export const countyMaxStarLevel = 3;

/** Why a list of thresholds is unusable, or null when it is fine: five positive, strictly rising whole hours. */
export function thresholdsProblem(thresholds: readonly number[]): string | null {
  if (thresholds.length !== 5) return '应为 1–5 星各一个门槛，共 5 个';
  for (const [i, t] of thresholds.entries()) {
    if (!Number.isInteger(t) || t <= 0) return `${i + 1} 星门槛应为正整数小时`;
    if (i > 0 && t <= (thresholds[i - 1] as number)) return `${i + 1} 星门槛应高于 ${i} 星门槛`;
  }
  return null;
}

/** The star level (0–5) that `minutes` of cumulative service reach. */
export function starLevelFor(minutes: number, thresholdsHours: readonly number[]): number {
  let level = 0;
  while (level < thresholdsHours.length && minutes >= (thresholdsHours[level] as number) * 60) level++;
  return level;
}

/**
 * The levels a volunteer may now be awarded: every level their hours reach above the highest
 * one already awarded (an award at a level settles that level and all below it).
 */
export function eligibleLevels(minutes: number, awardedLevel: number, thresholdsHours: readonly number[]): number[] {
  const reached = starLevelFor(minutes, thresholdsHours);
  const levels: number[] = [];
  for (let level = awardedLevel + 1; level <= reached; level++) levels.push(level);
  return levels;
}

/** Minutes as hours for display and JSON: at most two decimals. */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
