import { describe, expect, it } from 'vitest';
import type { CellRange, RawCell, RawRow } from '../../src-main/core/import/read/types';
import { classifyRow, fillMergedDown, findTable, sheetDate, type TableGuess } from '../../src-main/core/import/table';

function r(row: number, ...cells: RawCell[]): RawRow {
  return { row, cells };
}

function fields(guess: TableGuess | null): Array<string | null> {
  if (guess === null) throw new Error('expected a table');
  return guess.columns.map((c) => c.field);
}

/** A township roster as clerks make it: title, year, blank line, a 填报单位/日期 line, then the header. */
const oneRowSheet: RawRow[] = [
  r(1, '城关镇红十字会会员花名册'),
  r(2, '（2025年度）'),
  r(3),
  r(4, '填报单位：城关镇红十字会', null, null, null, null, '填表日期：2025年6月30日'),
  r(5, '序号', '姓 名', '性别', '身份证号码', '联系电话', '所属基层组织', '入会时间', '备注'),
  r(6, 1, '王　芳', '女', '330106199001021227', '13812345678', '象山社区', '2020.3', null),
  r(7, 2, '李 明', '男', '330106199001021235', '13912345678', '象山社区', '2021年5月1日', null),
];

describe('findTable', () => {
  it('skips title, year, blank and 填报单位 lines and finds a one-row header', () => {
    const guess = findTable(oneRowSheet, 'members');
    expect(guess).toMatchObject({ headerRows: [5], dataStartsAt: 6, score: 7, missingRequired: [] });
    expect(fields(guess)).toEqual([null, 'name', 'gender', 'idNumber', 'phone', 'organization', 'joinedOn', 'notes']);
    expect(guess?.columns[1]?.header).toBe('姓 名');
  });

  it('reads a two-row header without merges: group titles over sub-headers, vertical headers empty below', () => {
    const rows = [
      r(1, '城关镇注册志愿者名册'),
      r(2, '序号', '基本信息', null, null, '联系方式', null, '所属基层组织', '注册时间'),
      r(3, null, '姓名', '性别', '身份证号码', '手机', '座机', null, null),
      r(4, 1, '王芳', '女', '330106199001021227', '13812345678', '0571-88886666', '象山社区', '2021-05-04'),
    ];
    const guess = findTable(rows, 'volunteers');
    expect(guess?.headerRows).toEqual([2, 3]);
    expect(guess?.dataStartsAt).toBe(4);
    expect(guess?.columns.map((c) => c.header)).toEqual(['序号', '基本信息/姓名', '基本信息/性别', '基本信息/身份证号码', '联系方式/手机', '联系方式/座机', '所属基层组织', '注册时间']);
    // 座机 means a phone too, but the field is taken by 手机: first wins, the clerk sees it unmapped.
    expect(fields(guess)).toEqual([null, 'name', 'gender', 'idNumber', 'phone', null, 'organization', 'registeredOn']);
    expect(guess?.score).toBe(6);
  });

  it('uses the merges when the reader has them, and only where a merge says a group spans', () => {
    const rows = [
      r(1, '序号', '基本信息', null, null, '联系方式', null, '入会时间'),
      r(2, null, '姓名', '性别', '身份证号码', '手机', '座机', null),
      r(3, 1, '王芳', '女', '330106199001021227', '13812345678', null, '2020-01-01'),
    ];
    // 基本信息 is merged over 姓名 and 性别 only; 身份证号码 stands on its own in the lower row.
    const merges: CellRange[] = [
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 1, right: 2 },
      { top: 1, left: 4, bottom: 1, right: 5 },
      { top: 1, left: 6, bottom: 2, right: 6 },
    ];
    const withMerges = findTable(rows, 'members', merges);
    expect(withMerges?.columns.map((c) => c.header)).toEqual(['序号', '基本信息/姓名', '基本信息/性别', '身份证号码', '联系方式/手机', '联系方式/座机', '入会时间']);
    const peek = findTable(rows, 'members');
    expect(peek?.columns[3]?.header).toBe('基本信息/身份证号码');
    expect(fields(withMerges)).toEqual(fields(peek));
    expect(fields(peek)).toEqual([null, 'name', 'gender', 'idNumber', 'phone', null, 'joinedOn']);
  });

  it('takes a merged group over sub-headers as a two-row header even where one row maps as many fields', () => {
    // Read as one row, 联系方式 maps to 手机号码 just as 联系方式/手机 does: only the merge says
    // which of the two columns under it is the mobile.
    const rows = [
      r(1, '姓名', '身份证号码', '联系方式', null, '入会时间'),
      r(2, null, null, '座机', '手机', null),
      r(3, '马超', '330106199001021227', '0571-88888888', '13800001234', '2020-01-01'),
    ];
    const merges: CellRange[] = [
      { top: 1, left: 2, bottom: 1, right: 3 },
      { top: 1, left: 0, bottom: 2, right: 0 },
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 1, left: 4, bottom: 2, right: 4 },
    ];
    const guess = findTable(rows, 'members', merges);
    expect(guess).toMatchObject({ headerRows: [1, 2], dataStartsAt: 3 });
    expect(fields(guess)).toEqual(['name', 'idNumber', null, 'phone', 'joinedOn']);
    expect(guess?.columns[3]?.header).toBe('联系方式/手机');
  });

  it('prefers a one-row header when the row above (a title, a date line) adds nothing', () => {
    const rows = [
      r(1, '填报单位：城关镇', null, '2025.6.30'),
      r(2, '姓名', '性别', '入会时间'),
      r(3, '张三', '男', '2020-01-01'),
    ];
    expect(findTable(rows, 'members')).toMatchObject({ headerRows: [2], dataStartsAt: 3 });
  });

  it('never takes the first data row for a sub-header', () => {
    const rows = [r(1, '姓名', '性别', '所属基层组织', '入会时间'), r(2, '张三', '男', '城关镇中心学校', '2020-01-01'), r(3, '李四', '女', '象山社区', '2020-01-01')];
    expect(findTable(rows, 'members')?.headerRows).toEqual([1]);
  });

  it('starts the data after a line of filling hints under the header', () => {
    const rows = [
      r(1, '姓名', '性别', '身份证号码', '入会时间'),
      r(2, '（必填）', '男/女', '18位，请设为文本', '格式：2020-01-01'),
      r(3, '张三', '男', '330106199001021235', '2020-01-01'),
    ];
    expect(findTable(rows, 'members')).toMatchObject({ headerRows: [1], dataStartsAt: 3 });
    expect(findTable([rows[0] as RawRow, rows[2] as RawRow], 'members')?.dataStartsAt).toBe(2);
  });

  it('reports the required fields no column maps to', () => {
    const rows = [r(1, '姓名', '性别', '身份证号码'), r(2, '张三', '男', null)];
    expect(findTable(rows, 'members')?.missingRequired).toEqual(['joinedOn']);
    const hours = [r(1, '姓名', '服务日期', '服务时长（小时）'), r(2, '张三', '2025-05-08', 2)];
    expect(findTable(hours, 'hours')?.missingRequired).toEqual(['title']);
  });

  it('returns null for a sheet with no header of the kind: notes, one column, no name column', () => {
    expect(findTable([r(1, '填写说明'), r(2, '1. 姓名必填'), r(3, '2. 身份证号码请设为文本')], 'members')).toBeNull();
    expect(findTable([r(1, '姓名'), r(2, '张三')], 'members')).toBeNull();
    expect(findTable([r(1, '性别', '身份证号码', '入会时间'), r(2, '男', '330106199001021235', '2020-01-01')], 'members')).toBeNull();
    expect(findTable([], 'members')).toBeNull();
  });

  it('scores sheets so the roster outranks a summary sheet of the same workbook', () => {
    const summary = [r(1, '组织名称', '会员数'), r(2, '象山社区', 35)];
    expect(findTable(summary, 'members')).toBeNull();
    expect(findTable(oneRowSheet, 'members')?.score).toBeGreaterThan(2);
  });

  it('looks only at the first 60 rows for the header', () => {
    const late = [...Array.from({ length: 60 }, (_, i) => r(i + 1, `说明第 ${i + 1} 行`)), r(61, '姓名', '性别', '入会时间')];
    expect(findTable(late, 'members')).toBeNull();
    expect(findTable(late.slice(1), 'members')?.headerRows).toEqual([61]);
  });

  it('finds the header of the other kinds by their own columns', () => {
    const orgs = [r(1, '基层组织名册'), r(2, '组织名称', '组织类型', '上级组织', '成立日期', '负责人', '联系电话'), r(3, '象山社区红十字会', '社区', '城关镇红十字会', '2015-06-01', '王芳', '13812345678')];
    expect(fields(findTable(orgs, 'orgs'))).toEqual(['name', 'type', 'parent', 'foundedOn', 'leaderName', 'leaderPhone']);
    const teams = [r(1, '服务队名称', '服务领域', '所属基层组织', '队长', '成立时间', '是否登记注册', '是否建立党支部')];
    expect(fields(findTable(teams, 'teams'))).toEqual(['name', 'field', 'organization', 'leaderName', 'foundedOn', 'isRegisteredOrg', 'hasPartyBranch']);
    const groups = [r(1, '单位名称', '统一社会信用代码', '联系人', '联系电话', '入会日期')];
    expect(fields(findTable(groups, 'group-members'))).toEqual(['unitName', 'uscc', 'contactName', 'contactPhone', 'joinedOn']);
    const hours = [r(1, '序号', '志愿者姓名', '身份证号', '活动日期', '活动内容', '时长', '地点')];
    expect(fields(findTable(hours, 'hours'))).toEqual([null, 'name', 'idNumber', 'heldOn', 'title', 'hours', 'place']);
  });

  it('joins header text broken over lines in one cell', () => {
    const rows = [r(1, '姓名', '身份证\n号码', '入会\r\n时间'), r(2, '张三', '330106199001021235', '2020-01-01')];
    const guess = findTable(rows, 'members');
    expect(guess?.columns.map((c) => c.header)).toEqual(['姓名', '身份证号码', '入会时间']);
    expect(fields(guess)).toEqual(['name', 'idNumber', 'joinedOn']);
  });
});

