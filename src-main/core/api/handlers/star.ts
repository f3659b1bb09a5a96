import type { ApiOutput, ParsedInput } from '../contract';
import { decodeCursor, keysetPage } from '../cursor';
import { mutation, query, type ReadContext, type WriteContext } from '../handler';
import { fail } from '../../errors';
import { recordChanges } from '../../db/change-log';
import { readSettings, writeSetting } from '../../db/settings';
import { findStarAward, highestAward, insertStarAward, readAwardCounts, readAwardPage, readHoursStandings, type StarAwardRow } from '../../db/star';
import { findVolunteerRow, volunteerMinutes } from '../../db/volunteer';
import { maskIdNumber } from '../../domain/id-number';
import { countyMaxStarLevel, minutesToHours, starLevelFor, thresholdsProblem } from '../../domain/stars';

export const starHandlers = {
  'star.overview': query(overview),
  'star.award': mutation(award),
  'star.register': query(register),
  'star.setThresholds': mutation(setThresholds),
};

/** Candidates listed in full up to this many; the count is always exact. */
const candidateListLimit = 500;

function toAward(row: StarAwardRow): ApiOutput<'star.award'> {
  return {
    id: row.id,
    volunteerId: row.volunteer_id,
    name: row.name,
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    orgName: row.org_name,
    level: row.star_level,
    awardedOn: row.awarded_on,
    awardingLevel: row.awarding_level,
    documentNo: row.document_no,
    hoursAtAward: minutesToHours(row.minutes_at_award),
  };
}

async function overview(ctx: ReadContext, input: ParsedInput<'star.overview'>): Promise<ApiOutput<'star.overview'>> {
  const asOf = input.asOf ?? ctx.today;
  const thresholds = (await readSettings(ctx.db)).starThresholdsHours;
  const standings = readHoursStandings(ctx.sqlite, asOf, (thresholds[0] ?? 0) * 60);
  const awardCounts = readAwardCounts(ctx.sqlite, asOf);
  const eligible = thresholds.map(() => 0);
  const candidates: Array<{ volunteerId: number; minutes: number; level: number; awarded: number }> = [];
  for (const s of standings) {
    const reached = starLevelFor(s.minutes, thresholds);
    // Each level reached above the highest award is open to this volunteer.
    for (let level = s.awarded + 1; level <= reached; level++) eligible[level - 1]! += 1;
    if (reached > countyMaxStarLevel && reached > s.awarded) candidates.push({ volunteerId: s.volunteer_id, minutes: s.minutes, level: reached, awarded: s.awarded });
  }
  candidates.sort((a, b) => b.minutes - a.minutes || a.volunteerId - b.volunteerId);
  const listed = [];
  for (const c of candidates.slice(0, candidateListLimit)) {
    const v = await findVolunteerRow(ctx.db, c.volunteerId);
    if (!v) continue;
    listed.push({
      volunteerId: c.volunteerId,
      name: v.name,
      idNumber: v.id_number ? maskIdNumber(v.id_number) : null,
      orgName: v.org_name,
      hours: minutesToHours(c.minutes),
      level: c.level,
      awardedLevel: c.awarded > 0 ? c.awarded : null,
    });
  }
  return {
    asOf,
    thresholds,
    levels: thresholds.map((hours, i) => ({ level: i + 1, thresholdHours: hours, eligible: eligible[i] ?? 0, awarded: awardCounts.get(i + 1) ?? 0 })),
    candidates: listed,
    candidateCount: candidates.length,
  };
}

/** A county award of 1–3 stars: a fact with the hours it was based on, never recomputed afterwards. */
async function award(ctx: WriteContext, input: ParsedInput<'star.award'>): Promise<ApiOutput<'star.award'>> {
  if (input.level > countyMaxStarLevel) fail('INVALID_INPUT', `「星级」县级红十字会只能授予 1–${countyMaxStarLevel} 星；4 星由市级、5 星由省级红十字会授予，请在候选名单中向上推荐。`);
  const volunteer = await findVolunteerRow(ctx.db, input.volunteerId);
  if (!volunteer) fail('NOT_FOUND', `找不到编号为 ${input.volunteerId} 的志愿者。`);
  const awardedOn = input.awardedOn ?? ctx.today;
  if (awardedOn > ctx.today) fail('INVALID_INPUT', '「授予日期」不能晚于今天。');
  if (awardedOn < volunteer.registered_on) fail('INVALID_INPUT', `「授予日期」不能早于“${volunteer.name}”的注册日期 ${volunteer.registered_on}。`);
  if (volunteer.left_on !== null && volunteer.left_on <= awardedOn) fail('INVALID_STATE', `“${volunteer.name}”已于 ${volunteer.left_on} 退出志愿者队伍，不能授予星级。`);
  const previous = await highestAward(ctx.db, volunteer.id);
  if (previous && previous.star_level >= input.level) {
    fail('INVALID_STATE', `“${volunteer.name}”已于 ${previous.awarded_on} 获授 ${previous.star_level} 星，不能再授予 ${input.level} 星。`);
  }
  const thresholds = (await readSettings(ctx.db)).starThresholdsHours;
  const needed = thresholds[input.level - 1]!;
  const minutes = await volunteerMinutes(ctx.db, volunteer.id, awardedOn);
  if (minutes < needed * 60) {
    fail('INVALID_INPUT', `“${volunteer.name}”截至 ${awardedOn} 累计服务 ${minutesToHours(minutes)} 小时，未达到 ${input.level} 星所需的 ${needed} 小时。`);
  }
  const id = await insertStarAward(ctx.db, { volunteerId: volunteer.id, level: input.level, awardedOn, documentNo: input.documentNo, minutes }, ctx.now.toISOString());
  await recordChanges(ctx, 'volunteer', volunteer.id, 'star', { star: previous ? `${previous.star_level} 星` : null }, {
    star: `${input.level} 星（${awardedOn}${input.documentNo ? `，${input.documentNo}` : ''}，累计 ${minutesToHours(minutes)} 小时）`,
  });
  return toAward((await findStarAward(ctx.db, id))!);
}

async function register(ctx: ReadContext, input: ParsedInput<'star.register'>): Promise<ApiOutput<'star.register'>> {
  const after = input.after ? decodeCursor(input.after, ['string', 'number'] as const) : null;
  const rows = await readAwardPage(ctx.db, { volunteerId: input.volunteerId ?? null, level: input.level ?? null }, after ? { awardedOn: after[0], id: after[1] } : null, input.limit + 1);
  return keysetPage(rows, input.limit, toAward, (last) => [last.awarded_on, last.id]);
}

async function setThresholds(ctx: WriteContext, input: ParsedInput<'star.setThresholds'>): Promise<ApiOutput<'star.setThresholds'>> {
  const problem = thresholdsProblem(input.thresholdsHours);
  if (problem) fail('INVALID_INPUT', `「星级门槛」${problem}。`);
  const before = (await readSettings(ctx.db)).starThresholdsHours;
  await writeSetting(ctx.db, 'starThresholdsHours', input.thresholdsHours);
  await ctx.db
    .insertInto('change_log')
    .values({ batch_id: ctx.batchId, at: ctx.now.toISOString(), actor: ctx.actor, entity: 'setting', entity_id: 0, action: 'update', field: 'starThresholdsHours', old_value: before.join('/'), new_value: input.thresholdsHours.join('/') })
    .execute();
  return { thresholdsHours: input.thresholdsHours };
}
