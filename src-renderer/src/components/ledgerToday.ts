/**
 * Today as the ledger counts it: the date in China (UTC+8, no daylight saving), the same rule as
 * the backend's todayInChina (src-main/core/domain/dates.ts). The browser's own time zone may be
 * anything (a PC set to UTC, a test runner): defaults from it put a date before or after the one
 * the backend checks against, and between 00:00 and 08:00 China time a default of "yesterday" is
 * refused as earlier than a record founded today.
 */
export function ledgerToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
