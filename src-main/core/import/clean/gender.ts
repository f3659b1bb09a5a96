import { halfWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

// 1 and 2 are the codes of GB/T 2261.1 (人的性别代码) that 信息系统 exports use; 0 (未知) and
// 9 (未说明) carry no sex and are refused like any other unreadable value.
const male = new Set(['男', '男性', '男士', 'm', 'male', '1']);
const female = new Set(['女', '女性', '女士', 'f', 'female', '2']);

/** 男/女 and their common spellings → 'M' | 'F'; the ID number, when present, overrides it later. */
export function cleanGender(cell: RawCell): Cleaned<'M' | 'F'> {
  if (cell === null) return fail('性别为空');
  const text = halfWidth(String(cell)).replace(/\s+/gu, '').toLowerCase();
  if (text === '') return fail('性别为空');
  if (male.has(text)) return ok('M');
  if (female.has(text)) return ok('F');
  return fail(`性别“${String(cell).trim()}”无法识别，请填写“男”或“女”`);
}