describe('classifyRow', () => {
  const table = findTable(oneRowSheet, 'members') as TableGuess;

  it('tells data from blank rows, including rows with only a pre-filled 序号', () => {
    expect(classifyRow(oneRowSheet[5] as RawRow, table)).toBe('data');
    expect(classifyRow(r(8), table)).toBe('blank');
    expect(classifyRow(r(8, null, '  ', '\u3000', null), table)).toBe('blank');
    expect(classifyRow(r(8, 17, null, null, null, null, null, null, null), table)).toBe('blank');
  });

  it('finds 合计/总计/小计 rows however they are spaced', () => {
    expect(classifyRow(r(20, '合计', null, null, null, null, null, null, '35人'), table)).toBe('total');
    expect(classifyRow(r(20, '合 计', 35), table)).toBe('total');
    expect(classifyRow(r(20, null, '小计：12人'), table)).toBe('total');
    expect(classifyRow(r(20, '总计'), table)).toBe('total');
    expect(classifyRow(r(20, '本页合计'), table)).toBe('total');
  });

  it('finds footer lines: 填表人, 审核人, 日期, 联系电话, 单位（盖章）', () => {
    expect(classifyRow(r(30, '填表人：张三'), table)).toBe('footer');
    expect(classifyRow(r(30, '填表人：张三', null, null, '审核人：李四', null, '填表日期：2025.6.30'), table)).toBe('footer');
    expect(classifyRow(r(30, '填表人', '张三', '审核人', '李四'), table)).toBe('footer');
    expect(classifyRow(r(30, '单位（盖章）：'), table)).toBe('footer');
    expect(classifyRow(r(30, null, '联系电话：0571-88886666'), table)).toBe('footer');
    expect(classifyRow(r(30, '注：1.此表由各村（社区）填写'), table)).toBe('footer');
  });

  it('finds the lines that close a printed list: 以下空白, 共 N 人, 总人数, 填报时间, 制表', () => {
    for (const line of ['以下空白', '以下无内容', '共 1 人', '共12名', '总人数：1', '填报时间：2025.6.30', '制表：王五']) expect(classifyRow(r(30, line), table), line).toBe('footer');
    expect(classifyRow(r(30, '制表：王五', null, '审核：赵六'), table)).toBe('footer');
  });

  it('keeps a data row whose 备注 happens to start like a footer label', () => {
    expect(classifyRow(r(9, 3, '赵六', '男', null, '13812345678', '象山社区', '2020-01-01', '备注：已迁出'), table)).toBe('data');
  });

  it('finds the header repeated at a printed page break, one- and two-row', () => {
    expect(classifyRow(r(40, '序号', '姓名', '性别', '身份证号码', '联系电话', '所属基层组织', '入会时间', '备注'), table)).toBe('header-repeat');
    const twoRow = findTable(
      [r(1, '序号', '基本信息', null, '联系方式', '入会时间'), r(2, null, '姓名', '性别', '手机', null), r(3, 1, '王芳', '女', '13812345678', '2020-01-01')],
      'members',
    ) as TableGuess;
    expect(classifyRow(r(40, '序号', '基本信息', null, '联系方式', '入会时间'), twoRow)).toBe('header-repeat');
    expect(classifyRow(r(41, null, '姓名', '性别', '手机'), twoRow)).toBe('header-repeat');
    expect(classifyRow(r(42, 2, '李明', '男', '13912345678', '2021-01-01'), twoRow)).toBe('data');
  });
});

