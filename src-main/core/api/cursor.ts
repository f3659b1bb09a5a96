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
