const cjk = '\\p{Script=Han}';
const spaceBetweenHan = new RegExp(`(?<=${cjk})\\s+(?=${cjk})`, 'gu');

/**
 * Names arrive padded to line up in printed rosters (e.g. "王\u3000芳", "城关镇  红十字会").
 * Whitespace between Chinese characters goes; other runs of whitespace become one space.
 */
export function normalizeName(value: string): string {
  return value.replace(/\s+/gu, ' ').trim().replace(spaceBetweenHan, '');
}

/** Escapes LIKE wildcards so a clerk's '%' or '_' matches literally (used with ESCAPE '\'). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
