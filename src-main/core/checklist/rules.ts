import { z } from 'zod';

// The rule vocabulary of automatic checklist items. A rule is data (JSON in checklist_item.rule_json
// and in template files), parsed with these schemas and interpreted by evaluate.ts; user text is
// never executed. Adding a rule means adding a schema here, a fact in evaluate.ts and a test.

const count = z.number().int().min(1, { message: '应为不小于 1 的整数' }).max(1_000_000, { message: '数值过大' });

export const bojiaLevels = ['none', 'building', 'built', 'demonstration'] as const;
export type BojiaLevel = (typeof bojiaLevels)[number];
export const bojiaLevelLabels: Record<BojiaLevel, string> = { none: '未建', building: '在建', built: '已建成', demonstration: '示范点' };

const leaf = [
  z.object({ kind: z.literal('hasLeader') }).strict(),
  z.object({ kind: z.literal('hasServiceSite') }).strict(),
  z.object({ kind: z.literal('termNotExpired') }).strict(),
  z.object({ kind: z.literal('redCrossNamed') }).strict(),
  z.object({ kind: z.literal('minMembers'), n: count, memberKind: z.enum(['adult', 'youth']).optional() }).strict(),
  z.object({ kind: z.literal('minVolunteers'), n: count }).strict(),
  z.object({ kind: z.literal('minTeams'), n: count }).strict(),
  z.object({ kind: z.literal('minActivitiesInYear'), n: count }).strict(),
  z.object({ kind: z.literal('minServiceHoursInYear'), n: count }).strict(),
  z.object({ kind: z.literal('bojiaStatusAtLeast'), level: z.enum(['building', 'built', 'demonstration']) }).strict(),
] as const;

export type LeafRule = z.output<(typeof leaf)[number]>;
export type Rule = LeafRule | { kind: 'all'; rules: Rule[] } | { kind: 'any'; rules: Rule[] };

const nestedRuleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    ...leaf,
    z.object({ kind: z.literal('all'), rules: z.array(nestedRuleSchema).min(1).max(10) }).strict(),
    z.object({ kind: z.literal('any'), rules: z.array(nestedRuleSchema).min(1).max(10) }).strict(),
  ]),
);

/** all/any inside all/any, this many levels at most: a real standard needs two or three, and a
 *  hostile file nested thousands deep must be refused before anything recurses into it. */
export const MAX_RULE_DEPTH = 5;

/** How deep the all/any nesting of untrusted input goes, counted without recursion. */
function nestingDepth(raw: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[raw, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_RULE_DEPTH) return deepest;
    const rules = typeof node === 'object' && node !== null ? (node as { rules?: unknown }).rules : undefined;
    if (Array.isArray(rules)) for (const child of rules as unknown[]) stack.push([child, depth + 1]);
  }
  return deepest;
}

const tooDeep = `规则嵌套超过 ${MAX_RULE_DEPTH} 层（“全部满足/满足其一”套得太深），请简化。`;

export const ruleSchema: z.ZodType<Rule> = z
  .unknown()
  .refine((raw) => nestingDepth(raw) <= MAX_RULE_DEPTH, { message: tooDeep, abort: true })
  .pipe(nestedRuleSchema) as unknown as z.ZodType<Rule>;

export const ruleKinds = ['hasLeader', 'hasServiceSite', 'termNotExpired', 'redCrossNamed', 'minMembers', 'minVolunteers', 'minTeams', 'minActivitiesInYear', 'minServiceHoursInYear', 'bojiaStatusAtLeast', 'all', 'any'] as const;

/**
 * Parses a rule from an untrusted source (a template file, a form). The message names what is
 * wrong in Chinese; `where` names the item (e.g. 第 2 项“有规范的管理制度”).
 */
export function parseRule(raw: unknown, where: string): { ok: true; rule: Rule } | { ok: false; message: string } {
  if (nestingDepth(raw) > MAX_RULE_DEPTH) return { ok: false, message: `${where}的${tooDeep}` };
  const unknownKind = findUnknownKind(raw);
  if (unknownKind !== null) {
    return { ok: false, message: `${where}的规则“${unknownKind}”不在规则表中，无法使用。可用的规则：${ruleKinds.join('、')}。` };
  }
  const parsed = ruleSchema.safeParse(raw);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const issue = parsed.error.issues[0]!;
  const kind = typeof raw === 'object' && raw !== null && 'kind' in raw ? String((raw as { kind: unknown }).kind) : '';
  const field = issue.path.filter((p) => typeof p === 'string' && p !== 'rules').join('.');
  return { ok: false, message: `${where}的规则“${kind}”参数有误${field ? `（${field}）` : ''}：${issue.message}。` };
}

function findUnknownKind(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('kind' in raw)) return '(缺少 kind)';
  const { kind, rules } = raw as { kind: unknown; rules?: unknown };
  if (typeof kind !== 'string' || !(ruleKinds as readonly string[]).includes(kind)) return String(kind).slice(0, 40);
  if ((kind === 'all' || kind === 'any') && Array.isArray(rules)) {
    for (const child of rules as unknown[]) {
      const inner = findUnknownKind(child);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/** The Chinese sentence shown for a rule in the template view and the matrix header tooltip. */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'hasLeader':
      return '登记了会长/带头人';
    case 'hasServiceSite':
      return '登记了服务站点（阵地）';
    case 'termNotExpired':
      return '本届任期未到期（登记了届满日期且不早于检查日期）';
    case 'redCrossNamed':
      return '为冠名红十字的单位';
    case 'minMembers':
      return `${rule.memberKind === 'adult' ? '成人' : rule.memberKind === 'youth' ? '青少年' : ''}会员不少于 ${rule.n} 人`;
    case 'minVolunteers':
      return `注册志愿者不少于 ${rule.n} 人`;
    case 'minTeams':
      return `志愿服务队不少于 ${rule.n} 支`;
    case 'minActivitiesInYear':
      return `当年开展志愿服务活动不少于 ${rule.n} 次`;
    case 'minServiceHoursInYear':
      return `当年志愿服务时长不少于 ${rule.n} 小时`;
    case 'bojiaStatusAtLeast':
      return `博爱家园建设状态达到“${bojiaLevelLabels[rule.level]}”或以上`;
    case 'all':
      return rule.rules.map(describeRule).join('，且');
    case 'any':
      return `以下任一：${rule.rules.map(describeRule).join('；或')}`;
  }
}

