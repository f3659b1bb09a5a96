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

const middleDots = /[\u00b7\u2022\u2027\u30fb\u0387\u16eb\u2219\u22c5\uff65.．]/gu;

const spaceBetweenLatin = /(?<=\p{Script=Latin})\s+(?=\p{Script=Latin})/gu;

/**
 * A person's name as rosters type it: padding spaces go (王\u3000芳 → 王芳), except one between
 * the words of a name in Latin letters (John Smith, on a passport), and the look-alike dots in
 * transcribed minority names become the standard middle dot (U+00B7).
 */
export function normalizePersonName(value: string): string {
  return value
    .split(spaceBetweenLatin)
    .map((word) => word.replace(/\s+/gu, ''))
    .join(' ')
    .replace(middleDots, '·')
    .replace(/^·+|·+$/gu, '');
}
