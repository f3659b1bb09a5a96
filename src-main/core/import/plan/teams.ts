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
  founded_on: string;
  dissolved_on: string | null;
}

export type TeamMatch = { id: number; team: TeamRow | null } | { unknown: string };

export class TeamResolver {
  private readonly candidates: { id: number; name: string }[];
  readonly byId: Map<number, TeamRow>;
  private readonly byOrgAndName = new Map<string, TeamRow[]>();
  private readonly unmatched = new Map<string, NameMatch>();
  private readonly pendingByName = new Map<string, PendingTeam>();
  readonly pending: PendingTeam[] = [];

  constructor(sqlite: BetterSqlite3.Database) {
    const teams = sqlite.prepare(`SELECT id, name, organization_id, founded_on, dissolved_on FROM volunteer_team WHERE status = 'active'`).all() as TeamRow[];
    this.byId = new Map(teams.map((t) => [t.id, t]));
    this.candidates = teams.map((t) => ({ id: t.id, name: t.name }));
    for (const t of teams) {
      const key = `${t.organization_id ?? 0}\u0001${nameKey(t.name)}`;
      this.byOrgAndName.set(key, [...(this.byOrgAndName.get(key) ?? []), t]);
    }
  }

  /**
   * null for an empty cell. Teams of different organisations may share a name ("应急救护队"):
   * the row's own organisation's team is taken first, then a name unique in the county.
   */
  match(row: number, cell: unknown, orgId?: number | null): TeamMatch | null {
    if (isEmptyCell(cell)) return null;
    const written = normalizeName(cellText(cell));
    const pending = this.pendingByName.get(written);
    if (pending) return { id: pending.ref, team: null };
    if (orgId !== undefined) {
      const own = this.byOrgAndName.get(`${orgId ?? 0}\u0001${nameKey(written)}`);
      if (own?.length === 1) return { id: own[0]!.id, team: own[0]! };
    }
    const found = matchByName(written, this.candidates);
    if ('exact' in found) return { id: found.exact, team: this.byId.get(found.exact) ?? null };
    const entry = this.unmatched.get(written) ?? { name: written, rows: 0, firstRow: row, suggestions: found.suggestions.map((s) => ({ id: s.id, name: s.name })) };
    entry.rows += 1;
    this.unmatched.set(written, entry);
    return { unknown: written };
  }

  /** A team the commit creates, once per name; `orgId` null = led by the county society. */
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
