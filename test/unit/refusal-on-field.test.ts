import { describe, expect, it } from 'vitest';
import { markingRefusal, showRefusalOnField } from '../../src-renderer/src/features/volunteers/refusalOnField';

/** Records what the helper puts on the form; the helper only ever calls setFields. */
function recordingForm() {
  const calls: unknown[] = [];
  const form = { setFields: (fields: unknown) => void calls.push(fields) };
  return { form, calls };
}

const labels = { 联系电话: 'phone', 名称: 'name' };

describe('backend refusals shown on the field they name', () => {
  it('puts the message under the field named in 「」', () => {
    const { form, calls } = recordingForm();
    showRefusalOnField(form, new Error('「联系电话」应为 11 位手机号或带区号的固定电话。'), labels);
    expect(calls).toEqual([[{ name: 'phone', errors: ['「联系电话」应为 11 位手机号或带区号的固定电话。'] }]]);
  });

  it('drops the 输入有误 prefix of schema refusals', () => {
    const { form, calls } = recordingForm();
    showRefusalOnField(form, new Error('输入有误：「名称」不能为空。'), labels);
    expect(calls).toEqual([[{ name: 'name', errors: ['「名称」不能为空。'] }]]);
  });

  it('leaves the form alone for a label it does not know or a message without one', () => {
    const { form, calls } = recordingForm();
    showRefusalOnField(form, new Error('「解散日期」不能晚于今天。'), labels);
    showRefusalOnField(form, new Error('数据文件正被另一个程序使用，操作未保存，请稍后重试。'), labels);
    expect(calls).toEqual([]);
  });

  it('marks the field and still rethrows, so the message is shown too', async () => {
    const { form, calls } = recordingForm();
    const refusal = new Error('「名称」该组织下已有名为“救护队”的服务队。');
    await expect(markingRefusal(form, labels, () => Promise.reject(refusal))).rejects.toBe(refusal);
    expect(calls).toHaveLength(1);
    await expect(markingRefusal(form, labels, () => Promise.resolve(7))).resolves.toBe(7);
    expect(calls).toHaveLength(1);
  });
});
