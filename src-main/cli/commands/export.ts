import path from 'node:path';
import { defined, optionalInt, UsageError, type CommandTable, type Flags } from '../args';

export const exportUsage = `  export   --kind members|youth-members|group-members|volunteers|teams|hours|orgs --out 文件.xlsx|文件.csv [--org ID] [--full-id]
  template --kind members|youth-members|group-members|volunteers|teams|hours|orgs --out 文件.xlsx`;

const kinds = ['members', 'youth-members', 'group-members', 'volunteers', 'teams', 'hours', 'orgs'];

function kind(flags: Flags): string {
  if (!flags.kind || !kinds.includes(flags.kind)) throw new UsageError(`--kind 应为 ${kinds.join('、')} 之一。`);
  return flags.kind;
}

function out(flags: Flags, allowed: readonly string[]): { file: string; format: string } {
  const file = flags.out;
  const format = file ? path.extname(file).slice(1).toLowerCase() : '';
  if (!file || !allowed.includes(format)) throw new UsageError(`--out 应为要保存的文件，扩展名为 ${allowed.map((e) => `.${e}`).join(' 或 ')}。`);
  return { file, format };
}

export const exportCommands: CommandTable = {
  export: (flags) => {
    const target = out(flags, ['xlsx', 'csv']);
    return {
      method: 'export.roster',
      input: { kind: kind(flags), filter: defined({ orgId: optionalInt(flags.org, 'org') }), fullId: flags['full-id'], format: target.format },
      saveTo: target.file,
    };
  },
  template: (flags) => ({ method: 'export.template', input: { kind: kind(flags) }, saveTo: out(flags, ['xlsx']).file }),
};
