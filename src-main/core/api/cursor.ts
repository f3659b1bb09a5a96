import { fail } from '../errors';

// Keyset cursors are opaque to callers: the last row's sort values as base64url JSON, which
// has no spaces and survives a command line or URL unchanged.

export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The sort values, when the text is a cursor of the given shape; refuses anything else in Chinese. */
export function decodeCursor<T extends ReadonlyArray<'string' | 'number'>>(text: string, shape: T): { [K in keyof T]: T[K] extends 'string' ? string : number } {
  try {
    const values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => typeof v === shape[i] && (typeof v !== 'number' || Number.isInteger(v)))) {
      return values as { [K in keyof T]: T[K] extends 'string' ? string : number };
    }
  } catch {
    // fall through to the refusal below
  }
  fail('INVALID_INPUT', '「翻页位置」无效，请从第一页重新查询。');
}

/**
 * A page from the `limit + 1` rows a keyset query read: the first `limit` rows, mapped for the
 * contract, and the cursor after the last of them — null when the extra row shows nothing follows.
 */
export function keysetPage<R, O>(rows: readonly R[], limit: number, toRow: (row: R) => O, cursorOf: (last: R) => ReadonlyArray<string | number>) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page.map(toRow), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
