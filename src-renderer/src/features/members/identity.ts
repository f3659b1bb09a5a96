import dayjs from 'dayjs';

// Client-side reading of a 居民身份证 (or 港澳台居民居住证) number, only to decide which form
// sections to show; the backend checks the number (check character, area code) authoritatively.

/** 'YYYY-MM-DD' from an 18-digit number (digits 7–14) or a 15-digit one (digits 7–12, 19xx); null if not a real date. */
export function birthDateFromIdNumber(raw: string): string | null {
  const text = raw.replace(/\s+/g, '').toUpperCase();
  let ymd: string;
  if (/^\d{17}[\dX]$/.test(text)) ymd = text.slice(6, 14);
  else if (/^\d{15}$/.test(text)) ymd = `19${text.slice(6, 12)}`;
  else return null;
  const iso = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  const parsed = dayjs(iso);
  return parsed.isValid() && parsed.format('YYYY-MM-DD') === iso ? iso : null;
}

/** Full years of age on `on` ('YYYY-MM-DD'). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Personal Information Protection Law art. 31: a guardian consents for a child under 14. */
export const guardianAge = 14;
