import type BetterSqlite3 from 'better-sqlite3';
import { normalizeName } from '../../domain/text';
import { matchByName, nameKey } from '../clean/index';
import { cellText, isEmptyCell } from './issues';
import type { NameMatch, PendingTeam } from './types';

// Which 志愿服务队 a row names, matched like organisations (exact, then near names as
// suggestions). An unknown team is created only when the clerk asked for it (--create-teams);
// otherwise the caller imports the row without the team and says so.

export interface TeamRow {
  id: number;
  name: string;
  organization_id: number | null;
  /** The organisation's name; null for a team led by the county society. */
  org_name: string | null;
  founded_on: string;
  dissolved_on: string | null;
}

/** `sameName`: how many ledger teams have the name (more than one: which is meant is unclear). */
export type TeamMatch = { id: number; team: TeamRow | null } | { unknown: string; sameName: number; suggestions: { id: number; name: string }[] };

const keyOf = (orgId: number | null, name: string) => `${orgId ?? 0}\u0001${nameKey(name)}`;

export class TeamResolver {
  private readonly candidates: { id: number; name: string }[];
  readonly byId: Map<number, TeamRow>;
  private readonly byOrgAndName = new Map<string, TeamRow[]>();
  private readonly byOrg = new Map<number, TeamRow[]>();
  private readonly unmatched = new Map<string, NameMatch>();
  /** Teams this import creates, by name: one team however many organisations' rows name it. */
  private readonly pendingByName = new Map<string, PendingTeam>();
  readonly pending: PendingTeam[] = [];
  /** How many teams have each name (nameKey). */
  private readonly countByName = new Map<string, number>();

  /** Dissolved teams, asked only when no active team answers (hours of before the dissolution). */
  private readonly past: TeamResolver | null;
  /** Dissolved teams by organisation and name: a name the ledger keeps for them cannot be created again. */
  private readonly dissolvedByOrgAndName = new Map<string, TeamRow>();

  /** `withDissolved`: hours may be for a team's activities before it was dissolved. */
  constructor(sqlite: BetterSqlite3.Database, options: { withDissolved?: boolean; status?: 'active' | 'dissolved' } = {}) {
    const teams = sqlite
      .prepare(
        `SELECT t.id, t.name, t.organization_id, o.name AS org_name, t.founded_on, t.dissolved_on
         FROM volunteer_team t LEFT JOIN organization o ON o.id = t.organization_id
         WHERE t.status = ?`,
      )
      .all(options.status ?? 'active') as TeamRow[];
    this.past = options.withDissolved ? new TeamResolver(sqlite, { status: 'dissolved' }) : null;
    if ((options.status ?? 'active') === 'active') {
      const dissolved = sqlite
        .prepare(
          `SELECT t.id, t.name, t.organization_id, o.name AS org_name, t.founded_on, t.dissolved_on
           FROM volunteer_team t LEFT JOIN organization o ON o.id = t.organization_id WHERE t.status = 'dissolved'`,
        )
        .all() as TeamRow[];
      for (const t of dissolved) this.dissolvedByOrgAndName.set(keyOf(t.organization_id, t.name), t);
    }
    this.byId = new Map(teams.map((t) => [t.id, t]));
    this.candidates = teams.map((t) => ({ id: t.id, name: t.name }));
    for (const t of teams) {
      const name = nameKey(t.name);
      this.countByName.set(name, (this.countByName.get(name) ?? 0) + 1);
      const key = keyOf(t.organization_id, t.name);
      this.byOrgAndName.set(key, [...(this.byOrgAndName.get(key) ?? []), t]);
      if (t.organization_id !== null) this.byOrg.set(t.organization_id, [...(this.byOrg.get(t.organization_id) ?? []), t]);
    }
  }

  /**
   * null for an empty cell. Teams of different organisations may share a name ("应急救护队"):
   * the row's own organisation's team is taken first (also when the row leaves out the part of
   * its name that is the organisation's: 应急救护队 for 翠苑社区's 翠苑应急救护队), then one this
   * import creates, then a team led by the county, then a name unique in the county. A team of
   * another organisation is the caller's to point out (TeamRow.organization_id). `preferred`:
   * tiers of team ids that win over all of that when exactly one of a tier has the name (the
   * volunteer's memberships, the teams of records holding the row's hours).
   */
  match(row: number, cell: unknown, orgId?: number | null, preferred: readonly (readonly number[])[] = []): TeamMatch | null {
    if (isEmptyCell(cell)) return null;
    const written = normalizeName(cellText(cell));
    const found = this.find(row, written, orgId, preferred);
    if ('unknown' in found && !this.pendingByName.has(written)) {
      const entry = this.unmatched.get(written) ?? { name: written, rows: 0, firstRow: row, suggestions: found.suggestions.map((s) => ({ id: s.id, name: s.name })) };
      entry.rows += 1;
      this.unmatched.set(written, entry);
    }
    return found;
  }

