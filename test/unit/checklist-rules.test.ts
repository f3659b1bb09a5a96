import { describe, expect, it } from 'vitest';
import { describeRule, factsNeeded, judge, MAX_RULE_DEPTH, parseRule, ruleSchema, type OrgFacts, type Rule } from '../../src-main/core/checklist/rules';
import { parseTemplateFile, templateFileText } from '../../src-main/core/checklist/template-file';

const base: OrgFacts = {
  leaderName: null,
  serviceSite: null,
  termEndsOn: null,
  bojiaStatus: 'none',
  redCrossNamed: false,
  members: 0,
  adultMembers: 0,
  youthMembers: 0,
  volunteers: 0,
  teams: 0,
  activitiesInYear: 0,
  minutesInYear: 0,
};
const asOf = '2025-12-31';
const met = (rule: Rule, facts: Partial<OrgFacts>) => judge(rule, { ...base, ...facts }, asOf);

describe('rule vocabulary', () => {
  it('hasLeader / hasServiceSite / redCrossNamed read the recorded values', () => {
    expect(met({ kind: 'hasLeader' }, {})).toEqual({ met: false, reason: '未登记会长/带头人' });
    expect(met({ kind: 'hasLeader' }, { leaderName: '李华' })).toEqual({ met: true, reason: '已登记带头人“李华”' });
    expect(met({ kind: 'hasServiceSite' }, {}).met).toBe(false);
    expect(met({ kind: 'hasServiceSite' }, { serviceSite: '服务站' }).met).toBe(true);
    expect(met({ kind: 'redCrossNamed' }, { redCrossNamed: true }).met).toBe(true);
    expect(met({ kind: 'redCrossNamed' }, {}).met).toBe(false);
  });

  it('termNotExpired: the end date on or after the check date', () => {
    expect(met({ kind: 'termNotExpired' }, {})).toEqual({ met: false, reason: '未登记本届届满日期' });
    expect(met({ kind: 'termNotExpired' }, { termEndsOn: '2025-12-31' }).met).toBe(true);
    expect(met({ kind: 'termNotExpired' }, { termEndsOn: '2025-12-30' })).toEqual({ met: false, reason: '本届任期已于 2025-12-30 届满，尚未换届' });
  });

  it('count thresholds say the figure and the requirement', () => {
    expect(met({ kind: 'minMembers', n: 10 }, { members: 3 })).toEqual({ met: false, reason: '会员 3 人，少于要求的 10 人' });
    expect(met({ kind: 'minMembers', n: 10 }, { members: 10 }).met).toBe(true);
    expect(met({ kind: 'minMembers', n: 2, memberKind: 'youth' }, { members: 10, youthMembers: 1 })).toEqual({ met: false, reason: '青少年会员 1 人，少于要求的 2 人' });
    expect(met({ kind: 'minMembers', n: 9, memberKind: 'adult' }, { members: 10, adultMembers: 9 }).met).toBe(true);
    expect(met({ kind: 'minVolunteers', n: 5 }, { volunteers: 4 }).reason).toBe('注册志愿者 4 人，少于要求的 5 人');
    expect(met({ kind: 'minTeams', n: 1 }, { teams: 1 }).reason).toBe('志愿服务队 1 支，达到要求的 1 支');
    expect(met({ kind: 'minActivitiesInYear', n: 2 }, { activitiesInYear: 1 }).reason).toBe('2025 年开展活动 1 次，少于要求的 2 次');
    expect(met({ kind: 'minServiceHoursInYear', n: 3 }, { minutesInYear: 179 })).toEqual({ met: false, reason: '2025 年服务时长 2.9 小时，少于要求的 3 小时' });
    expect(met({ kind: 'minServiceHoursInYear', n: 3 }, { minutesInYear: 180 }).met).toBe(true);
  });

  it('bojiaStatusAtLeast orders none < building < built < demonstration', () => {
    expect(met({ kind: 'bojiaStatusAtLeast', level: 'built' }, { bojiaStatus: 'building' })).toEqual({ met: false, reason: '博爱家园状态为“在建”，未达到“已建成”' });
    expect(met({ kind: 'bojiaStatusAtLeast', level: 'built' }, { bojiaStatus: 'demonstration' }).met).toBe(true);
    expect(met({ kind: 'bojiaStatusAtLeast', level: 'building' }, {}).met).toBe(false);
  });

  it('all / any combine', () => {
    const both: Rule = { kind: 'all', rules: [{ kind: 'hasLeader' }, { kind: 'minTeams', n: 1 }] };
    expect(met(both, { leaderName: '李华' }).met).toBe(false);
    expect(met(both, { leaderName: '李华', teams: 2 }).met).toBe(true);
    expect(met({ kind: 'any', rules: both.rules }, { teams: 1 }).met).toBe(true);
    expect(describeRule(both)).toBe('登记了会长/带头人，且志愿服务队不少于 1 支');
    expect([...factsNeeded({ kind: 'any', rules: [{ kind: 'minMembers', n: 1, memberKind: 'youth' }, both] })].sort()).toEqual(['membersByKind', 'teams']);
  });

  it('rejects unknown rules and bad parameters, naming the item and the rule', () => {
    expect(parseRule({ kind: 'eval', code: 'process.exit()' }, '第 2 项“有制度”')).toEqual({ ok: false, message: expect.stringMatching(/^第 2 项“有制度”的规则“eval”不在规则表中/) });
    expect(parseRule({ kind: 'all', rules: [{ kind: 'hasLeader' }, { kind: 'nope' }] }, '第 1 项“甲”')).toMatchObject({ ok: false, message: expect.stringContaining('“nope”不在规则表中') });
    const bad = parseRule({ kind: 'minMembers', n: 0 }, '第 3 项“会员”');
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/^第 3 项“会员”的规则“minMembers”参数有误（n）/) });
    expect(parseRule({ kind: 'minMembers', n: 5, extra: 1 }, '第 3 项“会员”').ok).toBe(false);
    expect(parseRule({ kind: 'bojiaStatusAtLeast', level: 'gold' }, '第 1 项“博爱”').ok).toBe(false);
    expect(parseRule({ kind: 'minTeams', n: 2 }, 'x')).toEqual({ ok: true, rule: { kind: 'minTeams', n: 2 } });
  });

  it('refuses nesting deeper than the limit without recursing into it, through the file parser and the API schema alike', () => {
    const nested = (depth: number): unknown => (depth === 1 ? { kind: 'hasLeader' } : { kind: 'all', rules: [nested(depth - 1)] });
    expect(parseRule(nested(MAX_RULE_DEPTH), 'x').ok).toBe(true);
    expect(parseRule(nested(MAX_RULE_DEPTH + 1), '第 4 项“队伍”')).toEqual({ ok: false, message: expect.stringMatching(/^第 4 项“队伍”的规则嵌套超过 5 层/) });
    // Built without recursion, far deeper than a recursive parser's stack would survive.
    let hostile: unknown = { kind: 'hasLeader' };
    for (let i = 0; i < 200_000; i++) hostile = { kind: 'any', rules: [hostile] };
    expect(parseRule(hostile, 'x').ok).toBe(false);
    const viaApi = ruleSchema.safeParse(hostile);
    expect(viaApi.success).toBe(false);
    expect(viaApi.error?.issues[0]?.message).toMatch(/嵌套超过 5 层/);
    expect(ruleSchema.safeParse(nested(3)).success).toBe(true);
    // Hidden behind ten harmless children, where a check of the first ten would not look.
    const behind = { kind: 'all', rules: [...Array.from({ length: 10 }, () => ({ kind: 'hasLeader' })), hostile] };
    expect(parseRule(behind, 'x').ok).toBe(false);
  });
});

