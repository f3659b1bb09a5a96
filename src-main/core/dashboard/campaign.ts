import type BetterSqlite3 from 'better-sqlite3';
import { organizationsMeetingTemplate, templateIdInForce } from '../checklist/evaluate';

// The one place the dashboard meets the checklist evaluator. A community "meets the campaign
// goals" when it meets every applicable item of the chosen template (default 五有); deciding that
// is the checklist's job, so the dashboard never guesses.

export interface Campaign {
  /** The organisations among those asked about that meet every applicable item. */
  meeting: Set<number>;
  /**
   * The configured code names no template (the setting refuses unknown codes, so only a file
   * edited outside the app gets here): the goal rate then shows why instead of the dashboard failing.
   */
  templateMissing: boolean;
}

export function evaluateCampaign(sqlite: BetterSqlite3.Database, input: { templateCode: string; asOf: string; organizationIds: number[] }): Campaign {
  if (templateIdInForce(sqlite, input.templateCode, input.asOf) === null) return { meeting: new Set(), templateMissing: true };
  return { meeting: organizationsMeetingTemplate(sqlite, input), templateMissing: false };
}
