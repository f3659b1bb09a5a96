import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../errors';
import type { ImportOptions } from '../../api/contract/import';
import type { StagedRow } from '../stage';
import type { IssueList } from './issues';
import type { PendingOrg } from './orgs';

export interface Duplicate {
  row: number;
  name: string;
  /** Masked. */
  idNumber: string | null;
  where: 'ledger' | 'file';
  otherRow: number | null;
}

export interface NameMatch {
  name: string;
  rows: number;
  firstRow: number;
  suggestions: { id: number; name: string }[];
}

export interface PendingTeam {
  /** Negative: stands for the team until the commit creates it. */
  ref: number;
  name: string;
  /** Null: led directly by the county society; negative: an organisation this import creates. */
  orgId: number | null;
  /** The earliest registration among the volunteers joining it, so their memberships and hours fit. */
  foundedOn: string;
}

/** What the preview found; `actions` are the writes a commit will make, per kind. */
export interface Plan<A = unknown> {
  kind: ImportOptions['kind'];
  actions: A[];
  inserted: number;
  updated: number;
  unchanged: number;
  issues: IssueList;
  duplicates: Duplicate[];
  unmatchedOrgs: NameMatch[];
  unmatchedTeams: NameMatch[];
  pendingOrgs: PendingOrg[];
  pendingTeams: PendingTeam[];
}

export interface PlanInput {
  sqlite: BetterSqlite3.Database;
  /** The table's rows in sheet order, batch by batch as the reader delivers them. */
  rows: AsyncIterable<readonly StagedRow[]>;
  /** The sheet's own date (填表日期, else the file's saved date, else today); null unless the
   *  kind's handler asks for it (it is known only once the whole sheet is read). */
  sheetDate: string | null;
  options: ImportOptions;
  today: string;
  youthReferenceDate: string | null;
  signal?: AbortSignal | undefined;
  /** Rows planned so far. */
  onProgress?: (done: number) => void;
}

/**
 * The rows in order; `onBatch` sees each batch before its rows (to look their people up in one
 * query). Every few thousand rows the event loop breathes (progress polls, cancel, the reader's
 * next batches).
 */
export async function* eachRow(input: PlanInput, onBatch?: (batch: readonly StagedRow[]) => void): AsyncGenerator<StagedRow> {
  let i = 0;
  for await (const batch of input.rows) {
    onBatch?.(batch);
    for (const row of batch) {
      if (i % 2000 === 0) {
        input.onProgress?.(i);
        await new Promise((resolve) => setImmediate(resolve));
        if (input.signal?.aborted) throw new AppError('CANCELLED');
      }
      i += 1;
      yield row;
    }
  }
}

type PlanParts<A> = Pick<Plan<A>, 'kind' | 'actions' | 'unchanged' | 'issues' | 'duplicates'> &
  Partial<Pick<Plan<A>, 'unmatchedOrgs' | 'unmatchedTeams' | 'pendingOrgs' | 'pendingTeams'>>;

/**
 * A planner's result, with the counts taken from its actions. An organisation the clerk chose to
 * create is created only when a row that is imported (or a team created) belongs to it: when all
 * its rows were rejected for something else it would stand empty in the ledger.
 */
export function finishPlan<A extends { type: string }>(parts: PlanParts<A>): Plan<A> {
  let inserted = 0;
  let updated = 0;
  for (const a of parts.actions) {
    if (a.type === 'insert') inserted += 1;
    else if (a.type === 'update') updated += 1;
  }
  let pendingOrgs = parts.pendingOrgs ?? [];
  if (pendingOrgs.length > 0) {
    const used = new Set<number>();
    collectOrgRefs([parts.actions, parts.pendingTeams ?? []], used, 0);
    pendingOrgs = pendingOrgs.filter((o) => used.has(o.ref));
  }
  return { unmatchedOrgs: [], unmatchedTeams: [], pendingTeams: [], ...parts, pendingOrgs, inserted, updated };
}

/** Negative orgId values (organisations this import creates) anywhere in the planned values. */
function collectOrgRefs(value: unknown, into: Set<number>, depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectOrgRefs(item, into, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === 'orgId' && typeof item === 'number' && item < 0) into.add(item);
    else collectOrgRefs(item, into, depth + 1);
  }
}
