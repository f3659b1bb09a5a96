import { BatchGroup, BatchInsert } from './batch';
import { Phase, type SeedContext } from './context';
import { dayOf, dayStr, secondSaturdayOfSeptember, stampOn, yearOf } from './days';
import type { SeedOrg } from './orgs';
import type { VolunteerFacts } from './people';
import { type Rng, WeightedPicker } from './random';
import type { TeamResult } from './teams';

// Service activities and each participant's minutes. Activities grow more frequent in recent
// years and cluster on the campaign's key days. A volunteer takes part in at most one activity
// per day (at most 480 minutes), so no one ever exceeds 1,440 minutes on a day.

/** Minutes per participation, for the star awards that follow. */
export interface ServiceHoursFacts {
  count: number;
  volunteer: Int32Array;
  day: Int32Array;
  minutes: Int32Array;
}

export interface ServiceResult {
  records: number;
  hours: ServiceHoursFacts;
}

const TITLES: Readonly<Record<string, readonly string[]>> = {
  关爱生命安全: ['应急救护培训进社区', '防溺水安全知识宣传', '心肺复苏普及培训', 'AED使用培训', '防灾减灾应急演练', '夏季安全知识讲座'],
  关爱老人: ['走访慰问空巢老人', '为老服务进家门', '老年人健康义诊', '重阳节敬老志愿服务', '助老智能手机教学'],
  关爱留守儿童和儿童健康成长: ['留守儿童暑期陪伴', '“护苗”安全课堂', '儿童防走失宣传', '关爱留守儿童结对帮扶'],
  关爱青少年健康成长: ['青少年应急救护课堂', '红十字知识进校园', '青春期健康讲座', '校园防欺凌宣传'],
  关爱帮助困难弱势群体: ['困难家庭走访慰问', '残疾人康复陪护', '助学金发放', '大病患者帮扶'],
  博爱送万家: ['“博爱送万家”慰问困难群众', '“博爱送万家”春节走访', '新春送温暖慰问'],
  世界红十字日: ['世界红十字日主题宣传', '“5·8”红十字博爱周宣传', '红十字运动知识宣传'],
  世界献血者日: ['世界献血者日无偿献血宣传', '无偿献血志愿服务', '献血屋引导服务'],
  世界急救日: ['世界急救日应急救护演示', '“救”在身边急救技能展示', '急救知识广场宣传'],
  国际志愿者日: ['国际志愿者日志愿服务', '志愿者集中服务日', '志愿者表彰与交流'],
  其他: ['造血干细胞捐献宣传', '遗体器官捐献知识宣传', '环境整治志愿服务', '防疫志愿服务', '文明城市创建志愿服务'],
};
// Ordinary days' categories: the five campaign themes, with a little 其他.
const ORDINARY = new WeightedPicker<string>([
  ['关爱生命安全', 30], ['关爱老人', 25], ['关爱留守儿童和儿童健康成长', 12], ['关爱青少年健康成长', 10], ['关爱帮助困难弱势群体', 13], ['其他', 10],
]);
const VILLAGE_PLACES = ['党群服务中心', '文化礼堂', '居家养老服务照料中心', '村民广场', '新时代文明实践站'];
const UNIT_PLACES = ['会议室', '门前广场', '活动室', '报告厅'];
const COUNTY_PLACES = ['人民广场', '体育中心', '文化中心', '中心血站献血屋', '城市客厅', '滨江公园'];

/** The campaign's key days in a year, with their categories. 博爱送万家 runs around the Spring Festival. */
function keyDays(year: number, rng: Rng): Array<readonly [day: number, category: string]> {
  return [
    [dayOf(year, 1, 10) + rng.index(26), '博爱送万家'],
    [dayOf(year, 5, 8), '世界红十字日'],
    [dayOf(year, 6, 14), '世界献血者日'],
    [secondSaturdayOfSeptember(year), '世界急救日'],
    [dayOf(year, 12, 5), '国际志愿者日'],
  ];
}

