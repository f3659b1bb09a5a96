import { describe, expect, it } from 'vitest';
import {
  type Cleaned,
  cleanGender,
  cleanIdNumber,
  cleanPersonName,
  cleanPhone,
  matchByName,
  parseDateCell,
  reconcileWithId,
} from '../../src-main/core/import/clean';
import { isBlankCell } from '../../src-main/core/import/cell';
import type { CellRange, RawCell, RawRow } from '../../src-main/core/import/read/types';
import { classifyRow, fillMergedDown, findTable, sheetDate, type TableGuess } from '../../src-main/core/import/table';

// A township roster with the defects of issue 5 section 4 in one sheet, read the way the engine
// will: find the header, spread merged cells, skip non-data rows, clean each cell.

const today = '2025-06-30';

function r(row: number, ...cells: RawCell[]): RawRow {
  return { row, cells };
}

const rows: RawRow[] = [
  r(1, '城关镇红十字会会员花名册'),
  r(2, '（2025年度）'),
  r(3, '序号', '基本信息', null, null, null, '联系方式', null, '所属基层组织', '入会时间', '备注'),
  r(4, null, '姓名', '性别', '身份证号码', '出生日期', '手机', '座机', null, null, null),
  r(5, 1, '王\u3000芳', '女', '330106199001021227', '1990.1.2', '138 1234 5678', null, '象山社区', '2020.3', null),
  r(6, 2, '李 明', '女', '330106900102123', '19900103', '+86 139-1234-5678', '0571-88886666', null, '2021年5月1日', null),
  r(7, 3, '阿依古丽•买买提', '女', Number('330106199001021227'), 32875, 13812345679, null, null, 43891, null),
  r(8),
  r(9, 4, '赵六', '男', '330106199001021234', '1990/01/02', '1381234567', null, '城南社区', '2020-13-01', null),
  r(10, 5),
  r(11, '序号', '基本信息', null, null, null, '联系方式', null, '所属基层组织', '入会时间', '备注'),
  r(12, null, '姓名', '性别', '身份证号码', '出生日期', '手机', '座机', null, null, null),
  r(13, 6, '孙七', '男', '11010519491231002x', '1949年12月31日', '１３９８７６５４３２１', null, '东门', '2019.12', null),
  r(14, '合 计', null, null, null, null, null, null, null, '6人'),
  r(15, '填表人：张三', null, null, '审核人：李四', null, null, '填表日期：2025年6月30日'),
];

const merges: CellRange[] = [
  { top: 3, left: 0, bottom: 4, right: 0 },
  { top: 3, left: 1, bottom: 3, right: 4 },
  { top: 3, left: 5, bottom: 3, right: 6 },
  { top: 3, left: 7, bottom: 4, right: 7 },
  { top: 3, left: 8, bottom: 4, right: 8 },
  { top: 3, left: 9, bottom: 4, right: 9 },
  // 象山社区 written once beside its three members.
  { top: 5, left: 7, bottom: 7, right: 7 },
];

const orgs = [
  { id: 11, name: '城关镇象山社区红十字会' },
  { id: 12, name: '城关镇城南社区红十字会' },
  { id: 13, name: '城关镇东门社区红十字会' },
];

interface Outcome {
  row: number;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  warnings: string[];
}

function cleanRow(row: RawRow, table: TableGuess): Outcome {
  const out: Outcome = { row: row.row, values: {}, errors: {}, warnings: [] };
  const take = <T>(field: string, result: Cleaned<T>): T | undefined => {
    if ('error' in result) {
      out.errors[field] = result.error;
      return undefined;
    }
    out.warnings.push(...result.warnings);
    return result.value;
  };
  const cell = (field: string): RawCell => {
    const column = table.columns.find((c) => c.field === field);
    return column === undefined ? null : (row.cells[column.index] ?? null);
  };
  const name = take('name', cleanPersonName(cell('name')));
  const id = isBlankCell(cell('idNumber')) ? undefined : take('idNumber', cleanIdNumber(cell('idNumber'), today));
  const gender = isBlankCell(cell('gender')) ? undefined : take('gender', cleanGender(cell('gender')));
  const birthDate = isBlankCell(cell('birthDate')) ? undefined : take('birthDate', parseDateCell(cell('birthDate')));
  const phone = isBlankCell(cell('phone')) ? undefined : take('phone', cleanPhone(cell('phone')));
  const joinedOn = take('joinedOn', parseDateCell(cell('joinedOn'), { allowYearMonth: true }));
  const orgMatch = matchByName(String(cell('organization') ?? ''), orgs, { prefixes: ['城关镇'] });
  const person = id === undefined ? { gender, birthDate } : reconcileWithId(id, { gender, birthDate });
  if ('warnings' in person) out.warnings.push(...person.warnings);
  out.values = { name, idNumber: id?.idNumber, gender: person.gender, birthDate: person.birthDate, phone, joinedOn, org: orgMatch };
  return out;
}

