import { parseArgs } from 'node:util';
import { options, type Flags } from './args';
import { usage } from './commands';
import { reportError } from './report-error';

// `ledger`: the command-line transport over the same dispatch as the UI. It never prompts;
// with --json stdout carries exactly one JSON document (the value, or {"error":…}).
// This entry parses the line and answers --help; the rest (the database, dispatch and every handler)
// is loaded only for a command that runs, in run-command.ts.

/** parseArgs's English refusal, said in Chinese with the flag it is about (not the whole usage). */
function argumentProblem(error: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^' <]+)/.exec(error.message)?.[1] ?? '';
  const help = '运行 ledger --help 可查看各命令的参数。';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `参数有误：没有 ${flag} 这个参数。${help}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return `参数有误：${flag} 不带取值。${help}`;
    return `参数有误：${flag} 缺少取值（写在它的后面，如 ${flag} 取值；取值以“-”开头时写成 ${flag}=取值）。`;
  }
  return `参数有误：${error.message}。${help}`;
}

async function main(argv: string[]): Promise<number> {
  let flags: Flags;
  let command: string[];
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    flags = parsed.values;
    command = parsed.positionals;
  } catch (error) {
    return reportError(argv.includes('--json'), 'INVALID_INPUT', argumentProblem(error as Error & { code?: string }));
  }
  if (flags.help || command.length === 0) {
    process.stdout.write(`${usage}\n`);
    return command.length === 0 && !flags.help ? 1 : 0;
  }
  const { runCommand } = await import('./run-command');
  return runCommand(flags, command);
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
