import { personNameProblem } from '../../domain/identity';
import { normalizePersonName } from '../../domain/text';
import { zeroWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';


/**
 * A person's name from a roster cell: padding spaces of any width go (王\u3000芳 → 王芳), the
 * look-alike dots of transcribed minority names become ·. Digits mean the cell holds something
 * else (a number, an ID) and are refused rather than stored as a name.
 */
export function cleanPersonName(cell: RawCell): Cleaned<string> {
  if (cell === null) return fail('姓名为空，请填写姓名');
  if (typeof cell === 'number') return fail('姓名一栏填的是数字，请检查是否错列后填写姓名');
  if (typeof cell !== 'string') return fail('姓名一栏不是文字，请填写姓名');
  const name = normalizePersonName(cell.replace(zeroWidth, ''));
  if (name === '') return fail('姓名为空，请填写姓名');
  if (name.includes('\ufffd')) return fail(`姓名“${name}”中有无法识别的字符（�），文件的文字编码可能不对或混用了几种编码；请在导入时改选文字编码，或在 Excel/WPS 中打开核对后另存为 .xlsx 再导入`);
  const problem = personNameProblem(name);
  if (problem) return fail(`姓名${problem}`);
  const warnings: string[] = [];
  if (/[()（）[\]【】<>《》]/u.test(name)) warnings.push(`姓名“${name}”中含有括号，已原样保留，请确认括号内不是备注`);
  return ok(name, warnings);
}
