import { ooxmlEscape, type CellValue } from './cells';

// One sheet row as SpreadsheetML, written straight into exceljs' sheet stream. exceljs builds a
// Row, a Cell per value, a style merge and a model per cell, then renders each through its xform
// tree: for a 100,000-row roster that object churn cost more than reading and compressing. The
// cells written here are the three kinds an export has, in the form exceljs itself writes them:
// text as an inline string (<is><t>, literal text in every reader, never a formula), numbers, and
// dates as serial numbers under a date format.

/** Column letters A, B, … Z, AA, … for a 1-based column number. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// Characters XML 1.0 cannot carry at all (controls other than tab, LF and CR; lone surrogates)
// are dropped, as exceljs drops them; markup characters are escaped.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is matched
const needsWork = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const markup = /[&<>]/g;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function xmlText(value: string): string {
  if (!needsWork.test(value)) return value;
  return value.replace(notXml, '').replace(markup, (c) => entities[c]!);
}

const edgeSpace = /^\s|\n|\s$/;
const dayMs = 24 * 60 * 60 * 1000;

/** Excel's serial day number (1900 system) of a Date at UTC midnight. */
export function excelSerial(date: Date): number {
  return 25569 + date.getTime() / dayMs;
}

/**
 * `<row>` for 1-based `rowNumber`; `styleIds[i]` is the cellXfs index of column i. Null values
 * leave no cell; a row with no values at all is still written, as an empty row.
 */
export function rowXml(rowNumber: number, values: readonly CellValue[], letters: readonly string[], styleIds: readonly number[]): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) continue;
    const head = `<c r="${letters[i]}${rowNumber}" s="${styleIds[i]}"`;
    if (typeof value === 'string') {
      const text = xmlText(ooxmlEscape(value));
      xml += `${head} t="inlineStr"><is>${edgeSpace.test(text) ? '<t xml:space="preserve">' : '<t>'}${text}</t></is></c>`;
    } else if (typeof value === 'number') {
      if (Number.isFinite(value)) xml += `${head}><v>${value}</v></c>`;
    } else {
      xml += `${head}><v>${excelSerial(value)}</v></c>`;
    }
  }
  return `${xml}</row>`;
}
