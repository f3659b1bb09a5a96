import { defined, idFrom, intFlag, UsageError, type CommandTable, type Flags } from '../args';

export const orgUsage = `  org list [--active]
  org get --id ID
  org search --query 片段
  org add --name 名称 [--type 社区] [--parent ID] [--founded-on YYYY-MM-DD] [--status preparing|active]
          [--division-code 12位] [--leader-name 姓名] [--leader-phone 电话] [--notes 备注]
  org update --id ID [与 add 相同的字段]
  org move --id ID (--parent ID | --top)
  org retire --id ID [--on YYYY-MM-DD] [--reason 原因] --yes
  org restore --id ID
  org history --id ID`;

/** Org fields shared by add and update; an empty string clears a field on update. */
function orgFields(flags: Flags, forUpdate: boolean): Record<string, unknown> {
  const pick = (flag: string | undefined) => (flag === undefined ? undefined : forUpdate && flag === '' ? null : flag);
  return defined({
    name: flags.name,
    type: pick(flags.type),
    foundedOn: pick(flags['founded-on']),
    status: flags.status,
    divisionCode: pick(flags['division-code']),
    leaderName: pick(flags['leader-name']),
    leaderPhone: pick(flags['leader-phone']),
    termStartedOn: pick(flags['term-started-on']),
    termEndsOn: pick(flags['term-ends-on']),
    bojiaStatus: flags['bojia-status'],
    serviceSite: pick(flags['service-site']),
    notes: pick(flags.notes),
  });
}

export const orgCommands: CommandTable = {
  check: () => ({ method: 'system.check', input: {} }),
  'org list': (flags) => ({ method: 'org.list', input: { includeRetired: !flags.active } }),
  'org get': (flags, rest) => ({ method: 'org.get', input: { id: idFrom(flags, rest) } }),
  'org search': (flags, rest) => ({ method: 'org.search', input: { query: flags.query ?? rest[0] ?? '' } }),
  'org history': (flags, rest) => ({ method: 'org.history', input: { id: idFrom(flags, rest) } }),
  'org add': (flags) => ({
    method: 'org.add',
    input: { ...orgFields(flags, false), parentId: flags.parent === undefined ? null : intFlag(flags.parent, 'parent') },
  }),
  'org update': (flags, rest) => {
    const changes = orgFields(flags, true);
    if (Object.keys(changes).length === 0) throw new UsageError('org update 需要至少一个要修改的字段，如 --name。');
    return { method: 'org.update', input: { id: idFrom(flags, rest), changes } };
  },
  'org move': (flags, rest) => {
    if (flags.top === (flags.parent !== undefined)) throw new UsageError('org move 需要 --parent ID（移到该组织之下）或 --top（移到顶层）之一。');
    return { method: 'org.move', input: { id: idFrom(flags, rest), parentId: flags.top ? null : intFlag(flags.parent, 'parent') } };
  },
  'org retire': (flags, rest) => {
    if (!flags.yes) throw new UsageError('撤销组织需要确认：请加上 --yes。');
    return { method: 'org.retire', input: { id: idFrom(flags, rest), ...defined({ retiredOn: flags.on, reason: flags.reason }) } };
  },
  'org restore': (flags, rest) => ({ method: 'org.restore', input: { id: idFrom(flags, rest) } }),
};
