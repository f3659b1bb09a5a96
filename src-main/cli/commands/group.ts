import { clearable, defined, idFrom, optionalInt, UsageError, type CommandTable } from '../args';
import { yuanToFen } from './dues';

export const groupUsage = `  group add --name 单位名称 --uscc 统一社会信用代码 [--org ID] [--contact 姓名] [--phone 电话] [--join-date YYYY-MM-DD] [--notes 备注]
  group list [--search 名称片段或代码] [--org ID] [--status active|lapsed] [--limit N] [--after CURSOR]
  group get|history|restore --id ID
  group update --id ID [--name 名称] [--uscc 代码] [--contact 姓名] [--phone 电话] [--notes 备注]
  group lapse --id ID [--on YYYY-MM-DD] [--reason 原因]
  group dues --id ID --year YYYY --status paid|unpaid|exempt [--amount 元] [--paid-on YYYY-MM-DD]`;

export const groupCommands: CommandTable = {
  'group add': (flags) => ({
    method: 'group.add',
    input: {
      unitName: flags.name ?? '',
      uscc: flags.uscc ?? '',
      ...defined({
        orgId: optionalInt(flags.org, 'org'),
        contactName: flags.contact,
        contactPhone: flags.phone,
        joinedOn: flags['join-date'],
        notes: flags.notes,
      }),
    },
  }),
  'group list': (flags) => ({
    method: 'group.list',
    input: defined({
      orgId: optionalInt(flags.org, 'org'),
      search: flags.search,
      status: flags.status,
      limit: optionalInt(flags.limit, 'limit'),
      after: flags.after,
    }),
  }),
  'group get': (flags, rest) => ({ method: 'group.get', input: { id: idFrom(flags, rest) } }),
  'group history': (flags, rest) => ({ method: 'group.history', input: { id: idFrom(flags, rest) } }),
  'group restore': (flags, rest) => ({ method: 'group.restore', input: { id: idFrom(flags, rest) } }),
  'group update': (flags, rest) => {
    const changes = defined({
      unitName: flags.name,
      uscc: flags.uscc,
      contactName: clearable(flags.contact),
      contactPhone: clearable(flags.phone),
      notes: clearable(flags.notes),
      orgId: optionalInt(flags.org, 'org'),
      joinedOn: flags['join-date'],
    });
    if (Object.keys(changes).length === 0) throw new UsageError('group update 需要至少一个要修改的字段，如 --contact。');
    return { method: 'group.update', input: { id: idFrom(flags, rest), changes } };
  },
  // Reversible with group restore, so (unlike the bulk dues lapse) no --yes is asked for.
  'group lapse': (flags, rest) => ({ method: 'group.lapse', input: { id: idFrom(flags, rest), ...defined({ lapsedOn: flags.on, reason: flags.reason }) } }),
  'group dues': (flags, rest) => {
    if (flags.year === undefined || !/^\d{4}$/.test(flags.year)) throw new UsageError('--year 应为四位年度，如 2025。');
    return {
      method: 'group.dues.record',
      input: {
        groupId: idFrom(flags, rest),
        year: Number(flags.year),
        status: flags.status ?? '',
        ...defined({ amountFen: yuanToFen(flags.amount, 'amount'), paidOn: flags['paid-on'] }),
      },
    };
  },
};
