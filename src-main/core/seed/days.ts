import type { Rng } from './random';

// The generator reasons in day numbers (days since 1970-01-01) because comparing and adding
// integers is cheap and exact; strings are only made at the edge, from a cache, since millions
// of rows each carry several dates.

const MS_PER_DAY = 86_400_000;
const CACHE_FIRST = -25_567; // 1900-01-01
const CACHE_SIZE = 110_000; // up to ~2201
const cache: Array<string | undefined> = new Array<string | undefined>(CACHE_SIZE);

export function toDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${iso}`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (dayStr(day) !== iso) throw new Error(`not a real date: ${iso}`);
  return day;
}

export function dayStr(day: number): string {
  const slot = day - CACHE_FIRST;
  if (slot < 0 || slot >= CACHE_SIZE) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  let text = cache[slot];
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    cache[slot] = text;
  }
  return text;
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** The same calendar date `years` later (29 Feb falls to 28 Feb), for terms and certificate validity. */
export function addYears(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / MS_PER_DAY;
}

/** 世界急救日 is the second Saturday of September. */
export function secondSaturdayOfSeptember(year: number): number {
  const first = dayOf(year, 9, 1);
  const weekday = new Date(first * MS_PER_DAY).getUTCDay(); // 0 = Sunday
  return first + ((6 - weekday + 7) % 7) + 7;
}

/**
 * An ISO-8601 UTC instant on the given local (UTC+8) date during office hours, 08:00–17:59 Beijing
 * time, so the instant's UTC date equals the local date the row is about.
 */
export function stampOn(day: number, rng: Rng): string {
  const hour = rng.index(10);
  const minute = rng.index(60);
  const second = rng.index(60);
  return `${dayStr(day)}T0${hour}:${minute < 10 ? '0' : ''}${minute}:${second < 10 ? '0' : ''}${second}.000Z`;
}