describe('sheetDate', () => {
  it('reads a labelled date in a title or footer line', () => {
    expect(sheetDate(oneRowSheet)).toBe('2025-06-30');
    expect(sheetDate([r(30, '填表人：张三', null, '填表日期：2025年6月30日')])).toBe('2025-06-30');
    expect(sheetDate([r(30, '制表日期: ２０２５.７.１')])).toBe('2025-07-01');
    expect(sheetDate([r(1, '截至2024年12月31日')])).toBe('2024-12-31');
    expect(sheetDate([r(30, '填报日期：', new Date(Date.UTC(2025, 5, 30)))])).toBe('2025-06-30');
    expect(sheetDate([r(30, '日期', '2025/6/30')])).toBe('2025-06-30');
  });

  it('accepts a bare date only on a short line, never a birth date in a data row', () => {
    expect(sheetDate([r(1, '会员花名册'), r(2, '（2025.6.30）')])).toBe('2025-06-30');
    expect(sheetDate([r(3, '姓名', '出生日期', '性别'), r(4, '张三', '1990.1.2', '男')])).toBeNull();
  });

  it('returns null for a year without a day, or no date at all', () => {
    expect(sheetDate([r(1, '城关镇红十字会会员花名册'), r(2, '（2025年度）')])).toBeNull();
    expect(sheetDate([r(1, '填表日期：'), r(2, '填表日期：2025年13月1日')])).toBeNull();
  });
});

