import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { type SeedOptions, createContext } from './context';
import { seedCountySociety } from './county';
import { seedGroupMembers } from './groups';
import { seedHonours } from './honours';
import { seedOrganizations } from './orgs';
import { seedPeople } from './people';
import { SCALES } from './scales';
import { seedService } from './service';
import { seedTeams } from './teams';
import { UsccAllocator } from './uscc';
import { withRosterIndexesSuspended } from '../db/roster-index';

// Deterministic synthetic ledger for demos, tests and benchmarks: the same scale, seed, today
// and county code always give the same database content. Every row is written through cached
// better-sqlite3 prepared statements inside one transaction (a Kysely query per row would
// dominate the run time at a million persons), with ids chosen by the generator so nothing has
// to be read back.

export type { SeedOptions } from './context';
export type { SeedScale } from './scales';

export interface SeedStats {
  organizations: number;
  /** Persons: members plus volunteers who are not members. */
  persons: number;
  /** Individual members, adult and youth. */
  members: number;
  youthMembers: number;
  groupMembers: number;
  volunteers: number;
  teams: number;
  serviceRecords: number;
  /** service_hours rows (one per participant per activity), not a sum of hours. */
  serviceHours: number;
  /** Wall-clock time of the run. */
  seconds: number;
}

/** Seeds an empty, migrated ledger. Throws if organisations or persons already exist. */
export function seedLedger(sqlite: BetterSqlite3.Database, options: SeedOptions): SeedStats {
  const started = performance.now();
  const scale = SCALES[options.scale];
  if (!scale) throw new Error(`unknown seed scale ${String(options.scale)}`);
  for (const table of ['organization', 'person', 'volunteer_team', 'group_member']) {
    const row = sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM ${table}) AS present`).get() as { present: number };
    if (row.present) throw new Error(`seedLedger needs an empty ledger, but ${table} already has rows`);
  }
  const ctx = createContext(sqlite, options, scale);

  // A bigger page cache keeps the random-order ID-number index in memory while a million
  // persons go in; restored afterwards since it is a per-connection setting.
  const previousCache = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  try {
    const stats = sqlite.transaction((): SeedStats => {
      seedCountySociety(ctx);
      const orgs = seedOrganizations(ctx);
      const people = withRosterIndexesSuspended(sqlite, () => seedPeople(ctx, orgs));
      const uscc = new UsccAllocator(options.countyCode);
      const groups = seedGroupMembers(ctx, orgs, uscc);
      const teamResult = seedTeams(ctx, orgs, people.volunteers, uscc);
      const service = seedService(ctx, orgs, people.volunteers, teamResult);
      seedHonours(ctx, { orgs, members: people.members, volunteers: people.volunteers, teams: teamResult.teams, groups, hours: service.hours });
      return {
        organizations: orgs.length,
        persons: people.persons,
        members: people.members.count,
        youthMembers: people.members.youth,
        groupMembers: groups.count,
        volunteers: people.volunteers.count,
        teams: teamResult.teams.length,
        serviceRecords: service.records,
        serviceHours: service.hours.count,
        seconds: 0,
      };
    })();
    // Timed after the commit, which writes most of the pages.
    return { ...stats, seconds: (performance.now() - started) / 1000 };
  } finally {
    sqlite.pragma(`cache_size = ${Number(previousCache)}`);
  }
}