  /**
   * Several teams in one cell written with / or spaces between them (应急救护队/博爱队), split only
   * when every part names a team match() knows, since a team's own name may hold a space.
   */
  splitKnown(row: number, text: string, orgId?: number | null, preferred: readonly (readonly number[])[] = []): string[] | null {
    const parts = text.split(/[/／\s]+/u).filter((t) => t !== '');
    if (parts.length < 2 || !('unknown' in this.find(row, normalizeName(text), orgId, preferred))) return null;
    return parts.every((part) => !('unknown' in this.find(row, normalizeName(part), orgId, preferred))) ? parts : null;
  }

  private find(row: number, written: string, orgId: number | null | undefined, preferred: readonly (readonly number[])[]): TeamMatch {
    const only = (key: string) => {
      const teams = this.byOrgAndName.get(key);
      return teams?.length === 1 ? teams[0]! : null;
    };
    // A team the volunteer is already in (or whose record already holds these hours) is the one an
    // export of the ledger names, even when their own organisation has a team of the same name:
    // taking the own team would put the export's rows on another team.
    const key = nameKey(written);
    for (const ids of preferred) {
      const hits = [...new Set(ids)].map((id) => this.byId.get(id) ?? this.past?.byId.get(id)).filter((t): t is TeamRow => t !== undefined && nameKey(t.name) === key);
      if (hits.length === 1) return { id: hits[0]!.id, team: hits[0]! };
      if (hits.length > 1) break;
    }
    if (orgId !== undefined) {
      const own = only(keyOf(orgId, written)) ?? this.ownWithPrefix(orgId, key);
      if (own) return { id: own.id, team: own };
    }
    // Created once: the planner's create() for this row finds it (and may move its founding earlier).
    if (this.pendingByName.has(written)) return { unknown: written, sameName: 0, suggestions: [] };
    const county = only(keyOf(null, written));
    if (county) return { id: county.id, team: county };
    const found = matchByName(written, this.candidates);
    if ('exact' in found) return { id: found.exact, team: this.byId.get(found.exact) ?? null };
    const past = this.past?.find(row, written, orgId, []);
    if (past && !('unknown' in past)) return past;
    return { unknown: written, sameName: this.countByName.get(key) ?? 0, suggestions: found.suggestions.map((s) => ({ id: s.id, name: s.name })) };
  }

  /** The one team of the organisation whose name is the written one after a part of the organisation's own name. */
  private ownWithPrefix(orgId: number | null, key: string): TeamRow | null {
    if (orgId === null || key.length < 2) return null;
    const hits = (this.byOrg.get(orgId) ?? []).filter((t) => {
      const team = nameKey(t.name);
      const prefix = team.slice(0, team.length - key.length);
      return team.length > key.length && team.endsWith(key) && t.org_name !== null && nameKey(t.org_name).includes(prefix);
    });
    return hits.length === 1 ? hits[0]! : null;
  }

  /** The row's organisation's dissolved team of a name match() did not know (`orgId` null: led by
   *  the county), if any; the row then no longer counts among the names the ledger lacks. */
  dissolved(name: string, orgId: number | null): TeamRow | null {
    const team = this.dissolvedByOrgAndName.get(keyOf(orgId, name)) ?? null;
    const entry = team ? this.unmatched.get(name) : undefined;
    if (entry && --entry.rows === 0) this.unmatched.delete(name);
    return team;
  }

  /** “（相近的有：A、B）” for a name match() did not know, or nothing. */
  static nearText(match: { suggestions: { name: string }[] }): string {
    return match.suggestions.length > 0 ? `（台账中相近的有：${match.suggestions.map((t) => `“${t.name}”`).join('、')}）` : '';
  }

  /** A team the commit creates, once per name, under the first row's organisation (`orgId` null =
   *  led by the county society), founded on the earliest registration of the rows joining it. */
  create(name: string, orgId: number | null, foundedOn: string): number {
    const existing = this.pendingByName.get(name);
    if (existing) {
      if (foundedOn < existing.foundedOn) existing.foundedOn = foundedOn;
      return existing.ref;
    }
    const team: PendingTeam = { ref: -(this.pending.length + 1), name, orgId, foundedOn };
    this.pending.push(team);
    this.pendingByName.set(name, team);
    this.unmatched.delete(name);
    return team.ref;
  }

  unmatchedNames(): NameMatch[] {
    return [...this.unmatched.values()].sort((a, b) => a.firstRow - b.firstRow);
  }
}
