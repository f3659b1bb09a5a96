import { defined, intFlag, optionalInt, UsageError, type CommandTable, type Flags } from '../args';

export const duesUsage = `  dues record --member ID --year YYYY --status paid|unpaid|exempt [--amount 元] [--paid-on YYYY-MM-DD]
  dues overdue [--org ID] [--as-of YYYY-MM-DD] [--limit N]
  dues lapse-overdue [--org ID] --yes
  dues undo-lapse
  dues report --year YYYY [--org ID] [--csv]`;

/** '10', '10.5', '10.50' 元 → fen, without floating-point rounding. */
export function yuanToFen(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) throw new UsageError(`--${flag} 应为金额（元），最多两位小数，如 10 或 12.50。`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function year(flags: Flags): number {
  if (flags.year === undefined || !/^\d{4}$/.test(flags.year)) throw new UsageError('--year 应为四位年度，如 2025。');
  return Number(flags.year);
}

export const duesCommands: CommandTable = {
  'dues record': (flags) => ({
    method: 'dues.record',
    input: {
      memberId: intFlag(flags.member, 'member'),
      year: year(flags),
      status: flags.status ?? '',
      ...defined({ amountFen: yuanToFen(flags.amount, 'amount'), paidOn: flags['paid-on'] }),
    },
  }),
  'dues overdue': (flags) => ({
    method: 'dues.overdue',
    input: defined({ orgId: optionalInt(flags.org, 'org'), asOf: flags['as-of'], limit: optionalInt(flags.limit, 'limit') }),
  }),
  'dues lapse-overdue': (flags) => {
    if (!flags.yes) throw new UsageError('一键视为自动退会需要确认：请先用 dues overdue 查看名单，再加上 --yes。');
    return { method: 'dues.lapseOverdue', input: { confirm: true, ...defined({ orgId: optionalInt(flags.org, 'org') }) } };
  },
  'dues undo-lapse': () => ({ method: 'dues.undoLastLapse', input: {} }),
  'dues report': (flags) => {
    const input = { year: year(flags), ...defined({ orgId: optionalInt(flags.org, 'org') }) };
    if (flags.csv) return { method: 'dues.reportCsv', input, text: (value) => (value as { csv: string }).csv };
    return { method: 'dues.report', input };
  },
};
