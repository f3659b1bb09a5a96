import fs from 'node:fs';
import path from 'node:path';

// The application log: one file next to the database (logs/ledger-YYYY-MM.log), so a clerk can
// send it to support. It must never hold personal numbers, whatever a caller passes in: every
// line is redacted here, in the one place all transports write through.

/** 18- and 15-character resident ID numbers (and 港澳台 permits), 11-digit mobiles, any other long number. */
const ID_18 = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g;
const ID_15 = /(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LONG_DIGITS = /\d{7,}/g;

/** Masks anything in `text` that looks like an ID number or a phone number. */
export function redact(text: string): string {
  return text
    .replace(ID_18, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(ID_15, (_m, head: string, tail: string) => `${head}******${tail}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`)
    .replace(LONG_DIGITS, (digits: string) => `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`);
}

export interface AppLog {
  (message: string): void;
  readonly file: string;
}

/** A log appending to `dir`/ledger-YYYY-MM.log (and echoing to stderr when asked). */
export function createFileLog(dir: string, options: { echo?: boolean; now?: () => Date } = {}): AppLog {
  const now = options.now ?? (() => new Date());
  const file = path.join(dir, `ledger-${now().toISOString().slice(0, 7)}.log`);
  fs.mkdirSync(dir, { recursive: true });
  const log = (message: string) => {
    const line = `${now().toISOString()} ${redact(message)}\n`;
    try {
      fs.appendFileSync(file, line);
    } catch {
      // A full disk or a read-only folder must not take the app down with it.
    }
    if (options.echo) process.stderr.write(line);
  };
  return Object.assign(log, { file });
}

/** The log folder for a database file: `logs` next to it (":memory:" logs to the working folder). */
export function logDirFor(dbFile: string): string {
  return path.join(dbFile === ':memory:' ? process.cwd() : path.dirname(path.resolve(dbFile)), 'logs');
}
