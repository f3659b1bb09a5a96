import type BetterSqlite3 from 'better-sqlite3';
import { organizationsMeetingTemplate } from '../checklist/evaluate';

// The one place the dashboard meets the checklist evaluator. A community "meets the campaign
// goals" when it meets every applicable item of the chosen template (default 五有); deciding that
// is the checklist's job, so the dashboard takes it as a dependency and never guesses.

/** The organisations among `organizationIds` that meet every applicable item of the template on `asOf`. */
export type CommunitiesMeeting = (input: { templateCode: string; asOf: string; organizationIds: number[] }) => Set<number>;

/**
 * The evaluator for a ledger, or null while none is wired in (the goal-rate target then shows
 * 达标模板评估尚未接入). Wiring the checklist's evaluator is this one line:
 *   return (input) => organizationsMeetingTemplate(sqlite, input);
 * with `import { organizationsMeetingTemplate } from '../checklist/evaluate';`.
 */
export function campaignEvaluatorFor(sqlite: BetterSqlite3.Database): CommunitiesMeeting | null {
  return (input) => organizationsMeetingTemplate(sqlite, input);
}
