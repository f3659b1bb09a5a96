import type { Dashboard, DashboardTarget, OrgRef, TargetKey, TownshipRow, TypeRow } from '../api/contract/dashboard';
import type { DashboardFacts, OrgFact } from '../db/dashboard-facts';
import type { TargetRow } from '../db/schema';
import { townshipsOf, type Township } from './townships';

// The five targets from the facts of one date. Pure arithmetic, so the tests can check each
// figure by hand. "Met" compares the exact ratio (n·100 against threshold·d), and the value shown
// is rounded so that comparing it with the target gives the same answer (shownValue).

export const targetOrder: readonly TargetKey[] = ['community_team_coverage', 'community_goal_rate', 'county_direct_teams', 'teams_per_organization', 'volunteer_population_rate'];

/** Why the goal rate has no value when the configured template code names no template. */
export const missingTemplateNote = (code: string) => `找不到代码为“${code}”的达标模板，无法判断社区是否达到活动目标：请在“目标设置”中选择现有的达标模板。`;
const laggingShown = 50;

export interface DashboardInputs {
  asOf: string;
  facts: DashboardFacts;
  targets: TargetRow[];
  residentPopulation: number | null;
  /** The communities setting; null = the ledger's established 社区-type organisations. */
  communityCount: number | null;
  templateCode: string;
  /** Established communities meeting the template. */
  meeting: Set<number>;
  /** The template code names no template: the goal rate cannot be computed (see campaign.ts). */
  templateMissing: boolean;
}

/** The organisations each target's figures are made of, shared by the dashboard and its drill-down. */
export interface Classified {
  townships: Map<number, Township>;
  established: OrgFact[];
  communities: OrgFact[];
  communitiesWithTeam: OrgFact[];
  communitiesMeeting: OrgFact[];
  orgsWithTeams: OrgFact[];
  communityDenominator: number;
}

/** Teams each organisation must have: the threshold of teams_per_organization (a whole number, at least 1). */
export function teamsNeeded(targets: TargetRow[]): number {
  return Math.max(1, Math.ceil(targetRow(targets, 'teams_per_organization').threshold));
}

export function classify(inputs: DashboardInputs): Classified {
  const needed = teamsNeeded(inputs.targets);
  const established = inputs.facts.orgs.filter((o) => o.established);
  const communities = established.filter((o) => o.isCommunity);
  return {
    townships: townshipsOf(inputs.facts.orgs),
    established,
    communities,
    communitiesWithTeam: communities.filter((o) => o.teams > 0),
    communitiesMeeting: communities.filter((o) => inputs.meeting.has(o.id)),
    orgsWithTeams: established.filter((o) => o.teams >= needed),
    communityDenominator: inputs.communityCount ?? communities.length,
  };
}

