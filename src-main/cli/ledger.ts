import { parseArgs } from 'node:util';
import { options, type Flags } from './args';
import { usage } from './commands';
import { reportError } from './report-error';

// `ledger`: the command-line transport over the same dispatch as the UI. It never prompts;
// with --json stdout carries exactly one JSON document (the value, or {"error":…}).
// This entry parses the line and answers --help; the rest (the database, dispatch and every handler)
// is loaded only for a command that runs, in run-command.ts.

async function main(argv: string[]): Promise<number> {
  let flags: Flags;
  let command: string[];
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    flags = parsed.values;
    command = parsed.positionals;
  } catch (error) {
    return reportError(argv.includes('--json'), 'INVALID_INPUT', `参数有误：${(error as Error).message}\n${usage}`);
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
