import type BetterSqlite3 from 'better-sqlite3';
import type { DashboardRecord, DashboardRecords, RecordPart, TargetKey } from '../api/contract/dashboard';
import { readActiveVolunteers, readCountyLedTeams, type OrgFact } from '../db/dashboard-facts';
import { maskIdNumber } from '../domain/id-number';
import { classify, laggingOrganizations, missingTemplateNote, targetRow, type Classified, type DashboardInputs } from './compute';
import { countyLevelLabel, type Township } from './townships';

// The records behind each figure. Lists are built from the same classification as the figures,
// so an unfiltered list's length is the figure's numerator or denominator by construction.

export interface RecordPage {
  offset: number;
  limit?: number;
}

export interface RecordScope {
  /** undefined = whole county; null = 县直及其他. */
  townshipId?: number | null;
  /** undefined = every type; null = 未分类. */
  typeId?: number | null;
}

const partLabel: Record<RecordPart, string> = { numerator: '计入分子', denominator: '计入分母', lagging: '未达标' };

function orgRecord(o: OrgFact, townships: Map<number, Township>): DashboardRecord {
  return { kind: 'organization', id: o.id, name: o.name, typeName: o.typeName, orgName: null, townshipName: townships.get(o.id)!.name, date: null, teams: o.teams, idNumber: null };
}

function orgLists(inputs: DashboardInputs, c: Classified, key: TargetKey): Partial<Record<RecordPart, OrgFact[]>> {
  switch (key) {
    case 'community_team_coverage':
      return { numerator: c.communitiesWithTeam, denominator: c.communities, lagging: laggingOrganizations(c, key) };
    case 'community_goal_rate':
      // Without a template nobody is known to meet it, nor to lag behind it.
      if (inputs.templateMissing) return { denominator: c.communities };
      return { numerator: c.communitiesMeeting, denominator: c.communities, lagging: laggingOrganizations(c, key) };
    case 'teams_per_organization':
      return { numerator: c.orgsWithTeams, denominator: c.established, lagging: laggingOrganizations(c, key) };
    default:
      return {};
  }
}

function noteFor(inputs: DashboardInputs, key: TargetKey, part: RecordPart): string | null {
  if (key === 'community_goal_rate' && inputs.templateMissing && part !== 'denominator') return missingTemplateNote(inputs.templateCode);
  if ((key === 'community_team_coverage' || key === 'community_goal_rate') && part === 'denominator' && inputs.communityCount !== null) {
    return `分母为设置的全县社区总数 ${inputs.communityCount}，此处列出台账中已成立的社区红十字会。`;
  }
  if (key === 'county_direct_teams' && part !== 'numerator') return '该目标是支数，没有分母；列表见“计入分子”。';
  if (key === 'volunteer_population_rate' && part === 'denominator') {
    return inputs.residentPopulation === null ? '尚未设置全县常住人口。' : `分母为设置的全县常住人口 ${inputs.residentPopulation} 人，不对应台账记录。`;
  }
  if (key === 'volunteer_population_rate' && part === 'lagging') return '该目标按全县计算，没有未达标的组织名单。';
  return null;
}

export function dashboardRecords(sqlite: BetterSqlite3.Database, inputs: DashboardInputs, key: TargetKey, part: RecordPart, scope: RecordScope, page: RecordPage = { offset: 0 }): DashboardRecords {
  const c = classify(inputs);
  const orgs = new Map(inputs.facts.orgs.map((o) => [o.id, o]));
  const townshipOfOrg = (orgId: number | null): Township => (orgId === null ? { id: null, name: countyLevelLabel } : (c.townships.get(orgId) ?? { id: null, name: countyLevelLabel }));
  const inScope = (orgId: number | null) =>
    (scope.townshipId === undefined || townshipOfOrg(orgId).id === scope.townshipId) &&
    (scope.typeId === undefined || (orgId === null ? null : (orgs.get(orgId)?.typeId ?? null)) === scope.typeId);

  const name = targetRow(inputs.targets, key).label;
  const result = (count: number, rows: DashboardRecord[]): DashboardRecords => ({
    key, part, title: `${name} · ${partLabel[part]}`, count, offset: page.offset, note: noteFor(inputs, key, part), rows,
  });
  let rows: DashboardRecord[] = [];
  if (key === 'county_direct_teams') {
    if (part === 'numerator') {
      rows = readCountyLedTeams(sqlite, inputs.asOf)
        .filter((t) => inScope(t.orgId))
        .map((t) => ({ kind: 'team', id: t.id, name: t.name, typeName: null, orgName: t.orgName, townshipName: townshipOfOrg(t.orgId).name, date: t.foundedOn, teams: null, idNumber: null }));
    }
  } else if (key === 'volunteer_population_rate') {
    if (part === 'numerator') {
      const scoped = scope.townshipId !== undefined || scope.typeId !== undefined;
      const filter = scoped
        ? { orgIds: inputs.facts.orgs.filter((o) => inScope(o.id)).map((o) => o.id), includeNoOrg: inScope(null) }
        : { orgIds: null, includeNoOrg: true };
      const found = readActiveVolunteers(sqlite, inputs.asOf, filter, page.offset, page.limit);
      const pageRows: DashboardRecord[] = found.rows.map((v) => ({
        kind: 'volunteer',
        id: v.id,
        name: v.name,
        typeName: null,
        orgName: v.orgName,
        townshipName: townshipOfOrg(v.orgId).name,
        date: v.registeredOn,
        teams: null,
        idNumber: v.idNumber ? maskIdNumber(v.idNumber) : null,
      }));
      return result(found.count, pageRows);
    }
  } else {
    rows = (orgLists(inputs, c, key)[part] ?? []).filter((o) => inScope(o.id)).map((o) => orgRecord(o, c.townships));
  }
  const end = page.limit === undefined ? undefined : page.offset + page.limit;
  return result(rows.length, rows.slice(page.offset, end));
}
