import { halfWidth } from '../cell';
import type { RawCell } from '../read/types';
import { type Cleaned, fail, ok } from './result';

const yes = new Set(['是', '有', '√', '✓', '✔', '☑', 'y', 'yes', '1', 'true', '对', '已', '已建', '已建立', '已登记', '已注册', '已成立']);
const no = new Set(['否', '无', '没有', '×', '✗', '✘', '☒', 'n', 'no', '0', 'false', '不是', '未', '未建', '未建立', '未登记', '未注册', '未成立']);

/**
 * 是/否 as townships mark it (是/否, 有/无, √/×, Y/N, 1/0, 已/未…) → boolean. A plain letter x is
 * refused: some mark "yes" with it, others "no".
 */
export function parseYesNo(cell: RawCell): Cleaned<boolean> {
  if (cell === null) return fail('为空，请填写“是”或“否”');
  if (typeof cell === 'boolean') return ok(cell);
  if (cell instanceof Date) return fail('应填写“是”或“否”，这里是日期');
  const text = halfWidth(String(cell)).replace(/\s+/gu, '').toLowerCase();
  if (yes.has(text)) return ok(true);
  if (no.has(text)) return ok(false);
  if (text === 'x') return fail('“x”含义不明确（有人用它表示“是”，有人表示“否”），请改为“是”或“否”');
  return fail(`“${String(cell).trim()}”无法识别，请填写“是”或“否”`);
}
