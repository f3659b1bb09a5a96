// A1-style references to 1-based rows and 0-based columns.
import type { CellRange } from './types';

const A1 = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 'B3:D4' or a single 'B3' → CellRange; null when not a cell reference. */
export function parseRange(ref: string): CellRange | null {
  const [from, to = from] = ref.split(':');
  const a = A1.exec(from ?? '');
  const b = A1.exec(to ?? '');
  if (!a || !b) return null;
  const [r1, r2] = [Number(a[2]), Number(b[2])];
  const [c1, c2] = [colIndex(a[1] as string), colIndex(b[1] as string)];
  return { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}