describe('a messy township roster, end to end through the pure parts', () => {
  const table = findTable(rows, 'members', merges) as TableGuess;
  const filled = fillMergedDown(rows, merges, table.columns);
  const body = filled.filter((row) => row.row >= table.dataStartsAt);

  it('finds the two-row header under the title', () => {
    expect(table.headerRows).toEqual([3, 4]);
    expect(table.columns.map((c) => c.field)).toEqual([null, 'name', 'gender', 'idNumber', 'birthDate', 'phone', null, 'organization', 'joinedOn', 'notes']);
    expect(table.missingRequired).toEqual([]);
    expect(sheetDate(rows)).toBe('2025-06-30');
  });

  it('classifies every row below the header', () => {
    expect(body.map((row) => [row.row, classifyRow(row, table)])).toEqual([
      [5, 'data'],
      [6, 'data'],
      [7, 'data'],
      [8, 'blank'],
      [9, 'data'],
      [10, 'blank'],
      [11, 'header-repeat'],
      [12, 'header-repeat'],
      [13, 'data'],
      [14, 'total'],
      [15, 'footer'],
    ]);
  });

  it('cleans each data row to row-exact values, errors and warnings', () => {
    const outcomes = body.filter((row) => classifyRow(row, table) === 'data').map((row) => cleanRow(row, table));
    expect(outcomes).toEqual([
      {
        row: 5,
        values: { name: '王芳', idNumber: '330106199001021227', gender: 'F', birthDate: '1990-01-02', phone: '13812345678', joinedOn: '2020-03-01', org: { suggestions: [{ id: 11, name: '城关镇象山社区红十字会', why: '表中名称省略了“城关镇”', close: true }] } },
        errors: {},
        warnings: ['“2020.3”只填了年月，按 2020 年 3 月 1 日记录'],
      },
      {
        row: 6,
        values: { name: '李明', idNumber: '330106199001021235', gender: 'M', birthDate: '1990-01-02', phone: '13912345678', joinedOn: '2021-05-01', org: { suggestions: [{ id: 11, name: '城关镇象山社区红十字会', why: '表中名称省略了“城关镇”', close: true }] } },
        errors: {},
        warnings: [
          '15 位旧身份证号码已自动升级为 18 位',
          '性别填的是“女”，但身份证号码显示为男，已按身份证号码记为男',
          '出生日期填的是 1990-01-03，但身份证号码显示为 1990-01-02，已按身份证号码记录',
        ],
      },
      {
        row: 7,
        values: { name: '阿依古丽·买买提', idNumber: undefined, gender: 'F', birthDate: '1990-01-02', phone: '13812345679', joinedOn: '2020-03-01', org: { suggestions: [{ id: 11, name: '城关镇象山社区红十字会', why: '表中名称省略了“城关镇”', close: true }] } },
        errors: { idNumber: '身份证号码在 Excel 中被存成了数字，末几位已丢失（显示为 3.30106E+17），无法恢复。请把该列设为“文本”后重新填写正确号码。' },
        warnings: [],
      },
      {
        row: 9,
        values: { name: '赵六', idNumber: undefined, gender: 'M', birthDate: '1990-01-02', phone: undefined, joinedOn: undefined, org: { suggestions: [{ id: 12, name: '城关镇城南社区红十字会', why: '表中名称省略了“城关镇”', close: true }] } },
        errors: {
          idNumber: '身份证号码 330106********1234 有误：校验码应为 5，实际为 4，请核对身份证原件后更正',
          phone: '电话号码位数不对（10 位），手机号应为 11 位、以 1 开头，座机号应带区号，请核对',
          joinedOn: '日期“2020-13-01”的月份 13 不存在，请核对',
        },
        warnings: [],
      },
      {
        row: 13,
        values: { name: '孙七', idNumber: '11010519491231002X', gender: 'F', birthDate: '1949-12-31', phone: '13987654321', joinedOn: '2019-12-01', org: { suggestions: [{ id: 13, name: '城关镇东门社区红十字会', why: '表中名称是台账名称的一部分（简称）', close: true }] } },
        errors: {},
        warnings: ['“2019.12”只填了年月，按 2019 年 12 月 1 日记录', '性别填的是“男”，但身份证号码显示为女，已按身份证号码记为女'],
      },
    ]);
  });
});
