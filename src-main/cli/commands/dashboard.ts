import { defined, UsageError, type CommandTable, type Flags } from '../args';

export const dashboardUsage = `  dashboard [--as-of YYYY-MM-DD]                         (--json: 目标数组)
  dashboard records --key 目标 --part numerator|denominator|lagging [--as-of YYYY-MM-DD]
  dashboard set [--population N|''] [--communities N|''] [--template 代码]
  dashboard target --key 目标 --threshold X [--due-year YYYY|'']`;

/** A positive whole number, or '' to clear the setting (back to its default). */
function countFlag(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') return null;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${flag} 应为正整数，或留空（''）表示清除。`);
  return Number(value.trim());
}

function numberFlag(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) throw new UsageError(`--${flag} 应为数字，如 30 或 5.5。`);
  return Number(value.trim());
}

function key(flags: Flags): string {
  if (!flags.key) throw new UsageError('请用 --key 指定目标：community_team_coverage、community_goal_rate、county_direct_teams、teams_per_organization、volunteer_population_rate。');
  return flags.key;
}

export const dashboardCommands: CommandTable = {
  // --json prints the targets alone, an array, which is what outside checks read.
  dashboard: (flags) => ({
    method: 'dashboard.get',
    input: defined({ asOf: flags['as-of'] }),
    text: flags.json ? (value) => `${JSON.stringify((value as { targets: unknown[] }).targets, null, 2)}\n` : (value) => renderTargets(value as { asOf: string; targets: Target[] }),
  }),
  'dashboard records': (flags) => ({
    method: 'dashboard.records',
    input: { key: key(flags), part: flags.part ?? 'numerator', ...defined({ asOf: flags['as-of'] }) },
  }),
  'dashboard set': (flags) => ({
    method: 'dashboard.settings.update',
    input: defined({
      residentPopulation: countFlag(flags.population, 'population'),
      communityCount: countFlag(flags.communities, 'communities'),
      templateCode: flags.template,
    }),
  }),
  'dashboard target': (flags) => ({
    method: 'dashboard.target.update',
    input: { key: key(flags), threshold: numberFlag(flags.threshold, 'threshold'), ...defined({ dueYear: countFlag(flags['due-year'], 'due-year') }) },
  }),
};

interface Target {
  name: string;
  value: number | null;
  valueUnit: string;
  comparator: string;
  target: number;
  unit: string;
  dueYear: number | null;
  met: boolean;
  note: string | null;
}

function renderTargets(value: { asOf: string; targets: Target[] }): string {
  const lines = value.targets.map((t) => {
    const shown = t.value === null ? (t.note?.startsWith('未设置') ? '未设置' : '暂无') : `${t.value}${t.valueUnit}`;
    const due = t.dueYear === null ? '' : `（${t.dueYear} 年）`;
    return `${t.met ? '达标' : '未达标'}\t${t.name}\t${shown}\t目标 ${t.comparator === '>' ? '>' : '≥'} ${t.target}${t.unit}${due}${t.note ? `\t${t.note}` : ''}`;
  });
  return `截至 ${value.asOf}\n${lines.join('\n')}\n`;
}
