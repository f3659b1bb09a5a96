import { describe, expect, it } from 'vitest';
import { inferOrgType, matchByName, type NameCandidate, type NameMatch, nameKey } from '../../src-main/core/import/clean';

const orgs: NameCandidate[] = [
  { id: 1, name: '城关镇红十字会' },
  { id: 2, name: '城关镇象山社区红十字会' },
  { id: 3, name: '城关镇中心小学红十字会' },
  { id: 4, name: '县人民医院红十字会' },
  { id: 5, name: '城南街道新华村红十字会' },
  { id: 6, name: '城北乡新华村红十字会' },
  { id: 7, name: '城关镇东门社区红十字会' },
  { id: 8, name: '城关镇实验幼儿园红十字会' },
];

function suggestions(result: NameMatch): Array<[number, string]> {
  if ('exact' in result) throw new Error(`expected suggestions, got exact ${result.exact}`);
  return result.suggestions.map((s) => [s.id, s.why]);
}

describe('matchByName', () => {
  it('matches exactly after dropping spaces, full-width forms and the 红十字会 suffix', () => {
    expect(matchByName('城关镇象山社区红十字会', orgs)).toEqual({ exact: 2 });
    expect(matchByName('城关镇象山社区', orgs)).toEqual({ exact: 2 });
    expect(matchByName(' 城关镇 象山社区\u3000红十字会 ', orgs)).toEqual({ exact: 2 });
    expect(matchByName('县人民医院', orgs)).toEqual({ exact: 4 });
    expect(matchByName('城关镇红会', orgs)).toEqual({ exact: 1 });
  });

  it('suggests the organisation when the row leaves out the township prefix', () => {
    expect(suggestions(matchByName('象山社区', orgs))).toEqual([[2, '表中名称省略了“城关镇”']]);
    expect(suggestions(matchByName('象山社区红十字会', orgs, { prefixes: ['城关镇'] }))[0]).toEqual([2, '表中名称省略了“城关镇”']);
  });

  it('offers every organisation of the same short name when two townships have one', () => {
    // The shorter full name is the likelier one, so 城北乡 comes first.
    expect(suggestions(matchByName('新华村', orgs))).toEqual([
      [6, '表中名称省略了“城北乡”'],
      [5, '表中名称省略了“城南街道”'],
    ]);
  });

  it('suggests when the row adds a prefix the ledger does not have', () => {
    const ledger: NameCandidate[] = [{ id: 10, name: '象山社区红十字会' }];
    expect(suggestions(matchByName('城关镇象山社区', ledger))).toEqual([[10, '表中名称多了“城关镇”']]);
  });

  it('suggests abbreviations: contained names and characters in order', () => {
    expect(suggestions(matchByName('东门', orgs))).toEqual([[7, '表中名称是台账名称的一部分（简称）']]);
    expect(suggestions(matchByName('城关中心小学', orgs))[0]).toEqual([3, '名称与台账相差 1 个字']);
    expect(suggestions(matchByName('县人医', orgs))).toEqual([[4, '可能是台账名称的简称']]);
    expect(suggestions(matchByName('县人民医院急诊科', orgs))[0]).toEqual([4, '台账名称是表中名称的一部分']);
  });

  it('suggests near spellings by edit distance', () => {
    expect(suggestions(matchByName('城关镇象三社区', orgs))[0]).toEqual([2, '名称与台账相差 1 个字']);
  });

  it('lists two organisations with the same normalized name as suggestions, not an exact match', () => {
    const twins: NameCandidate[] = [{ id: 1, name: '新华村' }, { id: 2, name: '新华村红十字会' }];
    expect(suggestions(matchByName('新华村', twins))).toEqual([
      [1, '台账中有 2 个同名组织，请选择'],
      [2, '台账中有 2 个同名组织，请选择'],
    ]);
  });

  it('returns no suggestions for an unrelated or empty name, and at most five', () => {
    expect(matchByName('杭州市第一人民医院', orgs)).toEqual({ suggestions: [] });
    expect(matchByName('  ', orgs)).toEqual({ suggestions: [] });
    const many: NameCandidate[] = Array.from({ length: 20 }, (_, i) => ({ id: i, name: `城关镇第${i}村` }));
    expect(suggestions(matchByName('城关镇', many)).length).toBe(5);
  });

  it('is fast for 2,000 candidates and a few hundred distinct names', () => {
    const towns = ['城关镇', '城南街道', '城北乡', '东溪镇', '西岭乡'];
    const candidates: NameCandidate[] = [];
    for (let i = 0; i < 2000; i++) candidates.push({ id: i, name: `${towns[i % 5]}第${i}村红十字会` });
    const names = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? `第${i * 3}村` : `${towns[i % 5]}第${i * 5}材`));
    const index = performance.now();
    matchByName('预热', candidates);
    const started = performance.now();
    expect(started - index).toBeLessThan(300);
    const results = names.map((n) => matchByName(n, candidates));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1500);
    expect(suggestions(results[2] as NameMatch)[0]).toEqual([6, '表中名称省略了“城南街道”']);
    expect(suggestions(matchByName('城关镇第5材', candidates))[0]).toEqual([5, '名称与台账相差 1 个字']);
  });
});

describe('nameKey', () => {
  it('compares by words only', () => {
    expect(nameKey('城关镇（东片）红十字会')).toBe(nameKey('城关镇东片'));
    expect(nameKey('红十字会')).toBe('红十字会');
  });
});

describe('inferOrgType', () => {
  it('reads the type from the ending, the 红十字会 suffix aside', () => {
    const cases: Array<[string, string]> = [
      ['城关镇象山村红十字会', '村'],
      ['象山村村民委员会', '村'],
      ['城关镇象山社区红十字会', '社区'],
      ['东门社区居委会', '社区'],
      ['城南街道红十字会', '街道'],
      ['城关镇红十字会', '乡镇'],
      ['城北乡红十字会', '乡镇'],
      ['城关镇中心小学红十字会', '中小学'],
      ['县第一中学', '中小学'],
      ['实验学校红十字会', '中小学'],
      ['城关镇实验幼儿园', '中小学'],
      ['浙江大学红十字会', '高校'],
      ['县职业技术学院', '高校'],
      ['县职业中专红十字会', '职业学校'],
      ['县职业技术学校', '职业学校'],
      ['县人民医院红十字会', '医疗卫生机构'],
      ['城关镇卫生院', '医疗卫生机构'],
      ['象山社区卫生服务中心', '医疗卫生机构'],
      ['浙江某某有限公司红十字会', '企业'],
      ['某某集团', '企业'],
      ['县农家乐联合红十字会', '行业联合'],
      ['县教育局红十字会', '机关'],
      ['县图书馆', '事业单位'],
      ['城关镇象山村红十字服务站', '村'],
      ['象山社区红十字会（筹）', '社区'],
    ];
    for (const [name, type] of cases) expect(inferOrgType(name), name).toBe(type);
  });

  it('returns null when the ending says nothing', () => {
    for (const name of ['象山红十字志愿者之家', '红十字会', '', '某某中心']) expect(inferOrgType(name), name).toBeNull();
  });
});