const fileText = (items: unknown[]) =>
  JSON.stringify({ format: 'hongh-checklist-template', formatVersion: 1, template: { code: '市标准', name: '市级达标标准', issuer: '某市红十字会', version: '2025', effectiveOn: '2025-01-01', items } });

describe('template file', () => {
  it('refuses an unknown rule naming the item, and other malformed files', () => {
    const unknown = parseTemplateFile(fileText([{ seq: 1, title: '有带头人', mode: 'auto', rule: { kind: 'hasBoss' }, appliesTo: ['社区'] }]));
    expect(unknown).toEqual({ ok: false, message: expect.stringMatching(/^第 1 项“有带头人”的规则“hasBoss”不在规则表中/) });
    expect(parseTemplateFile('{').ok).toBe(false);
    expect(parseTemplateFile(JSON.stringify({ format: 'other', formatVersion: 1, template: {} }))).toMatchObject({ ok: false, message: expect.stringContaining('不是达标模板文件') });
    expect(parseTemplateFile(fileText([{ seq: 1, title: '有制度', mode: 'auto', appliesTo: [] }]))).toMatchObject({ ok: false, message: '第 1 项“有制度”为自动判断，但没有给出规则。' });
    expect(parseTemplateFile(fileText([{ seq: 1, title: 'a', mode: 'manual' }, { seq: 1, title: 'b', mode: 'manual' }])).ok).toBe(false);
    expect(parseTemplateFile(fileText([{ seq: 1, title: '', mode: 'manual' }]))).toMatchObject({ ok: false, message: expect.stringContaining('第 1 项') });
  });

  it('export → import → export is byte-stable, whatever key order came in', () => {
    const parsed = parseTemplateFile(fileText([
      { appliesTo: ['社区', '村'], rule: { n: 3, kind: 'minActivitiesInYear' }, mode: 'auto', title: '活动', seq: 2 },
      { seq: 1, title: '有制度', description: '查看制度文本', mode: 'manual', appliesTo: [] },
      { seq: 3, title: '队伍', mode: 'auto', rule: { rules: [{ kind: 'minMembers', memberKind: 'youth', n: 5 }, { kind: 'hasLeader' }], kind: 'any' } },
    ]));
    if (!parsed.ok) throw new Error(parsed.message);
    const text = templateFileText(parsed.template);
    const again = parseTemplateFile(text);
    if (!again.ok) throw new Error(again.message);
    expect(templateFileText(again.template)).toBe(text);
    expect(text).toContain('"rule": {\n          "kind": "minActivitiesInYear",\n          "n": 3\n        }');
    expect(JSON.parse(text).template.items.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3]);
  });
});
