import { checkUscc, normalizeUscc, type UsccCheck } from '../../domain/uscc';
import { cellText, halfWidth } from '../cell';
import type { RawCell } from '../read/types';
import { excelScientific } from './id-number';

function lostDigits(shown: string): UsccCheck {
  return {
    ok: false,
    code: 'LENGTH',
    reason: `统一社会信用代码在 Excel 中被存成了数字，末几位已丢失（显示为 ${shown}），无法恢复。请把该列设为“文本”后重新填写正确代码`,
  };
}

/**
 * A 统一社会信用代码 cell of an imported sheet. Excel keeps 15 significant digits of a number, so
 * an all-digit code (most 事业单位 and some companies) typed into a 常规 cell has lost its last
 * digits: a number cell of code size, text in scientific notation, or 18 digits ending in 000
 * that fail the check are refused as unrecoverable, as ID numbers are, rather than reported as a
 * wrong check character the clerk cannot find on the certificate.
 */
export function cleanUsccCell(cell: RawCell): UsccCheck {
  if (typeof cell === 'number') {
    if (Number.isFinite(cell) && Math.abs(cell) >= 1e15) return lostDigits(excelScientific(cell));
    return checkUscc(String(cell));
  }
  // A leading apostrophe is how clerks force text in Excel; it shows up in CSV files.
  const text = halfWidth(cellText(cell)).replace(/^['‘’`]/u, '');
  const compact = text.replace(/\s+/gu, '');
  if (/^\d(\.\d+)?e\+?\d+$/iu.test(compact)) return lostDigits(compact.toUpperCase().replace(/E(\d)/u, 'E+$1'));
  const checked = checkUscc(text);
  if (!checked.ok && checked.code === 'CHECK_CHAR' && /^\d{15}000$/u.test(normalizeUscc(text))) return lostDigits(excelScientific(Number(normalizeUscc(text))));
  return checked;
}
