import { describe, expect, it } from 'vitest';
import { personNameOrFail } from '../../src-main/core/domain/identity';
import { cleanPersonName } from '../../src-main/core/import/clean/person-name';

// The forms, the command line and the import take the same names: a name one stores, the others
// take back when its export is imported again.

const formTakes = (raw: string) => {
  try {
    return personNameOrFail(raw);
  } catch (error) {
    return (error as Error).message;
  }
};
const importTakes = (raw: string) => {
  const cleaned = cleanPersonName(raw);
  return 'error' in cleaned ? cleaned.error : cleaned.value;
};

describe('a person’s name', () => {
  it('is refused alike by the forms and the import when it holds digits, is empty or far too long', () => {
    expect(formTakes("=cmd|' /C calc'!A0")).toBe("「姓名」“=cmd|'/C calc'!A0”中含有数字，请检查是否填错了内容。");
    expect(importTakes("=cmd|' /C calc'!A0")).toBe("姓名“=cmd|'/C calc'!A0”中含有数字，请检查是否填错了内容");
    expect(formTakes('张３')).toMatch(/^「姓名」“张３”中含有数字/);
    expect(formTakes(' \u3000 ')).toBe('「姓名」不能为空。');
    expect(formTakes('王'.repeat(51))).toBe('「姓名」超过 50 个字，请检查是否把其他内容填进了姓名。');
    expect(importTakes('王'.repeat(51))).toBe('姓名超过 50 个字，请检查是否把其他内容填进了姓名');
  });

  it('is kept alike, normalised, when it is a name', () => {
    for (const raw of ['王　芳', '阿依古丽•买买提', 'John  Smith', '=王五', '𠮷田']) expect(formTakes(raw)).toBe(importTakes(raw));
    expect(formTakes('阿依古丽•买买提')).toBe('阿依古丽·买买提');
  });
});
