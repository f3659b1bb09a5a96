import type { IdType } from '../../db/schema';
import { idTypeLabels } from '../../domain/labels';
import { halfWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

// 证件类型 as sheets write it. Only the 居民身份证 and the 港澳台居民居住证 carry the birth date and
// sex in their number; for the others the sheet must give them.

export type DocumentType = Exclude<IdType, 'none'>;

const spellings: Array<[RegExp, DocumentType]> = [
  [/居住证/u, 'hmt_residence_permit'],
  [/^(居民)?身份证(件)?$|^(第?二代)?(居民)?身份证$|^大陆身份证$|^idcard$/u, 'resident_id'],
  [/通行证|回乡证|台胞证/u, 'hm_travel_permit'],
  [/护照|^passport$/u, 'passport'],
  [/永久居留|永居证|^绿卡$/u, 'foreign_permanent_id'],
];

/** A 证件类型 cell → the document type; an empty cell is a 居民身份证, as on every roster without the column. */
export function cleanIdType(cell: RawCell): Cleaned<DocumentType> {
  if (cell === null) return ok('resident_id');
  const text = halfWidth(String(cell)).replace(/\s+/gu, '').toLowerCase();
  if (text === '') return ok('resident_id');
  for (const [pattern, type] of spellings) if (pattern.test(text)) return ok(type);
  return fail(`证件类型“${String(cell).trim()}”无法识别，请填写：${Object.values(idTypeLabels).join('、')}`);
}

/** Whether the number itself gives birth date and sex (GB 11643 form). */
export function numberCarriesBirth(type: DocumentType): boolean {
  return type === 'resident_id' || type === 'hmt_residence_permit';
}