/** What the ledger knows about one organisation as of the check date, for the rules above. */
export interface OrgFacts {
  leaderName: string | null;
  serviceSite: string | null;
  termEndsOn: string | null;
  bojiaStatus: BojiaLevel;
  redCrossNamed: boolean;
  members: number;
  adultMembers: number;
  youthMembers: number;
  volunteers: number;
  teams: number;
  activitiesInYear: number;
  minutesInYear: number;
}

export interface RuleResult {
  met: boolean;
  reason: string;
}

// Rounded down, so a shortfall of a minute never reads as the required figure.
const hours = (minutes: number) => Math.floor(minutes / 6) / 10;

/** Judges one organisation; `asOf` is the check date. The reason says the figure and the requirement. */
export function judge(rule: Rule, facts: OrgFacts, asOf: string): RuleResult {
  const atLeast = (label: string, value: number, n: number, unit: string): RuleResult => ({
    met: value >= n,
    reason: value >= n ? `${label} ${value} ${unit}，达到要求的 ${n} ${unit}` : `${label} ${value} ${unit}，少于要求的 ${n} ${unit}`,
  });
  switch (rule.kind) {
    case 'hasLeader':
      return facts.leaderName ? { met: true, reason: `已登记带头人“${facts.leaderName}”` } : { met: false, reason: '未登记会长/带头人' };
    case 'hasServiceSite':
      return facts.serviceSite ? { met: true, reason: `已登记服务站点“${facts.serviceSite}”` } : { met: false, reason: '未登记服务站点' };
    case 'termNotExpired':
      if (!facts.termEndsOn) return { met: false, reason: '未登记本届届满日期' };
      return facts.termEndsOn >= asOf
        ? { met: true, reason: `本届任期至 ${facts.termEndsOn}，未到期` }
        : { met: false, reason: `本届任期已于 ${facts.termEndsOn} 届满，尚未换届` };
    case 'redCrossNamed':
      return facts.redCrossNamed ? { met: true, reason: '为冠名红十字单位' } : { met: false, reason: '不是冠名红十字单位' };
    case 'minMembers': {
      const value = rule.memberKind === 'adult' ? facts.adultMembers : rule.memberKind === 'youth' ? facts.youthMembers : facts.members;
      const label = rule.memberKind === 'adult' ? '成人会员' : rule.memberKind === 'youth' ? '青少年会员' : '会员';
      return atLeast(label, value, rule.n, '人');
    }
    case 'minVolunteers':
      return atLeast('注册志愿者', facts.volunteers, rule.n, '人');
    case 'minTeams':
      return atLeast('志愿服务队', facts.teams, rule.n, '支');
    case 'minActivitiesInYear':
      return atLeast(`${asOf.slice(0, 4)} 年开展活动`, facts.activitiesInYear, rule.n, '次');
    case 'minServiceHoursInYear': {
      const value = hours(facts.minutesInYear);
      return { met: facts.minutesInYear >= rule.n * 60, reason: `${asOf.slice(0, 4)} 年服务时长 ${value} 小时，${facts.minutesInYear >= rule.n * 60 ? '达到' : '少于'}要求的 ${rule.n} 小时` };
    }
    case 'bojiaStatusAtLeast': {
      const met = bojiaLevels.indexOf(facts.bojiaStatus) >= bojiaLevels.indexOf(rule.level);
      return { met, reason: `博爱家园状态为“${bojiaLevelLabels[facts.bojiaStatus]}”，${met ? '达到' : '未达到'}“${bojiaLevelLabels[rule.level]}”` };
    }
    case 'all': {
      const results = rule.rules.map((r) => judge(r, facts, asOf));
      return { met: results.every((r) => r.met), reason: results.map((r) => r.reason).join('；') };
    }
    case 'any': {
      const results = rule.rules.map((r) => judge(r, facts, asOf));
      return { met: results.some((r) => r.met), reason: results.map((r) => r.reason).join('；') };
    }
  }
}

/** Which per-organisation facts a rule needs, so the evaluator runs only those aggregates. */
export type FactKind = 'members' | 'membersByKind' | 'volunteers' | 'teams' | 'activities' | 'minutes';

export function factsNeeded(rule: Rule, into = new Set<FactKind>()): Set<FactKind> {
  switch (rule.kind) {
    case 'minMembers':
      into.add(rule.memberKind ? 'membersByKind' : 'members');
      break;
    case 'minVolunteers':
      into.add('volunteers');
      break;
    case 'minTeams':
      into.add('teams');
      break;
    case 'minActivitiesInYear':
      into.add('activities');
      break;
    case 'minServiceHoursInYear':
      into.add('minutes');
      break;
    case 'all':
    case 'any':
      for (const r of rule.rules) factsNeeded(r, into);
      break;
    default:
      break;
  }
  return into;
}
