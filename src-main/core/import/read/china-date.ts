/** The calendar date in China (UTC+8, no daylight saving) of an instant, as 'YYYY-MM-DD'. */
export function chinaDateOf(instant: Date): string | null {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) return null;
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}
