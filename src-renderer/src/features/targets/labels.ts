import type { DashboardTarget, TargetKey } from '../../../../src-main/core/api/contract';

/** "≥ 30%（2024 年）": the target as the clerk reads it. */
export function targetText(t: Pick<DashboardTarget, 'key' | 'comparator' | 'target' | 'unit' | 'dueYear'>): string {
  const op = t.comparator === '>' ? '>' : '≥';
  const due = t.dueYear === null ? '' : `（${t.dueYear} 年）`;
  // The required teams per organisation is in the name; the target is that all organisations reach it.
  if (t.key === 'teams_per_organization') return `全部基层组织达到（${op} ${t.target}${t.unit}）${due}`;
  return `${op} ${t.target}${t.unit}${due}`;
}

export function valueText(t: DashboardTarget): string {
  if (t.value === null) return t.note?.startsWith('未设置') ? '未设置' : '暂无';
  return `${t.value}${t.valueUnit}`;
}

/** What the numerator and denominator of each target are, for the links under the figure. */
export const partNames: Record<TargetKey, { numerator: string; denominator: string | null; lagging: string | null }> = {
  community_team_coverage: { numerator: '有服务队的社区', denominator: '社区总数', lagging: '无服务队的社区' },
  community_goal_rate: { numerator: '达到活动目标的社区', denominator: '社区总数', lagging: '未达到的社区' },
  county_direct_teams: { numerator: '县红十字会直属服务队', denominator: null, lagging: null },
  teams_per_organization: { numerator: '服务队数达到要求的组织', denominator: '已成立的基层组织', lagging: '未达到的组织' },
  volunteer_population_rate: { numerator: '注册志愿者', denominator: '常住人口', lagging: null },
};
