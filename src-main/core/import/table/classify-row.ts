import { normalizeHeader } from '../../domain/sheet-fields';
import { cellText } from '../cell';
import type { RawRow } from '../read/types';
import type { TableGuess } from './find-table';

export type RowClass = 'data' | 'blank' | 'total' | 'footer' | 'header-repeat';

const totalWords = /^(本页|本表|全部|全镇|全乡|全村)?(合计|总计|小计|共计)/u;
/** A label and its colon, as footers write them ("填表人：张三", "单位（盖章）："). */
const footerLabel =
  /^(填表人|填报人|制表人|制表|审核人|审核|复核人|审批人|负责人|单位负责人|主要负责人|经办人|统计人|联系人|填表日期|制表日期|填报日期|统计日期|报送日期|日期|填表时间|填报时间|制表时间|统计时间|报送时间|时间|总人数|联系电话|电话|单位|填报单位|制表单位|报送单位|单位盖章|盖章|签字|签名|注|说明|备注)[:：]/u;
/** The same labels alone in a cell, with the value in the next one. */
const footerWord = /^(填表人|填报人|制表人|审核人|复核人|负责人|经办人|填表日期|制表日期|填报日期|单位盖章|盖章|签字|签名)$/u;
/** Lines closing a printed list: 以下空白, 共 12 人. */
const closingLine = /^(以下(空白|无内容|无数据|无正文)|共\d+[人名户个])$/u;
// Cheap first-character gates: classifyRow runs for every row of a 100,000-row sheet, and almost
// no data cell starts like a total or a footer label.
const totalStarts = new Set('合总小共本全');
const footerStarts = new Set('填制审复负单主经统联报日电盖签注说备（(以共总时');
const zeroWidthChar = /[\u200b-\u200d\u2060\ufeff]/u;

/** Text compared as words: full-width folded, all spaces gone ("合 计", "填表人 ："). */
function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

function isFooterCell(text: string): boolean {
  if (!footerStarts.has(text.charAt(0))) return false;
  const t = compact(text).replace(/[（(]盖章[）)]/u, '盖章');
  return footerLabel.test(t) || footerWord.test(t) || closingLine.test(t) || /^[（(]?盖章[）)]?$/u.test(t);
}

function isTotalCell(text: string): boolean {
  return totalStarts.has(text.charAt(0)) && totalWords.test(compact(text));
}

interface TableFacts {
  mapped: Set<number>;
  /** Column → its header and the parts of a two-row header, normalized. */
  words: Map<number, Set<string>>;
  /** The same as written, for the quick test. */
  raw: Set<string>;
}

const factsByTable = new WeakMap<TableGuess, TableFacts>();

function tableFacts(table: TableGuess): TableFacts {
  const cached = factsByTable.get(table);
  if (cached) return cached;
  const words = new Map<number, Set<string>>();
  const raw = new Set<string>();
  for (const column of table.columns) {
    if (column.header === '') continue;
    const parts = [column.header, ...column.header.split('/')];
    for (const p of parts) raw.add(p.trim());
    const set = new Set(parts.map(normalizeHeader));
    set.delete('');
    words.set(column.index, set);
  }
  const facts = { mapped: new Set(table.columns.filter((c) => c.field !== null).map((c) => c.index)), words, raw };
  factsByTable.set(table, facts);
  return facts;
}

/**
 * What a row below the header is, so the engine imports data rows only and says nothing about
 * blank lines, 合计 rows, the 填表人/审核人 lines under the table and headers repeated at page breaks.
 * A row with text only in columns that are not imported (a pre-numbered 序号) counts as blank.
 */
export function classifyRow(row: RawRow, table: TableGuess): RowClass {
  const facts = tableFacts(table);
  // Filled cells: their column, and their text when they are text (numbers and dates are never labels).
  const index: number[] = [];
  const text: string[] = [];
  let rawHeaderHits = 0;
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string') {
      let t = cell.trim();
      if (t !== '' && zeroWidthChar.test(t)) t = cellText(cell);
      if (t === '') continue;
      if (facts.raw.has(t)) rawHeaderHits++;
      index.push(i);
      text.push(t);
    } else {
      index.push(i);
      text.push('');
    }
  }
  if (index.length === 0) return 'blank';

  if (rawHeaderHits > 0 || index.length <= 4) {
    let repeats = 0;
    for (let k = 0; k < index.length; k++) {
      if (text[k] !== '' && facts.words.get(index[k] as number)?.has(normalizeHeader(text[k] as string)) === true) repeats++;
    }
    if (repeats >= 2 && repeats * 2 >= index.length) return 'header-repeat';
  }

  for (let k = 0; k < Math.min(3, text.length); k++) if (isTotalCell(text[k] as string)) return 'total';

  let footerCells = 0;
  for (const t of text) if (t !== '' && isFooterCell(t)) footerCells++;
  if (footerCells > 0 && (footerCells * 2 >= index.length || (isFooterCell(text[0] as string) && index.length <= 2))) return 'footer';

  return index.some((i) => facts.mapped.has(i)) ? 'data' : 'blank';
}
