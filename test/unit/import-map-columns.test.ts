import { describe, expect, it } from 'vitest';
import { applyMapping, headerSignature, mapColumns } from '../../src-main/core/import/table';

function keys(headers: string[], kind: Parameters<typeof mapColumns>[1] = 'members'): Array<string | null> {
  return mapColumns(headers, kind).map((c) => c.field);
}

describe('mapColumns', () => {
  it('maps labels and aliases ignoring spaces (also full-width), punctuation and 必填 notes', () => {
    expect(keys(['姓 名', '性\u3000别', '身份证号码：', '手机号码(必填)', '会员姓名（必填）'])).toEqual(['name', 'gender', 'idNumber', 'phone', null]);
    expect(keys(['名字', '公民身份号码', '出生年月', '联系电话', '入会日期'])).toEqual(['name', 'idNumber', 'birthDate', 'phone', 'joinedOn']);
    expect(keys(['会员姓名（必填）', '证件号码', '手机', '入会时间（年月）'])).toEqual(['name', 'idNumber', 'phone', 'joinedOn']);
  });

  it('falls back to a header that contains an alias', () => {
    expect(keys(['姓名', '身份证号码（18位）', '手机号码（本人）', '入会时间(如2020.3)'])).toEqual(['name', 'idNumber', 'phone', 'joinedOn']);
  });

  it('never guesses 工作单位 (the employer) or an address for the organisation or phone', () => {
    expect(keys(['姓名', '工作单位', '所属基层组织', '家庭电话', '单位地址'])).toEqual(['name', null, 'organization', null, null]);
    expect(keys(['姓名', '工作单位'])).toEqual(['name', null]);
    expect(keys(['姓名', '所属村（社区）'])).toEqual(['name', 'organization']);
    expect(keys(['姓名', '联系电话（手机）'])).toEqual(['name', 'phone']);
  });

  it('leaves a header about someone else unmapped rather than guessing', () => {
    expect(keys(['姓名', '监护人身份证号码', '入会时间'])).toEqual(['name', null, 'joinedOn']);
    expect(keys(['姓名', '家长联系电话'])).toEqual(['name', 'guardianPhone']);
  });

  it('of two columns naming one field, gives it to the plainer name: the label, then the aliases in order', () => {
    // 负责人 is the organisation's leader; 联系人 only an alias of it, here someone else.
    expect(keys(['联系人', '联系电话', '负责人'], 'orgs')).toEqual([null, 'leaderPhone', 'leaderName']);
    // The mobile over the landline, whichever comes first.
    expect(keys(['姓名', '座机', '手机'])).toEqual(['name', null, 'phone']);
    expect(keys(['姓名', '联系方式/座机', '联系方式/手机'])).toEqual(['name', null, 'phone']);
  });

  it('reads whose a column is from its group header: 监护人信息/姓名 is the guardian, 学生信息/姓名 the child', () => {
    expect(keys(['学生信息/姓名', '学生信息/身份证号码', '监护人信息/姓名', '监护人信息/联系电话'], 'youth-members')).toEqual(['name', 'idNumber', 'guardianName', 'guardianPhone']);
    expect(keys(['姓名', '家长信息/姓名', '家长信息/手机'], 'youth-members')).toEqual(['name', 'guardianName', 'guardianPhone']);
  });

  it('never maps two columns to one field: the first wins, the second is reported unmapped', () => {
    const columns = mapColumns(['姓名', '手机', '联系电话', '姓名'], 'members');
    expect(columns.map((c) => c.field)).toEqual(['name', 'phone', null, null]);
    expect(columns[2]).toEqual({ index: 2, header: '联系电话', field: null });
    // An exact match keeps its claim over an earlier column that only contains the word.
    expect(keys(['手机号码（本人）', '手机'])).toEqual([null, 'phone']);
  });

  it('matches the sub-header of a two-row header, never a guess from the group title', () => {
    expect(keys(['基本信息/姓名', '联系方式/手机', '联系方式/微信', '男/女'])).toEqual(['name', 'phone', null, 'gender']);
    expect(keys(['基本信息/姓名', '联系方式/微信'])).toEqual(['name', null]);
  });

  it('leaves blanks and columns the kind does not import unmapped', () => {
    expect(keys(['序号', '', '民族', '政治面貌', '姓名'])).toEqual([null, null, null, null, 'name']);
  });

  it('maps by the kind: the same header means different fields in different sheets', () => {
    expect(keys(['服务时间'], 'hours')).toEqual(['heldOn']);
    expect(keys(['服务时间'], 'volunteers')).toEqual(['totalHours']);
    expect(keys(['单位名称', '单位'], 'group-members')).toEqual(['unitName', null]);
    expect(keys(['负责人', '联系电话'], 'orgs')).toEqual(['leaderName', 'leaderPhone']);
  });
});

describe('applyMapping', () => {
  const columns = mapColumns(['姓名', '电话', '座机', '备注'], 'members');

  it('applies the clerk’s choice and takes the field away from the column that had it', () => {
    const fixed = applyMapping(columns, { 2: 'phone' });
    expect(fixed.map((c) => c.field)).toEqual(['name', null, 'phone', 'notes']);
    expect(columns.map((c) => c.field)).toEqual(['name', 'phone', null, 'notes']);
  });

  it('leaves a column out when the clerk says null, and ignores overrides of absent columns', () => {
    expect(applyMapping(columns, { 3: null }).map((c) => c.field)).toEqual(['name', 'phone', null, null]);
    expect(applyMapping(columns, { 9: 'phone' }).map((c) => c.field)).toEqual(['name', 'phone', null, 'notes']);
  });
});

describe('headerSignature', () => {
  it('is the same for the same layout written with other spacing or trailing empty columns', () => {
    const base = headerSignature(['序号', '姓名', '身份证号码', '入会时间']);
    expect(headerSignature(['序号', '姓 名', '身份证号码：', '入会时间', '', ''])).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs when the columns differ or move', () => {
    const base = headerSignature(['序号', '姓名', '身份证号码', '入会时间']);
    expect(headerSignature(['姓名', '序号', '身份证号码', '入会时间'])).not.toBe(base);
    expect(headerSignature(['序号', '姓名', '身份证号码'])).not.toBe(base);
    expect(headerSignature(['序号', '', '姓名', '身份证号码', '入会时间'])).not.toBe(base);
  });
});