describe('fillMergedDown', () => {
  const rows = [
    r(5, '姓名', '所属基层组织'),
    r(6, '王芳', '象山社区'),
    r(7, '李明', null),
    r(8, '赵六'),
    r(9, '孙七', '城南社区'),
  ];

  it('gives every covered row the value of the merged cell and leaves the input alone', () => {
    const filled = fillMergedDown(rows, [{ top: 6, left: 1, bottom: 8, right: 1 }], [{ index: 0 }, { index: 1 }]);
    expect(filled.map((x) => x.cells[1])).toEqual(['所属基层组织', '象山社区', '象山社区', '象山社区', '城南社区']);
    expect(rows[1]?.cells).toEqual(['王芳', '象山社区']);
    expect(rows[2]?.cells).toEqual(['李明', null]);
    expect(rows[3]?.cells).toEqual(['赵六']);
  });

  it('ignores horizontal merges, merges outside the table and rows the reader did not give', () => {
    const filled = fillMergedDown(
      rows,
      [
        { top: 6, left: 0, bottom: 6, right: 1 },
        { top: 6, left: 3, bottom: 9, right: 3 },
        { top: 9, left: 1, bottom: 12, right: 1 },
      ],
      [{ index: 0 }, { index: 1 }],
    );
    expect(filled.map((x) => x.cells)).toEqual(rows.map((x) => x.cells));
  });

  it('leaves a spare line under a merged cell blank, also when only its 序号 is filled', () => {
    const sheet = [r(5, '序号', '姓名', '所属基层组织'), r(6, 1, '王芳', '象山社区'), r(7, 2, null, null), r(8, null, null, null), r(9, 4, '李明', null)];
    const columns = [
      { index: 0, field: null },
      { index: 1, field: 'name' },
      { index: 2, field: 'organization' },
    ];
    const filled = fillMergedDown(sheet, [{ top: 6, left: 2, bottom: 9, right: 2 }], columns);
    expect(filled.map((x) => x.cells[2] ?? null)).toEqual(['所属基层组织', '象山社区', null, null, '象山社区']);
  });

  it('fills a cell merged across columns and rows from its top-left cell', () => {
    const filled = fillMergedDown(rows, [{ top: 6, left: 1, bottom: 7, right: 2 }], [{ index: 0 }, { index: 1 }]);
    expect(filled[2]?.cells).toEqual(['李明', '象山社区']);
  });
});
