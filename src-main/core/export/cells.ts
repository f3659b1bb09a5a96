// How one value becomes a cell. Text always stays text: an ID number is never a number, and a
// value that looks like a formula (=, +, -, @, tab, CR first) is never evaluated.

export type CellValue = string | number | Date | null;

const formulaLead = /^[=+\-@\t\r]/;
const guardedLead = /^'[=+\-@\t\r]/;

/** 'YYYY-MM-DD' → a Date at UTC midnight, which exceljs writes as that day's serial number. */
export function dateCell(day: string | null): Date | null {
  if (!day) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

export function dayText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// eslint-disable-next-line no-control-regex -- the controls XML cannot hold (and DEL, which XML allows but drops in some readers), and CR, which it turns into LF
const escaped = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/**
 * Text for an inline string: `_xHHHH_` would be decoded by readers, so its underscore is escaped;
 * a CR (which XML parsers turn into LF) and the control characters XML cannot hold are written as
 * _xHHHH_, as Excel writes them, so a note comes back exactly as it was.
 */
export function ooxmlEscape(value: string): string {
  if (!value.includes('_x') && !escaped.test(value)) return value;
  return value
    .replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')
    .replace(new RegExp(escaped.source, 'g'), (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * A string for an inline-string cell written through exceljs (headers, templates). exceljs writes
 * a plain string without shared strings as t="str" (a formula's cached result); a one-run rich
 * text is written as t="inlineStr", which every reader takes as literal text.
 */
export function xlsxText(value: string): { richText: Array<{ text: string }> } {
  return { richText: [{ text: ooxmlEscape(value) }] };
}

/** A CSV field: a formula-looking value gets a leading apostrophe; quoted when needed. */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  let text = value instanceof Date ? dayText(value) : typeof value === 'number' ? String(value) : value;
  // A value that itself starts like a guarded one ('=x) is guarded too, so the importer's dropping
  // of one apostrophe gives it back unchanged.
  if (typeof value === 'string' && (formulaLead.test(text) || guardedLead.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
