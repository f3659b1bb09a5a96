import { fail } from '../errors';

// Opaque keyset cursors (sort key + tie-breaking id) for the paged lists of the dues and group
// member areas: base64url JSON, so a cursor carries no spaces and is refused when tampered with.

export interface KeysetCursor {
  key: string;
  id: number;
}

export function encodeKeyset(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeKeyset(text: string): KeysetCursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof key === 'string' && typeof id === 'number' && Number.isInteger(id)) return { key, id };
  } catch {
    // fall through to the refusal below
  }
  fail('INVALID_INPUT', '「翻页位置」无效，请从第一页重新查询。');
}
