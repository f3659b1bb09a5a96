// 救护员证 (first-aid certificates) run out; the clerk is warned this many days ahead.
export const certWarningDays = 90;

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The last expiry date that still counts as "expiring soon" today. */
export function certWarningLimit(today: string): string {
  return addDays(today, certWarningDays);
}

/** True when the certificate expires within the warning window, or already has. */
export function certExpiringSoon(expiresOn: string | null, today: string): boolean {
  return expiresOn !== null && expiresOn <= certWarningLimit(today);
}
