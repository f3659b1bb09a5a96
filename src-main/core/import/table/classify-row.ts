import { normalizeHeader } from '../../domain/sheet-fields';
import { cellText } from '../cell';
import type { RawRow } from '../read/types';
import type { TableGuess } from './find-table';

export type RowClass = 'data' | 'blank' | 'total' | 'footer' | 'header-repeat';

const totalWords = /^(本页|本表|全部|全镇|全乡|全村)?(合计|总计|小计|共计)/u;
/** A label and its colon, as footers write them ("填表人：张三", "单位（盖章）："). */
const footerLabel =
  /^(填表人|填报人|制表人|审核人|审核|复核人|审批人|负责人|单位负责人|主要负责人|经办人|统计人|联系人|填表日期|制表日期|填报日期|统计日期|报送日期|日期|联系电话|电话|单位|填报单位|制表单位|报送单位|单位盖章|盖章|签字|签名|注|说明|备注)[:：]/u;
/** The same labels alone in a cell, with the value in the next one. */
const footerWord = /^(填表人|填报人|制表人|审核人|复核人|负责人|经办人|填表日期|制表日期|填报日期|单位盖章|盖章|签字|签名)$/u;

/** Text compared as words: full-width folded, all spaces gone ("合 计", "填表人 ："). */
function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

function isFooterCell(text: string): boolean {
  const t = compact(text).replace(/[（(]盖章[）)]/u, '盖章');
  return footerLabel.test(t) || footerWord.test(t) || /^[（(]?盖章[）)]?$/u.test(t);
}

function headerWordsByColumn(table: TableGuess): Map<number, Set<string>> {
  const words = new Map<number, Set<string>>();
  for (const column of table.columns) {
    if (column.header === '') continue;
    const set = new Set([normalizeHeader(column.header), ...column.header.split('/').map(normalizeHeader)]);
    set.delete('');
    words.set(column.index, set);
  }
  return words;
}

/**
 * What a row below the header is, so the engine imports data rows only and says nothing about
 * blank lines, 合计 rows, the 填表人/审核人 lines under the table and headers repeated at page breaks.
 * A row with text only in columns that are not imported (a pre-numbered 序号) counts as blank.
 */
export function classifyRow(row: RawRow, table: TableGuess): RowClass {
  const filled: Array<{ index: number; text: string }> = [];
  row.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text !== '') filled.push({ index, text });
  });
  if (filled.length === 0) return 'blank';

  const headerWords = headerWordsByColumn(table);
  const repeats = filled.filter(({ index, text }) => headerWords.get(index)?.has(normalizeHeader(text)) === true).length;
  if (repeats >= 2 && repeats * 2 >= filled.length) return 'header-repeat';

  if (filled.slice(0, 3).some(({ text }) => totalWords.test(compact(text)))) return 'total';

  const footerCells = filled.filter(({ text }) => isFooterCell(text)).length;
  const firstIsFooter = filled[0] !== undefined && isFooterCell(filled[0].text);
  if (footerCells > 0 && (footerCells * 2 >= filled.length || (firstIsFooter && filled.length <= 2))) return 'footer';

  const mapped = new Set(table.columns.filter((c) => c.field !== null).map((c) => c.index));
  return filled.some(({ index }) => mapped.has(index)) ? 'data' : 'blank';
}
