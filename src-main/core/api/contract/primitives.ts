import { z } from 'zod';
import { isRealDate } from '../../domain/dates';

// Building blocks shared by every area of the contract. Free of Node imports (the renderer
// compiles against these types).

z.config(z.locales.zhCN());

export const date = z.string().refine(isRealDate, { message: '日期格式应为 YYYY-MM-DD，且为真实存在的日期' });
export const nullableDate = date.nullable();
export const id = z.number().int().positive();
export const optionalText = (max: number) =>
  z.string().trim().max(max, { message: `不能超过 ${max} 个字` }).transform((v) => (v === '' ? null : v)).nullable();
export const name = z.string().trim().min(1, { message: '不能为空' }).max(100, { message: '不能超过 100 个字' });
export const empty = z.object({}).strict().default({});

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** One row of a record's change history (who, when, which field, from → to). */
export const changeEntry = z.object({
  /** The change_log line's id; for the 导入自 line of a record an import created, minus the import's id. */
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  field: z.string().nullable(),
  fieldLabel: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
});
