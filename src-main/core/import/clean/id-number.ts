import { checkResidentId, maskIdNumber, normalizeIdNumber, type IdDocumentKind } from '../../domain/id-number';
import { halfWidth, zeroWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

export interface CleanId {
  /** Normalized, 18 characters. */
  idNumber: string;
  birthDate: string;
  gender: 'M' | 'F';
  idType: IdDocumentKind;
  /** The 15-digit number it was upgraded from, or null. */
  upgradedFrom: string | null;
}

export interface IdCleanOptions {
  /** The reader saw a number cell that it turned into text (e.g. a CSV written from such a cell). */
  fromNumber?: boolean;
}

/** How Excel's 常规 format shows a large number in a default-width column: 3.30106E+17. */
export function excelScientific(value: number): string {
  const [mantissa = '', exponent = ''] = value.toExponential(5).split('e');
  return `${mantissa.replace(/\.?0+$/u, '')}E${exponent.startsWith('-') ? exponent : `+${exponent.replace('+', '')}`}`;
}

function lostDigits(shown: string): Cleaned<CleanId> {
  return fail(`身份证号码在 Excel 中被存成了数字，末几位已丢失（显示为 ${shown}），无法恢复。请把该列设为“文本”后重新填写正确号码。`);
}

/** Most cells: 18 characters as issued, nothing to strip or fold. */
const bareIdNumber = /^\d{17}[\dX]$/u;

/** 15 significant digits fit in an Excel number; 16 and more do not, whatever is shown. */
const firstLostMagnitude = 1e15;

/**
 * An ID number as typed or imported → the normalized 18-character number with the birth date and
 * sex it encodes. An ID that went through an Excel number cell has lost its last digits and is
 * refused as unrecoverable: a number cell of ID size, text in scientific notation, or 18 digits
 * ending in 000 that fail the check. Error reasons show the number masked.
 */
export function cleanIdNumber(cell: RawCell, today: string, opts: IdCleanOptions = {}): Cleaned<CleanId> {
  if (cell === null) return fail('身份证号码为空');
  if (typeof cell === 'boolean' || cell instanceof Date) return fail('这一栏不是身份证号码，请检查是否错列');
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail('这一栏不是身份证号码，请检查是否错列');
    if (Math.abs(cell) >= firstLostMagnitude) return lostDigits(excelScientific(cell));
    // Up to 15 digits survive a number cell exactly: a legacy 15-digit number is still whole.
    text = String(cell);
  } else if (bareIdNumber.test(cell)) {
    text = cell;
  } else {
    // A leading apostrophe is how clerks force text in Excel; it shows up in CSV files.
    text = halfWidth(cell.replace(zeroWidth, '')).trim().replace(/^['‘’`]/u, '');
  }
  const compact = text.replace(/\s+/gu, '');
  if (compact === '') return fail('身份证号码为空');
  if (/^\d(\.\d+)?e\+?\d+$/iu.test(compact)) return lostDigits(compact.toUpperCase().replace(/E(\d)/u, 'E+$1'));

  const normalized = normalizeIdNumber(compact);
  const checked = checkResidentId(normalized, { today });
  if (!checked.ok) {
    const fromNumber = opts.fromNumber === true || typeof cell === 'number';
    if (/^\d{15}000$/u.test(normalized) && (checked.code === 'CHECK_CHAR' || fromNumber)) return lostDigits(excelScientific(Number(normalized)));
    if (fromNumber && normalized.length >= 16) return lostDigits(excelScientific(Number(normalized)));
    const hint = checked.code === 'LENGTH' || checked.code === 'CHARS' ? '请核对后重新填写' : '请核对身份证原件后更正';
    return fail(`身份证号码 ${maskIdNumber(normalized)} 有误：${checked.reason}，${hint}`);
  }
  if (opts.fromNumber === true && checked.idNumber.length === 18 && checked.upgradedFrom === null) {
    return lostDigits(excelScientific(Number(normalized)));
  }
  const warnings = checked.upgradedFrom !== null ? ['15 位旧身份证号码已自动升级为 18 位'] : [];
  return ok(
    { idNumber: checked.idNumber, birthDate: checked.birthDate, gender: checked.gender, idType: checked.documentKind, upgradedFrom: checked.upgradedFrom },
    warnings,
  );
}
