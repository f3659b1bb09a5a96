import path from 'node:path';
import { UsageError, defined, type CommandTable, type Flags } from '../args';
import type { StatsTables } from '../../core/api/contract/stats';
import { todayInChina } from '../../core/domain/dates';
import type { ItemNo } from '../../core/stats/items';

export const statsUsage = `  stats --year YYYY [--baseline-year YYYY] [--out 文件.xlsx]
  stats trace --year YYYY --item 1-14 [--table 1|2] [--baseline-year YYYY]`;

function yearFlag(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d{4}$/.test(value)) throw new UsageError(`--${flag} 应为四位年度，如 2025。`);
  return Number(value);
}

function baseline(flags: Flags): number | undefined {
  return flags['baseline-year'] === undefined ? undefined : yearFlag(flags['baseline-year'], 'baseline-year');
}

export const statsCommands: CommandTable = {
  stats: (flags, rest) => {
    if (rest.length > 0) throw new UsageError(`未知的 stats 子命令“${rest.join(' ')}”。\n${statsUsage}`);
    const input = { year: yearFlag(flags.year, 'year'), ...defined({ baselineYear: baseline(flags) }) };
    if (flags.out !== undefined) {
      if (path.extname(flags.out).toLowerCase() !== '.xlsx') throw new UsageError('--out 应为要保存的 .xlsx 文件。');
      return {
        method: 'export.statsTables',
        input,
        // The tables' header (year, baseline, provisional, finalised) for the report, then the file.
        run: async (call) => ({ ...((await call('export.statsTables', input)) as object), tables: await call('stats.tables', input) }),
        saveTo: flags.out,
        saved: (value, file) => {
          const t = (value as { tables: StatsTables }).tables;
          return {
            json: { file, sheets: ['附件1', '附件2'], year: t.year, baselineYear: t.baselineYear, provisional: t.provisional, finalised: t.finalised !== null },
            text: `已导出 ${t.year} 年统计表（附件1、附件2，与 ${t.baselineYear} 年相比${t.provisional ? '，暂行' : ''}${t.finalised ? '，已定稿' : ''}）到 ${file}`,
          };
        },
      };
    }
    return { method: 'stats.tables', input };
  },
  'stats trace': (flags) => {
    if (flags.item === undefined || !/^\d{1,2}$/.test(flags.item) || Number(flags.item) < 1 || Number(flags.item) > 14) throw new UsageError('--item 应为 1–14 的项目序号。');
    if (flags.table !== undefined && flags.table !== '1' && flags.table !== '2') throw new UsageError('--table 应为 1（附件1）或 2（附件2）。');
    const table = flags.table === '2' ? 2 : 1;
    return {
      // This call checks year and baseline as stats.trace does and settles the baseline (the
      // default, or a finalised year's frozen one), without a first pass over the records.
      method: 'stats.tables',
      input: { year: yearFlag(flags.year, 'year'), ...defined({ baselineYear: baseline(flags) }) },
      // The whole list, as a bare JSON array, streamed from the same reader the API pages through,
      // each record shaped by the contract's schema like a reply. It is the ledger's records as
      // they are now: for a finalised year its length is the live figure, which may differ from
      // the frozen one after back-dated changes (stats.trace gives both, and a note).
      // The reader and the schema are loaded here, not with the command table, so that `ledger --help`
      // stays light.
      stream: async (value, db) => {
        const [{ traceRecord }, { traceRecords }] = await Promise.all([import('../../core/api/contract/stats'), import('../../core/stats/trace')]);
        const checked = value as StatsTables;
        const request = { year: checked.year, baselineYear: checked.baselineYear, today: todayInChina(), table, item: Number(flags.item) as ItemNo } as const;
        return (function* () {
          for (const record of traceRecords(db.sqlite, request)) yield traceRecord.parse(record);
        })();
      },
    };
  },
};
