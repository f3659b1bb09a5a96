import { Phase, type SeedContext } from './context';
import { dayOf, dayStr, stampOn } from './days';
import type { GroupFacts } from './groups';
import type { SeedOrg } from './orgs';
import type { MemberFacts, VolunteerFacts } from './people';
import type { Rng } from './random';
import type { ServiceHoursFacts } from './service';
import type { SeedTeam } from './teams';

// Star awards and commendations. Stars are awarded by the county (1–3 stars) each year on
// 国际志愿者日 (5 December) to volunteers whose cumulative hours by then meet the default
// thresholds; commendations go out on 世界红十字日 (8 May) to members, volunteers,
// organisations, teams and group members that existed and were active on that day.

/** Default county-level thresholds in minutes: 100, 300 and 600 hours for 1, 2 and 3 stars. */
const STAR_MINUTES = [6_000, 18_000, 36_000] as const;

export interface HonourStats {
  starAwards: number;
  commendations: number;
}

export function seedHonours(
  ctx: SeedContext,
  facts: { orgs: readonly SeedOrg[]; members: MemberFacts; volunteers: VolunteerFacts; teams: readonly SeedTeam[]; groups: GroupFacts; hours: ServiceHoursFacts },
): HonourStats {
  const rng = ctx.rng(Phase.Honours);
  return { starAwards: seedStars(ctx, rng, facts.volunteers, facts.hours), commendations: seedCommendations(ctx, rng, facts) };
}

function documentNo(issuer: string, year: number, seq: number): string {
  return `${issuer}红〔${year}〕${seq}号`;
}

function seedStars(ctx: SeedContext, rng: Rng, volunteers: VolunteerFacts, hours: ServiceHoursFacts): number {
  const { today, todayYear, county } = ctx;
  const insert = ctx.sqlite.prepare(
    `INSERT INTO star_award (id, volunteer_id, star_level, awarded_on, awarding_level, document_no, minutes_at_award, created_at)
     VALUES (?, ?, ?, ?, 'county', ?, ?, ?)`,
  );
  // Participations grouped by volunteer, in date order.
  const order = Array.from({ length: hours.count }, (_, i) => i);
  order.sort((a, b) => (hours.volunteer[a] as number) - (hours.volunteer[b] as number) || (hours.day[a] as number) - (hours.day[b] as number));
  const awardDays: number[] = [];
  for (let year = 2018; year <= todayYear; year++) if (dayOf(year, 12, 5) <= today) awardDays.push(dayOf(year, 12, 5));

  let id = 0;
  for (let i = 0; i < order.length; ) {
    const v = hours.volunteer[order[i] as number] as number;
    let end = i;
    while (end < order.length && hours.volunteer[order[end] as number] === v) end++;
    let cursor = i;
    let cumulative = 0;
    let awarded = 0;
    for (const awardDay of awardDays) {
      while (cursor < end && (hours.day[order[cursor] as number] as number) <= awardDay) cumulative += hours.minutes[order[cursor++] as number] as number;
      if ((volunteers.left[v] as number) <= awardDay) break;
      let level = 0;
      while (level < STAR_MINUTES.length && cumulative >= (STAR_MINUTES[level] as number)) level++;
      // Not everyone eligible is put forward in the year they qualify.
      if (level > awarded && rng.chance(0.85)) {
        awarded = level;
        const year = Number(dayStr(awardDay).slice(0, 4));
        insert.run(++id, v + 1, level, dayStr(awardDay), documentNo(county.short, year, 20 + rng.index(20)), cumulative, stampOn(awardDay, rng));
      }
    }
    i = end;
  }
  return id;
}

function seedCommendations(
  ctx: SeedContext,
  rng: Rng,
  facts: { orgs: readonly SeedOrg[]; members: MemberFacts; volunteers: VolunteerFacts; teams: readonly SeedTeam[]; groups: GroupFacts },
): number {
  const { today, todayYear, county } = ctx;
  const insert = ctx.sqlite.prepare(
    `INSERT INTO commendation (id, title, year, awarding_level, awarded_on, document_no, person_id, organization_id, group_member_id, team_id,
       created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const { orgs, members, volunteers, teams, groups } = facts;
  const perKind = ctx.scale.commendationsPerKind;
  let id = 0;

  for (let year = 2019; year <= todayYear; year++) {
    const day = dayOf(year, 5, 8);
    if (day > today) break;
    // Each kind of commendation is one document of one awarding level.
    let level: 'county' | 'city' | 'province' = 'county';
    let doc = '';
    const newDocument = () => {
      const roll = rng.next();
      level = roll < 0.8 ? 'county' : roll < 0.95 ? 'city' : 'province';
      doc = documentNo(level === 'county' ? county.short : level === 'city' ? county.cityShort : county.provinceShort, year, 1 + rng.index(30));
    };
    /** Draws up to perKind distinct indices in [0, n) that pass `eligible`, with bounded retries. */
    const draw = (n: number, eligible: (i: number) => boolean): number[] => {
      const out: number[] = [];
      for (let tries = perKind * 20; n > 0 && out.length < perKind && tries > 0; tries--) {
        const i = rng.index(n);
        if (!out.includes(i) && eligible(i)) out.push(i);
      }
      return out;
    };
    const add = (title: string, personId: number | null, orgId: number | null, groupId: number | null, teamId: number | null) => {
      insert.run(++id, title, year, level, dayStr(day), doc, personId, orgId, groupId, teamId, stampOn(day, rng));
    };
    newDocument();
    for (const m of draw(members.count, (i) => (members.joined[i] as number) <= day && (members.lapsed[i] as number) > day)) {
      add('会员之星', members.personId[m] as number, null, null, null);
    }
    newDocument();
    for (const v of draw(volunteers.count, (i) => (volunteers.registered[i] as number) <= day && (volunteers.left[i] as number) > day)) {
      add('最美红十字志愿者', volunteers.personId[v] as number, null, null, null);
    }
    newDocument();
    for (const o of draw(orgs.length, (i) => {
      const org = orgs[i] as SeedOrg;
      return org.founded !== null && org.founded <= day && (org.retired === null || org.retired > day);
    })) {
      add('红十字工作先进集体', null, (orgs[o] as SeedOrg).id, null, null);
    }
    newDocument();
    for (const t of draw(teams.length, (i) => (teams[i] as SeedTeam).founded <= day && (teams[i] as SeedTeam).dissolved > day)) {
      add('优秀红十字志愿服务队', null, null, null, (teams[t] as SeedTeam).id);
    }
    newDocument();
    for (const g of draw(groups.count, (i) => (groups.joined[i] as number) <= day && (groups.lapsed[i] as number) > day)) {
      add('红十字爱心单位', null, null, g + 1, null);
    }
  }
  return id;
}
