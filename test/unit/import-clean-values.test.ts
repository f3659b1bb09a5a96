import { describe, expect, it } from 'vitest';
import {
  type Cleaned,
  cleanGender,
  cleanPersonName,
  cleanPhone,
  implausibleCumulativeHours,
  parseHours,
  parseServiceFields,
  parseYesNo,
} from '../../src-main/core/import/clean';

function value<T>(result: Cleaned<T>): T {
  if ('error' in result) throw new Error(`expected a value, got: ${result.error}`);
  return result.value;
}

function error<T>(result: Cleaned<T>): string {
  if (!('error' in result)) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

/** The service_field names seeded by migration 0020. */
const seeded = ['应急救援', '应急救护', '人道救助', '无偿献血', '造血干细胞捐献', '人体器官（遗体、组织）捐献', '社区服务', '养老服务', '红十字文化传播'];

describe('cleanPersonName', () => {
  it('drops padding spaces of every width and unifies the middle dots of minority names', () => {
    expect(cleanPersonName('王\u3000芳')).toEqual({ value: '王芳', warnings: [] });
    expect(value(cleanPersonName(' 王  芳 '))).toBe('王芳');
    expect(value(cleanPersonName('欧阳\t娜娜\n'))).toBe('欧阳娜娜');
    expect(value(cleanPersonName('阿依古丽•买买提'))).toBe('阿依古丽·买买提');
    expect(value(cleanPersonName('阿依古丽.买买提'))).toBe('阿依古丽·买买提');
    expect(value(cleanPersonName('阿依古丽・买买提'))).toBe('阿依古丽·买买提');
    expect(value(cleanPersonName('阿依古丽 · 买买提'))).toBe('阿依古丽·买买提');
    expect(value(cleanPersonName('\u200b李明'))).toBe('李明');
    // A name the decoder could not read (a file mixing encodings) is refused, never stored as ��.
    expect(cleanPersonName('王\ufffd\ufffd')).toEqual({ error: expect.stringContaining('无法识别的字符') });
  });

  it('refuses empty cells, digits and overlong text', () => {
    expect(error(cleanPersonName(null))).toContain('姓名为空');
    expect(error(cleanPersonName(' \u3000 '))).toContain('姓名为空');
    expect(error(cleanPersonName(12))).toContain('数字');
    expect(error(cleanPersonName('张三1'))).toContain('含有数字');
    expect(error(cleanPersonName('张三１'))).toContain('含有数字');
    expect(error(cleanPersonName('张'.repeat(51)))).toContain('超过 50 个字');
    expect(value(cleanPersonName('张'.repeat(50)))).toHaveLength(50);
    expect(error(cleanPersonName(true))).toContain('不是文字');
  });

  it('keeps a name with a bracket but warns that it may be a note', () => {
    const result = cleanPersonName('张三（小）');
    expect(value(result)).toBe('张三（小）');
    expect('warnings' in result && result.warnings[0]).toContain('括号');
  });
});

describe('cleanPhone', () => {
  it('cleans spaces, dashes, +86/0086 and full-width digits', () => {
    for (const text of ['138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '+86-13812345678', '008613812345678', '１３８１２３４５６７８', '\u200b13812345678', '手机：13812345678', '13812345678（本人）', '(+86)138 1234 5678', '（+86）13812345678']) {
      expect(cleanPhone(text), text).toEqual({ value: '13812345678', warnings: [] });
    }
  });

  it('accepts mobile numbers in number cells, and landlines with their area code', () => {
    expect(value(cleanPhone(13812345678))).toBe('13812345678');
    expect(value(cleanPhone(8613812345678))).toBe('13812345678');
    expect(value(cleanPhone('0571-88886666'))).toBe('0571-88886666');
    expect(value(cleanPhone('057188886666'))).toBe('0571-88886666');
    expect(value(cleanPhone('(0571)88886666'))).toBe('0571-88886666');
    expect(value(cleanPhone('（0571）8888 6666'))).toBe('0571-88886666');
    expect(value(cleanPhone('01088886666'))).toBe('010-88886666');
    // Written in groups of four: still one local number, not 8888 with extension 6666.
    expect(value(cleanPhone('0571-8888-6666'))).toBe('0571-88886666');
    expect(value(cleanPhone('0571-8888-6666-12'))).toBe('0571-88886666-12');
    expect(value(cleanPhone('02188886666'))).toBe('021-88886666');
    expect(value(cleanPhone('0755 8888 6666'))).toBe('0755-88886666');
    expect(value(cleanPhone('0571-8888666'))).toBe('0571-8888666');
  });

  it('puts back the 0 of an area code a number cell dropped, and says so', () => {
    expect(cleanPhone(57188886666)).toEqual({ value: '0571-88886666', warnings: ['座机号码开头的 0 在 Excel 中丢失（单元格是数字），已补回为 0571-****6666，请确认'] });
    expect(value(cleanPhone(1088886666))).toBe('010-88886666');
    expect(error(cleanPhone(1381234567))).toContain('位数不对（10 位）');
  });

  it('keeps the first of several numbers in one cell and warns without repeating them in full', () => {
    for (const text of ['13812345678、13987654321', '13812345678/0571-88886666', '13812345678，13987654321', '13812345678 13987654321', '13812345678\n13987654321', '13812345678或13987654321']) {
      const result = cleanPhone(text);
      expect(value(result), text).toBe('13812345678');
      expect('warnings' in result && result.warnings).toEqual(['一个单元格里填了 2 个号码，只导入了第一个有效号码 138****5678，其余请另行记录']);
    }
    expect(value(cleanPhone('无、13987654321'))).toBe('13987654321');
  });

  it('refuses numbers of the wrong length, landlines without area code and non-numbers', () => {
    expect(error(cleanPhone('1381234567'))).toContain('位数不对（10 位）');
    expect(error(cleanPhone(138123456789))).toContain('位数不对（12 位）');
    expect(error(cleanPhone('88886666'))).toContain('缺少区号');
    expect(error(cleanPhone('无'))).toContain('不是电话号码');
    expect(error(cleanPhone(null))).toBe('电话号码为空');
    expect(error(cleanPhone(138.5))).toContain('不是电话号码');
    expect(error(cleanPhone('1381234567'))).not.toContain('1381234567');
  });
});

describe('cleanGender', () => {
  it('reads 男/女, 男性/女性, M/F, Male/Female and the GB/T 2261.1 codes 1/2', () => {
    for (const cell of ['男', ' 男 ', '男性', 'M', 'm', 'Male', 1, '1', 'Ｍ']) expect(value(cleanGender(cell)), String(cell)).toBe('M');
    for (const cell of ['女', '女性', 'F', 'f', 'female', 2, '2']) expect(value(cleanGender(cell)), String(cell)).toBe('F');
  });

  it('refuses anything else, including the codes for unknown (0) and unstated (9)', () => {
    for (const cell of ['未知', 0, 9, '男女', 'x']) expect(error(cleanGender(cell)), String(cell)).toContain('请填写“男”或“女”');
    expect(error(cleanGender(null))).toBe('性别为空');
    expect(error(cleanGender(''))).toBe('性别为空');
  });
});

describe('parseYesNo', () => {
  it('reads the marks townships use', () => {
    for (const cell of ['是', '有', '√', 'Y', 'y', 'yes', 1, '1', true, '已建立', ' 是 ']) expect(value(parseYesNo(cell)), String(cell)).toBe(true);
    for (const cell of ['否', '无', '×', 'N', 'no', 0, '0', false, '未建立', '没有']) expect(value(parseYesNo(cell)), String(cell)).toBe(false);
  });

  it('refuses a plain x, empty cells and anything else', () => {
    expect(error(parseYesNo('x'))).toContain('含义不明确');
    expect(error(parseYesNo(null))).toContain('请填写“是”或“否”');
    expect(error(parseYesNo('待定'))).toContain('“待定”无法识别');
    expect(error(parseYesNo(new Date(0)))).toContain('日期');
  });
});

describe('parseServiceFields', () => {
  it('splits lists written with any separator', () => {
    const expected = ['应急救护', '无偿献血', '养老服务'];
    for (const text of ['应急救护、无偿献血、养老服务', '应急救护,无偿献血，养老服务', '应急救护;无偿献血；养老服务', '应急救护/无偿献血／养老服务', '应急救护 无偿献血\u3000养老服务', '应急救护\n无偿献血\r\n养老服务', '应急救护和无偿献血及养老服务', '应急救护+无偿献血+养老服务']) {
      expect(parseServiceFields(text, seeded), text).toEqual({ fields: expected, unknown: [] });
    }
  });

  it('maps the common synonyms to the seeded names', () => {
    const cases: Array<[string, string[]]> = [
      ['急救', ['应急救护']],
      ['三献、急救', ['无偿献血', '造血干细胞捐献', '人体器官（遗体、组织）捐献', '应急救护']],
      ['救护', ['应急救护']],
      ['应急救护培训', ['应急救护']],
      ['献血', ['无偿献血']],
      ['献血宣传', ['无偿献血']],
      ['造血干细胞', ['造血干细胞捐献']],
      ['骨髓', ['造血干细胞捐献']],
      ['遗体捐献', ['人体器官（遗体、组织）捐献']],
      ['遗体和器官捐献', ['人体器官（遗体、组织）捐献']],
      ['器官', ['人体器官（遗体、组织）捐献']],
      ['救灾', ['应急救援']],
      ['防灾减灾', ['应急救援']],
      ['扶贫济困', ['人道救助']],
      ['敬老', ['养老服务']],
      ['红十字宣传', ['红十字文化传播']],
      ['社区', ['社区服务']],
      ['急救、献血、骨髓', ['应急救护', '无偿献血', '造血干细胞捐献']],
      ['急救和献血', ['应急救护', '无偿献血']],
    ];
    for (const [text, fields] of cases) expect(parseServiceFields(text, seeded), text).toEqual({ fields, unknown: [] });
  });

  it('keeps a seeded name with separators inside its brackets whole, written with either bracket', () => {
    expect(parseServiceFields('人体器官（遗体、组织）捐献、无偿献血', seeded).fields).toEqual(['人体器官（遗体、组织）捐献', '无偿献血']);
    expect(parseServiceFields('人体器官(遗体、组织)捐献', seeded).fields).toEqual(['人体器官（遗体、组织）捐献']);
  });

  it('reads an item with extra words as the one field it names, and lists each field once', () => {
    expect(parseServiceFields('红十字应急救护知识普及、急救、救护', seeded)).toEqual({ fields: ['应急救护'], unknown: [] });
    expect(parseServiceFields('无偿献血等', seeded)).toEqual({ fields: ['无偿献血'], unknown: [] });
  });

  it('returns unknown items apart for a warning', () => {
    expect(parseServiceFields('急救、心理咨询、其他', seeded)).toEqual({ fields: ['应急救护'], unknown: ['心理咨询', '其他'] });
    expect(parseServiceFields('', seeded)).toEqual({ fields: [], unknown: [] });
    expect(parseServiceFields(' 、 ，', seeded)).toEqual({ fields: [], unknown: [] });
  });

  it('maps only to names the ledger has, and knows names a county added', () => {
    const county = ['应急救护', '环境保护'];
    expect(parseServiceFields('急救、献血、环境保护', county)).toEqual({ fields: ['应急救护', '环境保护'], unknown: ['献血'] });
  });
});

describe('parseHours', () => {
  it('reads hours with and without units into whole minutes', () => {
    const cases: Array<[Parameters<typeof parseHours>[0], number]> = [
      [3, 180],
      [2.5, 150],
      ['3', 180],
      ['3小时', 180],
      ['3个小时', 180],
      ['3.5h', 210],
      ['3.5H', 210],
      ['2.5 小时', 150],
      ['3时30分', 210],
      ['3小时30分钟', 210],
      ['90分钟', 90],
      ['45分', 45],
      ['半小时', 30],
      ['1个半小时', 90],
      ['３小时', 180],
      ['0.25', 15],
      ['3小时半', 210],
      ['两小时', 120],
      ['十二小时', 720],
      ['二十四小时', 1440],
      ['两个半小时', 150],
      ['2:30', 150],
      ['2：30', 150],
    ];
    for (const [cell, minutes] of cases) expect(parseHours(cell), String(cell)).toEqual({ value: minutes, warnings: [] });
  });

  it('reads a time cell (Excel keeps 2:30 as a fraction of a day, shown as a time) as that long, and says so', () => {
    expect(parseHours(new Date(Date.UTC(1899, 11, 30, 2, 30)))).toEqual({ value: 150, warnings: ['时间格式的“2:30”按 2 小时 30 分记录'] });
    expect(error(parseHours(new Date(Date.UTC(2025, 4, 8))))).toContain('这一栏却是日期');
  });

  it('refuses hours given in days, never converting them', () => {
    for (const cell of ['2天', '1.5日', '半天', '3 天', '2d', '1天3小时', '一天', '两天']) {
      expect(error(parseHours(cell)), cell).toContain('时长以天为单位填写，不会自动换算成小时，请改为小时数');
    }
  });

  it('refuses zero, negative, ranges and unreadable values', () => {
    expect(error(parseHours(0))).toContain('应大于 0');
    expect(error(parseHours('0小时'))).toContain('应大于 0');
    expect(error(parseHours(-2))).toContain('应大于 0');
    expect(error(parseHours('-2'))).toContain('不能为负数');
    expect(error(parseHours('2-3小时'))).toContain('范围');
    expect(error(parseHours('若干'))).toContain('无法识别');
    expect(error(parseHours(null))).toBe('服务时长为空');
    expect(error(parseHours(new Date(0)))).toContain('小时数');
  });
});

describe('implausibleCumulativeHours', () => {
  it('is true above 24 hours for every day from registration to the sheet date, both counted', () => {
    expect(implausibleCumulativeHours(48 * 60, '2025-06-29', '2025-06-30')).toBe(false);
    expect(implausibleCumulativeHours(48 * 60 + 1, '2025-06-29', '2025-06-30')).toBe(true);
    expect(implausibleCumulativeHours(24 * 60, '2025-06-30', '2025-06-30')).toBe(false);
    expect(implausibleCumulativeHours(1000 * 60, '2020-01-01', '2025-06-30')).toBe(false);
    expect(implausibleCumulativeHours(30 * 24 * 60, '2025-06-01', '2025-06-30')).toBe(false);
    expect(implausibleCumulativeHours(31 * 24 * 60, '2025-06-01', '2025-06-30')).toBe(true);
  });

  it('is true for any hours when the sheet predates the registration', () => {
    expect(implausibleCumulativeHours(60, '2025-07-01', '2025-06-30')).toBe(true);
    expect(implausibleCumulativeHours(0, '2025-07-01', '2025-06-30')).toBe(false);
  });
});
