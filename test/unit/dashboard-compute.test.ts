import { describe, expect, it } from 'vitest';
import type { DashboardTarget } from '../../src-main/core/api/contract';
import { classify, computeTargets, type DashboardInputs } from '../../src-main/core/dashboard/compute';
import type { OrgFact } from '../../src-main/core/db/dashboard-facts';
import type { TargetRow } from '../../src-main/core/db/schema';

// The figures an outside check compares: value against target must say what `met` says, even on
// the rounding edge (29.97% is not ≥ 30%, 50.01% is > 50%, 1,999 of 2,000 is not all).

const targets: TargetRow[] = [
  { code: 'community_team_coverage', label: '建有红十字志愿服务队的社区占比', comparator: '>=', threshold: 30, unit: '%', due_year: 2024, source: null },
  { code: 'community_goal_rate', label: '达到活动目标的社区占比', comparator: '>', threshold: 50, unit: '%', due_year: 2024, source: null },
  { code: 'county_direct_teams', label: '县级红十字会直属志愿服务队数', comparator: '>=', threshold: 3, unit: '个', due_year: null, source: null },
  { code: 'teams_per_organization', label: '每个基层组织的志愿服务队数', comparator: '>=', threshold: 1, unit: '个', due_year: null, source: null },
  { code: 'volunteer_population_rate', label: '注册志愿者占常住人口比例', comparator: '>=', threshold: 5, unit: '‰', due_year: null, source: null },
];

function org(id: number, isCommunity: boolean, teams: number): OrgFact {
  return { id, name: `组织${id}`, parentId: null, typeId: isCommunity ? 3 : 9, typeName: isCommunity ? '社区' : '企业', isCommunity, established: true, teams };
}

function inputs(orgs: OrgFact[], over: Partial<DashboardInputs> = {}): DashboardInputs {
  return {
    asOf: '2026-06-15',
    facts: { orgs, countyLedTeams: 3, activeVolunteers: 5000 },
    targets,
    residentPopulation: 1_000_001,
    communityCount: 10_000,
    templateCode: '五有',
    meeting: new Set(orgs.filter((o) => o.isCommunity).slice(0, 5001).map((o) => o.id)),
    templateMissing: false,
    ...over,
  };
}

const agrees = (t: DashboardTarget) => t.met === (t.comparator === '>=' ? t.value! >= t.target : t.value! > t.target);

describe('computeTargets: value, target and met agree', () => {
  // 6,000 established communities, the first 2,997 with a team, the first 5,001 meeting the
  // template; the community denominator is the setting (10,000).
  const orgs = Array.from({ length: 6000 }, (_, i) => org(i + 1, true, i < 2997 ? 1 : 0));
  const ts = Object.fromEntries(computeTargets(inputs(orgs), classify(inputs(orgs))).map((t) => [t.key, t]));

  it('rounds the shown value finer where one decimal would contradict met', () => {
    // 2,997 / 10,000 = 29.97%, not ≥ 30% (one decimal would show 30.0).
    expect(ts.community_team_coverage).toMatchObject({ value: 29.97, target: 30, met: false });
    // 5,001 / 10,000 = 50.01% > 50% (one decimal would show 50.0, not > 50).
    expect(ts.community_goal_rate).toMatchObject({ value: 50.01, target: 50, comparator: '>', met: true });
    // 5,000 / 1,000,001 = 4.999995‰, not ≥ 5‰ (two decimals would show 5.00).
    expect(ts.volunteer_population_rate).toMatchObject({ value: 4.999995, target: 5, met: false });
    expect(ts.county_direct_teams).toMatchObject({ value: 3, target: 3, met: true });
    for (const t of Object.values(ts)) expect(agrees(t), t.key).toBe(true);
  });

  it('teams_per_organization is the % of organisations with the required teams, against 100%', () => {
    const many = Array.from({ length: 2000 }, (_, i) => org(i + 1, false, i === 0 ? 0 : 1));
    const per = computeTargets(inputs(many), classify(inputs(many))).find((t) => t.key === 'teams_per_organization')!;
    // 1,999 / 2,000 = 99.95%: not all, so not met, and the value is not rounded up to 100.
    expect(per).toMatchObject({ name: '每个基层组织至少 1 支志愿服务队', value: 99.95, valueUnit: '%', target: 100, unit: '%', comparator: '>=', met: false, numerator: 1999, denominator: 2000 });
    expect(per.note).toContain('每个基层组织至少 1 支志愿服务队');
    const all = many.map((o) => ({ ...o, teams: 2 }));
    expect(computeTargets(inputs(all), classify(inputs(all))).find((t) => t.key === 'teams_per_organization')).toMatchObject({ value: 100, target: 100, met: true });
    // The editable threshold is the teams each organisation needs.
    const two = targets.map((t) => (t.code === 'teams_per_organization' ? { ...t, threshold: 2 } : t));
    const mixed = many.map((o, i) => ({ ...o, teams: i < 500 ? 2 : 1 }));
    expect(computeTargets(inputs(mixed, { targets: two }), classify(inputs(mixed, { targets: two }))).find((t) => t.key === 'teams_per_organization')).toMatchObject({
      name: '每个基层组织至少 2 支志愿服务队',
      value: 25,
      target: 100,
      met: false,
    });
  });
});
