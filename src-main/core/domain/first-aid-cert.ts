import { addDays } from './dates';

// 救护员证 (first-aid certificates) run out; the clerk is warned this many days ahead.
export const certWarningDays = 90;

/** The last expiry date that still counts as "expiring soon" today. */
export function certWarningLimit(today: string): string {
  return addDays(today, certWarningDays);
}

/** True when the certificate expires within the warning window, or already has. */
export function certExpiringSoon(expiresOn: string | null, today: string): boolean {
  return expiresOn !== null && expiresOn <= certWarningLimit(today);
}
