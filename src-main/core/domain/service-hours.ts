// Plausibility of recorded service time (issue 4 item 6). Pure: the handler gathers the facts
// (registration dates, minutes already stored for the day) and this decides what to refuse.

import { normalizeName } from './text';

export const minutesPerDay = 24 * 60;

/** The title of the service records a volunteer import makes of a sheet's 累计服务时长. */
export const priorHoursTitle = '导入前累计服务时长';

/**
 * An activity's title as stored and compared. service.add and the hours import must agree: an
 * export carries the stored title, and a re-import that read it differently would miss the
 * record and add the hours a second time.
 */
export function activityTitle(text: string): string {
  return normalizeName(text);
}

export interface HoursEntryFacts {
  /** 1-based row of the form or command line, named in the reason. */
  row: number;
  volunteerId: number;
  name: string;
  hours: number;
  registeredOn: string;
  /** The day the volunteer left, or null while registered. */
  leftOn: string | null;
  /** Minutes already stored for this volunteer on the same day, in other activities. */
  otherMinutesThatDay: number;
}

/** Hours as typed → whole minutes, or null when not a positive amount of at least one minute. */
export function hoursToMinutes(hours: number): number | null {
  if (!Number.isFinite(hours) || hours <= 0) return null;
  const minutes = Math.round(hours * 60);
  return minutes >= 1 ? minutes : null;
}

function formatHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/**
 * Every reason to refuse the entries of one activity held on `heldOn`, each naming the row and
 * the volunteer; an empty list means the activity may be stored. A volunteer listed twice is refused.
 */
export function serviceEntryProblems(heldOn: string, today: string, entries: readonly HoursEntryFacts[]): string[] {
  const problems: string[] = [];
  if (heldOn > today) problems.push(`「服务日期」${heldOn} 晚于今天，不能登记尚未发生的服务`);
  const seen = new Map<number, number>();
  for (const e of entries) {
    const who = `第 ${e.row} 行（${e.name}）`;
    const minutes = hoursToMinutes(e.hours);
    if (minutes === null) {
      problems.push(`${who}：「服务时长」应大于 0`);
      continue;
    }
    if (e.registeredOn > heldOn) problems.push(`${who}：${e.registeredOn} 才注册为志愿者，晚于服务日期 ${heldOn}`);
    if (e.leftOn !== null && e.leftOn <= heldOn) problems.push(`${who}：已于 ${e.leftOn} 退出志愿者队伍，不能登记 ${heldOn} 的服务`);
    const total = e.otherMinutesThatDay + minutes;
    if (total > minutesPerDay) {
      problems.push(
        e.otherMinutesThatDay > 0
          ? `${who}：${heldOn} 已登记 ${formatHours(e.otherMinutesThatDay)} 小时，再加 ${formatHours(minutes)} 小时共 ${formatHours(total)} 小时，超过每人每天 24 小时`
          : `${who}：${formatHours(minutes)} 小时超过每人每天 24 小时`,
      );
    }
    const first = seen.get(e.volunteerId);
    if (first !== undefined) problems.push(`${who}：与第 ${first} 行是同一名志愿者，请合并为一行`);
    else seen.set(e.volunteerId, e.row);
  }
  return problems;
}
