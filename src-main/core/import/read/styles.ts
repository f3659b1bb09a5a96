// Which cell styles (the `s` index of a cell) show numbers as dates, from xl/styles.xml: a cellXfs
// entry's numFmtId names a custom format in <numFmts> or one of Excel's built-in ones.
import { isDateFormat } from './cells';
import { tags } from './xml-text';

/** Built-in number formats that show dates or times: 14–22, and the locale-specific 27–36 and
 *  50–58 that Chinese Excel and WPS save CJK dates with (yyyy"年"m"月"d"日" …), and 45–47.
 *  Derived from exceljs's table of built-in formats (a test holds them equal), listed here so the
 *  reader's worker loads nothing of exceljs. */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const CELL_XFS = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/;

export function isBuiltinDateFormat(numFmtId: number): boolean {
  return BUILTIN_DATE_IDS.has(numFmtId);
}

/** dateStyles[s] is true when style s formats numbers as dates. */
export function parseDateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of tags(stylesXml, 'numFmt')) custom.set(Number(f.numFmtId), f.formatCode ?? '');
  const xfs = CELL_XFS.exec(stylesXml)?.[1] ?? '';
  return tags(xfs, 'xf').map((xf) => {
    const id = Number(xf.numFmtId ?? 0);
    if (!id) return false;
    const code = custom.get(id);
    return code ? isDateFormat(code) : isBuiltinDateFormat(id);
  });
}