export function seedService(ctx: SeedContext, orgs: readonly SeedOrg[], volunteers: VolunteerFacts, teamResult: TeamResult): ServiceResult {
  const rng = ctx.rng(Phase.Service);
  const { sqlite, today, epoch, county } = ctx;
  const { teams, membersByTeam, membershipVolunteer, membershipJoined, membershipLeft } = teamResult;
  const target = Math.round(volunteers.count * ctx.scale.activitiesPerVolunteer);
  const batches = new BatchGroup();
  const insertRecord = new BatchInsert(
    sqlite, 'service_record',
    ['id', 'held_on', 'team_id', 'organization_id', 'category_id', 'title', 'place', 'beneficiary_households', 'beneficiary_people', 'created_at', 'updated_at'],
    batches,
  );
  const insertHours = new BatchInsert(sqlite, 'service_hours', ['service_record_id', 'volunteer_id', 'minutes'], batches);

  // Bigger teams and longer-lived teams hold more activities; teams without members hold none.
  const teamPicker = new WeightedPicker(
    teams.map((team, i) => [i, Math.sqrt(membersByTeam[i]?.length ?? 0) * (Math.min(today, team.dissolved - 1) - team.founded + 1)] as const),
  );
  const busy = new Set<number>(); // volunteer index * 100,000 + days since 2018
  const capacity = target * 12;
  const hours: ServiceHoursFacts = { count: 0, volunteer: new Int32Array(capacity), day: new Int32Array(capacity), minutes: new Int32Array(capacity) };

  // First pass: each activity's team, day, category and participants (with minutes), kept in
  // memory so that the rows can then be written in date order, as a ledger fills up over time.
  const planned: Array<{ team: number; day: number; category: string; firstPart: number; parts: number }> = [];
  const partVolunteer = new Int32Array(capacity);
  const partMinutes = new Int32Array(capacity);
  let partCount = 0;
  const chosen: number[] = [];
  for (let attempt = 0; planned.length < target && attempt < target * 3; attempt++) {
    const teamIndex = teamPicker.pick(rng);
    const team = teams[teamIndex];
    const roster = membersByTeam[teamIndex];
    if (!team || !roster) continue;
    const first = team.founded;
    const last = Math.min(today, team.dissolved - 1);
    let day = first + Math.floor((last - first + 1) * rng.next() ** 0.9);
    let category = ORDINARY.pick(rng);
    if (rng.chance(0.25)) {
      const [keyDay, keyCategory] = rng.pick(keyDays(yearOf(day), rng));
      if (keyDay >= first && keyDay <= last) {
        day = keyDay;
        category = keyCategory;
      }
    }

    // Participants: the team's core members (front of the roster) turn up far more often than the rest.
    const wanted = 2 + rng.index(10);
    chosen.length = 0;
    for (let tries = wanted * 4; chosen.length < wanted && tries > 0; tries--) {
      const slot = roster[Math.floor(roster.length * rng.next() ** 2.5)] as number;
      const v = membershipVolunteer[slot] as number;
      if ((membershipJoined[slot] as number) > day || (membershipLeft[slot] as number) <= day) continue;
      if ((volunteers.registered[v] as number) > day || (volunteers.left[v] as number) <= day) continue;
      if (busy.has(v * 100_000 + day - epoch) || chosen.includes(v)) continue;
      chosen.push(v);
    }
    if (chosen.length === 0) continue;

    planned.push({ team: teamIndex, day, category, firstPart: partCount, parts: chosen.length });
    const base = 2 + rng.index(8); // in half hours: 1–4.5 hours typical
    for (const v of chosen) {
      busy.add(v * 100_000 + day - epoch);
      partVolunteer[partCount] = v;
      partMinutes[partCount] = 30 * Math.min(16, Math.max(1, base + rng.index(5) - 2));
      partCount++;
    }
  }

  // Second pass: write in date order (stable, so same-day activities keep their planned order).
  const order = planned.map((_, i) => i).sort((a, b) => (planned[a] as (typeof planned)[number]).day - (planned[b] as (typeof planned)[number]).day || a - b);
  let records = 0;
  for (const index of order) {
    const { team: teamIndex, day, category, firstPart, parts } = planned[index] as (typeof planned)[number];
    const team = teams[teamIndex] as (typeof teams)[number];
    const id = ++records;
    const org = team.orgId === null ? null : (orgs[team.orgId - 1] as SeedOrg);
    const place = org === null ? `${county.short}${rng.pick(COUNTY_PLACES)}` : `${org.label}${rng.pick(org.type === '村' || org.type === '社区' ? VILLAGE_PLACES : UNIT_PLACES)}`;
    const households = rng.chance(0.6) ? rng.index(80) : null;
    const people = (households ?? 0) * 2 + rng.index(200);
    const stamp = stampOn(day, rng);
    const titles = TITLES[category] ?? TITLES['其他'] ?? ['志愿服务'];
    insertRecord.add(
      id, dayStr(day), team.id, team.orgId, ctx.categoryIds.get(category) ?? null, `${dayStr(day).slice(0, 4)}年${rng.pick(titles)}`,
      place, households, people, stamp, stamp,
    );
    for (let p = firstPart; p < firstPart + parts; p++) {
      const v = partVolunteer[p] as number;
      const minutes = partMinutes[p] as number;
      insertHours.add(id, v + 1, minutes);
      const slot = hours.count++;
      hours.volunteer[slot] = v;
      hours.day[slot] = day;
      hours.minutes[slot] = minutes;
    }
    if ((records & 0x3fff) === 0) ctx.progress('service', records, planned.length);
  }
  batches.flush();
  ctx.progress('service', records, planned.length);
  return { records, hours };
}
