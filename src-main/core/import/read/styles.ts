// Which cell styles (the `s` index of a cell) show numbers as dates, from xl/styles.xml: a cellXfs
// entry's numFmtId names a custom format in <numFmts> or one of Excel's built-in ones.
import { createRequire } from 'node:module';
import { isDateFormat } from './cells';
import { tags } from './xml-text';

// exceljs's table of built-in formats (data only, required by path). Ids 27-36 and 50-58 are
// locale-specific; Chinese Excel and WPS save CJK dates with them, so the zh-cn code stands in.
type Builtin = Record<number, { f?: string; 'zh-cn'?: string } | undefined>;
const builtin = createRequire(import.meta.url)('exceljs/lib/xlsx/defaultnumformats.js') as Builtin;

const CELL_XFS = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/;

/** dateStyles[s] is true when style s formats numbers as dates. */
export function parseDateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of tags(stylesXml, 'numFmt')) custom.set(Number(f.numFmtId), f.formatCode ?? '');
  const xfs = CELL_XFS.exec(stylesXml)?.[1] ?? '';
  return tags(xfs, 'xf').map((xf) => {
    const id = Number(xf.numFmtId ?? 0);
    if (!id) return false;
    const def = builtin[id];
    return isDateFormat(custom.get(id) ?? def?.f ?? def?.['zh-cn']);
  });
}