export function targetRow(targets: TargetRow[], key: TargetKey): TargetRow {
  const row = targets.find((t) => t.code === key);
  // Migration 0020 seeds all five; a missing one means a damaged file, not a user mistake.
  if (!row) throw new Error(`target ${key} is missing from the target table`);
  return row;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const percent = (n: number, d: number) => (d > 0 ? round((100 * n) / d, 1) : null);

function passes(comparator: '>=' | '>', left: number, right: number): boolean {
  return comparator === '>' ? left > right : left >= right;
}

/**
 * The value shown, rounded to `digits` unless the rounding would contradict `met` against the
 * target (29.96% is not ≥ 30%): then with more digits, so that value ⋛ target always agrees with
 * met for anyone comparing the two (the CLI's --json is read by outside checks).
 */
function shownValue(exact: number, digits: number, met: boolean, comparator: '>=' | '>', target: number): number {
  for (let d = digits; d <= 6; d++) {
    const value = round(exact, d);
    if (passes(comparator, value, target) === met) return value;
  }
  return exact;
}

type FigureFields = Pick<DashboardTarget, 'value' | 'valueUnit' | 'met' | 'numerator' | 'denominator' | 'note'> & Partial<Pick<DashboardTarget, 'name' | 'target' | 'unit' | 'comparator'>>;

function figure(row: TargetRow, fields: FigureFields): DashboardTarget {
  return { key: row.code as TargetKey, name: row.label, target: row.threshold, unit: row.unit, comparator: row.comparator, dueYear: row.due_year, source: row.source, ...fields };
}

function communityNote(inputs: DashboardInputs, c: Classified, numerator: number | null): string | null {
  if (c.communityDenominator === 0) return '台账中没有已成立的社区红十字会，也未设置全县社区总数：请在“目标设置”中填写社区总数。';
  if (inputs.communityCount !== null && numerator !== null && numerator > inputs.communityCount) {
    return `设置的全县社区总数 ${inputs.communityCount} 小于计入分子的社区数 ${numerator}，请核对“目标设置”中的社区总数。`;
  }
  if (inputs.communityCount !== null) return `分母为设置的全县社区总数 ${inputs.communityCount}（台账中已成立的社区红十字会 ${c.communities.length} 个）。`;
  return null;
}

/** A community-share target: value in %, met when n/d passes the threshold exactly. */
function communityShare(row: TargetRow, inputs: DashboardInputs, c: Classified, numerator: number | null, missingNote: string | null): DashboardTarget {
  const d = c.communityDenominator;
  const note = missingNote ?? communityNote(inputs, c, numerator);
  if (numerator === null || d === 0) return figure(row, { value: null, valueUnit: '%', met: false, numerator, denominator: d, note });
  const met = passes(row.comparator, numerator * 100, row.threshold * d);
  return figure(row, { value: shownValue((100 * numerator) / d, 1, met, row.comparator, row.threshold), valueUnit: '%', met, numerator, denominator: d, note });
}

export function computeTargets(inputs: DashboardInputs, c: Classified): DashboardTarget[] {
  const t = (key: TargetKey) => targetRow(inputs.targets, key);
  const coverage = communityShare(t('community_team_coverage'), inputs, c, c.communitiesWithTeam.length, null);
  const goal = inputs.templateMissing
    ? communityShare(t('community_goal_rate'), inputs, c, null, missingTemplateNote(inputs.templateCode))
    : communityShare(t('community_goal_rate'), inputs, c, c.communitiesMeeting.length, null);

  const directRow = t('county_direct_teams');
  const direct = figure(directRow, {
    value: inputs.facts.countyLedTeams,
    valueUnit: '个',
    met: passes(directRow.comparator, inputs.facts.countyLedTeams, directRow.threshold),
    numerator: inputs.facts.countyLedTeams,
    denominator: null,
    note: null,
  });

  // "Each organisation has at least N teams": value and target in one unit, the share of
  // established organisations that have N own teams against 100%, met only when all do. N is the
  // editable threshold of the target row, named in `name` and `note`.
  const perOrgRow = t('teams_per_organization');
  const orgs = c.established.length;
  const withTeams = c.orgsWithTeams.length;
  const perOrgMet = orgs > 0 && withTeams === orgs;
  const requirement = `每个基层组织至少 ${teamsNeeded(inputs.targets)} 支志愿服务队`;
  const perOrg = figure(perOrgRow, {
    name: requirement,
    target: 100,
    unit: '%',
    comparator: '>=',
    value: orgs === 0 ? null : shownValue((100 * withTeams) / orgs, 1, perOrgMet, '>=', 100),
    valueUnit: '%',
    met: perOrgMet,
    numerator: withTeams,
    denominator: orgs,
    note: orgs === 0 ? `${requirement}：台账中没有已成立的基层组织。` : `${requirement}：${withTeams} / ${orgs} 个已成立的基层组织达到，全部达到（100%）才算达标。`,
  });

  const rateRow = t('volunteer_population_rate');
  const volunteers = inputs.facts.activeVolunteers;
  const population = inputs.residentPopulation;
  const rate =
    population === null
      ? figure(rateRow, { value: null, valueUnit: '‰', met: false, numerator: volunteers, denominator: null, note: '未设置：请在“目标设置”中填写全县常住人口，才能计算注册志愿者占比。' })
      : figure(rateRow, {
          value: shownValue((1000 * volunteers) / population, 2, passes(rateRow.comparator, volunteers * 1000, rateRow.threshold * population), rateRow.comparator, rateRow.threshold),
          valueUnit: '‰',
          met: passes(rateRow.comparator, volunteers * 1000, rateRow.threshold * population),
          numerator: volunteers,
          denominator: population,
          note: null,
        });
  return [coverage, goal, direct, perOrg, rate];
}

function orgRef(o: OrgFact, townships: Map<number, Township>): OrgRef {
  return { id: o.id, name: o.name, typeName: o.typeName, townshipName: townships.get(o.id)!.name, teams: o.teams };
}

function byTownship(c: Classified, meeting: Set<number>): TownshipRow[] {
  const rows = new Map<number | null, TownshipRow>();
  const rowFor = (t: Township) => {
    let row = rows.get(t.id);
    if (!row) {
      row = { townshipId: t.id, name: t.name, communities: 0, communitiesWithTeam: 0, communityCoverage: null, communitiesMeeting: 0, organizations: 0, organizationsWithTeam: 0 };
      rows.set(t.id, row);
    }
    return row;
  };
  const withTeams = new Set(c.orgsWithTeams.map((o) => o.id));
  for (const o of c.established) {
    const row = rowFor(c.townships.get(o.id)!);
    row.organizations += 1;
    if (withTeams.has(o.id)) row.organizationsWithTeam += 1;
    if (!o.isCommunity) continue;
    row.communities += 1;
    if (o.teams > 0) row.communitiesWithTeam += 1;
    if (meeting.has(o.id)) row.communitiesMeeting += 1;
  }
  const list = [...rows.values()].map((r) => ({ ...r, communityCoverage: percent(r.communitiesWithTeam, r.communities) }));
  // Townships in tree order, the county's own row last.
  return [...list.filter((r) => r.townshipId !== null), ...list.filter((r) => r.townshipId === null)];
}

function byType(c: Classified, meeting: Set<number>): TypeRow[] {
  const rows = new Map<number | null, TypeRow>();
  const withTeams = new Set(c.orgsWithTeams.map((o) => o.id));
  for (const o of c.established) {
    let row = rows.get(o.typeId);
    if (!row) {
      row = { typeId: o.typeId, name: o.typeName ?? '未分类', isCommunity: o.isCommunity, organizations: 0, organizationsWithTeam: 0, teamCoverage: null, organizationsMeeting: o.isCommunity ? 0 : null, goalRate: null };
      rows.set(o.typeId, row);
    }
    row.organizations += 1;
    if (withTeams.has(o.id)) row.organizationsWithTeam += 1;
    if (o.isCommunity && meeting.has(o.id)) row.organizationsMeeting! += 1;
  }
  return [...rows.values()].map((r) => ({
    ...r,
    teamCoverage: percent(r.organizationsWithTeam, r.organizations),
    goalRate: r.organizationsMeeting === null ? null : percent(r.organizationsMeeting, r.organizations),
  }));
}

/** The organisations holding each organisation-based target back. */
export function laggingOrganizations(c: Classified, key: TargetKey): OrgFact[] {
  switch (key) {
    case 'community_team_coverage':
      return c.communities.filter((o) => o.teams === 0);
    case 'community_goal_rate': {
      const meeting = new Set(c.communitiesMeeting.map((o) => o.id));
      return c.communities.filter((o) => !meeting.has(o.id));
    }
    case 'teams_per_organization': {
      const ok = new Set(c.orgsWithTeams.map((o) => o.id));
      return c.established.filter((o) => !ok.has(o.id));
    }
    default:
      return [];
  }
}

export function computeDashboard(inputs: DashboardInputs): Dashboard {
  const c = classify(inputs);
  const laggingKeys: TargetKey[] = ['community_team_coverage', 'community_goal_rate', 'teams_per_organization'];
  return {
    asOf: inputs.asOf,
    targets: computeTargets(inputs, c),
    byTownship: byTownship(c, inputs.meeting),
    byType: byType(c, inputs.meeting),
    lagging: laggingKeys
      .filter((key) => key !== 'community_goal_rate' || !inputs.templateMissing)
      .map((key) => {
        const list = laggingOrganizations(c, key);
        return { key, total: list.length, organizations: list.slice(0, laggingShown).map((o) => orgRef(o, c.townships)) };
      }),
    settings: { residentPopulation: inputs.residentPopulation, communityCount: inputs.communityCount, communityCountInLedger: c.communities.length, templateCode: inputs.templateCode },
  };
}
