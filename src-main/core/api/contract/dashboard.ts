import { z } from 'zod';
import { date, empty, id, method } from './primitives';

// The targets dashboard (工作目标): the five targets as of a date, their breakdowns, and the
// records behind every figure. Free of Node imports (the renderer compiles against these types).

export const targetKey = z.enum(['community_team_coverage', 'community_goal_rate', 'county_direct_teams', 'teams_per_organization', 'volunteer_population_rate']);

export const dashboardTarget = z.object({
  key: targetKey,
  name: z.string(),
  /** null when it cannot be computed (a missing setting, an unknown template); `note` says why. */
  value: z.number().nullable(),
  /** Unit of `value` (%, ‰, 个). */
  valueUnit: z.string(),
  target: z.number(),
  /**
   * Unit of `target`, always that of `value`: met === (comparator '>=' ? value >= target : value > target)
   * whenever value is not null. teams_per_organization: the % of organisations with the required
   * teams against 100%; the required number of teams (the editable setting) is in `name` and `note`.
   */
  unit: z.string(),
  comparator: z.enum(['>=', '>']),
  dueYear: z.number().int().nullable(),
  met: z.boolean(),
  numerator: z.number().int().nullable(),
  denominator: z.number().int().nullable(),
  note: z.string().nullable(),
  source: z.string().nullable(),
});

export const orgRef = z.object({ id, name: z.string(), typeName: z.string().nullable(), townshipName: z.string(), teams: z.number().int() });

export const townshipRow = z.object({
  /** The township's organisation id; null for 县直及其他. */
  townshipId: id.nullable(),
  name: z.string(),
  communities: z.number().int(),
  communitiesWithTeam: z.number().int(),
  /** % of the township's communities with a team; null without communities. */
  communityCoverage: z.number().nullable(),
  /** Communities meeting every applicable item of the campaign template. */
  communitiesMeeting: z.number().int(),
  organizations: z.number().int(),
  organizationsWithTeam: z.number().int(),
});

export const typeRow = z.object({
  /** null for organisations without a type (未分类). */
  typeId: id.nullable(),
  name: z.string(),
  isCommunity: z.boolean(),
  organizations: z.number().int(),
  organizationsWithTeam: z.number().int(),
  /** % of this type's organisations with a team. */
  teamCoverage: z.number().nullable(),
  /** Only for the community type; null otherwise. */
  organizationsMeeting: z.number().int().nullable(),
  /** % meeting the campaign goals, on the same terms. */
  goalRate: z.number().nullable(),
});

export const laggingList = z.object({
  key: targetKey,
  /** Every lagging organisation; `organizations` holds the first few, the records call lists all. */
  total: z.number().int(),
  organizations: z.array(orgRef),
});

export const dashboardSettings = z.object({
  residentPopulation: z.number().int().nullable(),
  /** The override; null = the ledger's 社区-type organisations are the denominator. */
  communityCount: z.number().int().nullable(),
  /** 社区-type organisations 已成立 today, the default denominator. */
  communityCountInLedger: z.number().int(),
  templateCode: z.string(),
  targets: z.array(
    z.object({ key: targetKey, name: z.string(), comparator: z.enum(['>=', '>']), threshold: z.number(), unit: z.string(), dueYear: z.number().int().nullable(), source: z.string().nullable() }),
  ),
});

export const dashboard = z.object({
  asOf: z.string(),
  targets: z.array(dashboardTarget),
  byTownship: z.array(townshipRow),
  byType: z.array(typeRow),
  lagging: z.array(laggingList),
  settings: dashboardSettings.omit({ targets: true }),
});

export const recordPart = z.enum(['numerator', 'denominator', 'lagging']);

export const dashboardRecord = z.object({
  kind: z.enum(['organization', 'team', 'volunteer']),
  id,
  name: z.string(),
  typeName: z.string().nullable(),
  /** The organisation a team or volunteer belongs to; null for organisations and county-led teams. */
  orgName: z.string().nullable(),
  townshipName: z.string(),
  /** Founding (team) or registration (volunteer) date. */
  date: z.string().nullable(),
  /** Active teams of an organisation. */
  teams: z.number().int().nullable(),
  /** Masked. */
  idNumber: z.string().nullable(),
});

export const dashboardRecords = z.object({
  key: targetKey,
  part: recordPart,
  title: z.string(),
  /** Every record in scope: equals the figure when unfiltered. `rows` is the page from `offset`. */
  count: z.number().int(),
  offset: z.number().int(),
  note: z.string().nullable(),
  rows: z.array(dashboardRecord),
});

const scope = {
  asOf: date.optional(),
  /** A township's organisation id; null = 县直及其他; absent = the whole county. */
  townshipId: id.nullable().optional(),
  /** An organisation type; null = 未分类; absent = every type. */
  typeId: id.nullable().optional(),
};

// The dispatcher names the field (「常住人口」…), so messages say only what is wrong.
const positiveCount = (max: number) => z.number().int({ message: '应为整数' }).min(1, { message: '应大于 0' }).max(max, { message: `不能超过 ${max}` });

export const dashboardMethods = {
  'dashboard.get': method(z.object({ asOf: date.optional() }).strict().default({}), dashboard),
  'dashboard.records': method(
    z
      .object({
        key: targetKey,
        part: recordPart,
        ...scope,
        offset: z.number().int().min(0).default(0),
        /** Absent = every record from `offset` (the CLI's trace); the UI pages through 200k volunteers. */
        limit: z.number().int().min(1).max(100_000).optional(),
      })
      .strict(),
    dashboardRecords,
  ),
  'dashboard.settings.get': method(empty, dashboardSettings),
  'dashboard.settings.update': method(
    z
      .object({
        residentPopulation: positiveCount(2_000_000_000).nullable().optional(),
        communityCount: positiveCount(100_000).nullable().optional(),
        templateCode: z.string().trim().min(1, { message: '不能为空' }).max(50, { message: '不能超过 50 个字' }).optional(),
      })
      .strict(),
    dashboardSettings,
  ),
  'dashboard.target.update': method(
    z
      .object({
        key: targetKey,
        threshold: z.number().positive({ message: '应大于 0' }).max(100_000),
        dueYear: z.number().int().min(2000, { message: '不能早于 2000 年' }).max(2100, { message: '不能晚于 2100 年' }).nullable().optional(),
      })
      .strict(),
    dashboardSettings,
  ),
} as const;

export type TargetKey = z.output<typeof targetKey>;
export type DashboardTarget = z.output<typeof dashboardTarget>;
export type Dashboard = z.output<typeof dashboard>;
export type DashboardSettings = z.output<typeof dashboardSettings>;
export type DashboardRecord = z.output<typeof dashboardRecord>;
export type DashboardRecords = z.output<typeof dashboardRecords>;
export type TownshipRow = z.output<typeof townshipRow>;
export type TypeRow = z.output<typeof typeRow>;
export type OrgRef = z.output<typeof orgRef>;
export type RecordPart = z.output<typeof recordPart>;
