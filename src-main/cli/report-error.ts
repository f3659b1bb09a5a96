// The error reply of every command line: the message on stderr, and with --json one {"error":…} document.
export function reportError(json: boolean, code: string, message: string): number {
  process.stderr.write(`${message}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  return 1;
}

