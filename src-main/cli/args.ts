import type { parseArgs } from 'node:util';
import type { LedgerDb } from '../core/db/open';

// Flags shared by every command area. parseArgs runs strict, so a flag must be declared here
// before any area can read it; areas add theirs in their own block to keep merges one-sided.
export const options = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  // init / seed
  'county-code': { type: 'string' },
  'county-name': { type: 'string' },
  clerk: { type: 'string' },
  scale: { type: 'string' },
  seed: { type: 'string' },
  // shared by several areas
  id: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string' },
  status: { type: 'string' },
  notes: { type: 'string' },
  on: { type: 'string' },
  reason: { type: 'string' },
  org: { type: 'string' },
  search: { type: 'string' },
  sort: { type: 'string' },
  year: { type: 'string' },
  limit: { type: 'string' },
  after: { type: 'string' },
  phone: { type: 'string' },
  // org
  parent: { type: 'string' },
  top: { type: 'boolean', default: false },
  'founded-on': { type: 'string' },
  'division-code': { type: 'string' },
  'leader-name': { type: 'string' },
  'leader-phone': { type: 'string' },
  'term-started-on': { type: 'string' },
  'term-ends-on': { type: 'string' },
  'bojia-status': { type: 'string' },
  'service-site': { type: 'string' },
  query: { type: 'string' },
  active: { type: 'boolean', default: false },
  // member / person
  'id-number': { type: 'string' },
  'id-type': { type: 'string' },
  kind: { type: 'string' },
  'join-date': { type: 'string' },
  'birth-date': { type: 'string' },
  gender: { type: 'string' },
  'guardian-name': { type: 'string' },
  'guardian-relation': { type: 'string' },
  'guardian-phone': { type: 'string' },
  'guardian-consent-on': { type: 'string' },
  'guardian-consent-method': { type: 'string' },
  // volunteer / team / hours / stars
  fields: { type: 'string' },
  team: { type: 'string' },
  'registered-on': { type: 'string' },
  'national-no': { type: 'string' },
  'cert-no': { type: 'string' },
  'cert-expires': { type: 'string' },
  cert: { type: 'string' },
  county: { type: 'boolean', default: false },
  field: { type: 'string' },
  leader: { type: 'string' },
  'party-branch': { type: 'boolean', default: false },
  date: { type: 'string' },
  category: { type: 'string' },
  title: { type: 'string' },
  place: { type: 'string' },
  households: { type: 'string' },
  people: { type: 'string' },
  volunteer: { type: 'string', multiple: true },
  hours: { type: 'string', multiple: true },
  'as-of': { type: 'string' },
  level: { type: 'string' },
  'document-no': { type: 'string' },
  // dues / group members
  member: { type: 'string' },
  amount: { type: 'string' },
  'paid-on': { type: 'string' },
  csv: { type: 'boolean', default: false },
  uscc: { type: 'string' },
  contact: { type: 'string' },
  // import
  sheet: { type: 'string' },
  encoding: { type: 'string' },
  scope: { type: 'string' },
  'create-orgs-under': { type: 'string' },
  'on-duplicate': { type: 'string' },
  'create-teams': { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  progress: { type: 'boolean', default: false },
  // export / template
  out: { type: 'string' },
  'full-id': { type: 'boolean', default: false },
  // dashboard
  key: { type: 'string' },
  part: { type: 'string' },
  population: { type: 'string' },
  communities: { type: 'string' },
  template: { type: 'string' },
  threshold: { type: 'string' },
  'due-year': { type: 'string' },
  // checklist
  item: { type: 'string' },
  by: { type: 'string' },
  note: { type: 'string' },
  evidence: { type: 'string', multiple: true },
  replace: { type: 'boolean', default: false },
  // stats
  'baseline-year': { type: 'string' },
  table: { type: 'string' },
} as const;

export type Flags = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

/** One command line mapped to one dispatch call. */
export interface Call {
  method: string;
  input: unknown;
  /** Prints the value as this text instead of JSON or the human rendering (e.g. CSV). */
  text?: (value: unknown) => string;
  /** The call produced a file (a download token): it is fetched through file.read and saved here. */
  saveTo?: string;
  /** What to report once the file is saved, when a row count says nothing (e.g. a fixed-layout form). */
  saved?: (value: unknown, file: string) => { json: unknown; text: string };
  /**
   * A list too long to hold (hundreds of thousands of records): after the call has checked the
   * input, these records are written as one JSON array, record by record, instead of the value.
   * A promise lets the command load its reader only when it runs.
   */
  stream?: (value: unknown, db: LedgerDb) => Iterable<unknown> | Promise<Iterable<unknown>>;
  /** Several calls for one command line (e.g. upload files, then record); returns the value to print. */
  run?: (call: (method: string, input: unknown) => Promise<unknown>) => Promise<unknown>;
}

/** `rest` holds the positionals after the area and verb (e.g. an id given without --id). */
export type CommandTable = Record<string, (flags: Flags, rest: string[]) => Call>;

export class UsageError extends Error {}

export function intFlag(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`--${flag} 应为正整数编号。`);
  return Number(value);
}

export function optionalInt(value: string | undefined, flag: string): number | undefined {
  return value === undefined ? undefined : intFlag(value, flag);
}

export function idFrom(flags: Flags, rest: string[]): number {
  return intFlag(flags.id ?? rest[0], 'id');
}

export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** On update an empty flag value clears the field. */
export function clearable(value: string | undefined): string | null | undefined {
  return value === '' ? null : value;
}
