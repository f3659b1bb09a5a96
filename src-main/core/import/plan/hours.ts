import { activityTitle, minutesPerDay, priorHoursTitle } from '../../domain/service-hours';
import { type ActivityCategory, cleanIdNumber, cleanPersonName, matchActivityCategory, parseHours } from '../clean/index';
import type { RawCell } from '../read/types';
import { dateCell, onDuplicate, optionalText } from './cells';
import { cellText, isEmptyCell, IssueList } from './issues';
import { otherDocumentFinder } from './people';
import { TeamResolver } from './teams';
import { eachRow, type Duplicate, type Plan, type PlanInput, finishPlan } from './types';
import { hoursText } from './volunteers';

// 志愿服务时长 rows: one volunteer's hours on one activity. Rows with the same date, activity
// name and team are one activity (one service_record with several volunteers' hours), as
// service.add stores it; an activity already in the ledger with the same date, name and team
// gets the new volunteers' hours. The rules of service.add apply per row: not in the future,
// not before the volunteer registered nor after they left, at most 24 hours per person per day
// counting this file and what the ledger already holds. Hours in days are refused, never converted.

export interface NewRecord {
  heldOn: string;
  title: string;
  categoryId: number | null;
  teamId: number | null;
  orgId: number | null;
  place: string | null;
  notes: string | null;
}

/** Minutes left on a record of an imported 累计服务时长 once this row's hours are taken out of it (0: none left). */
export interface PriorCut {
  recordId: number;
  minutes: number;
}

export type HoursAction =
  | { type: 'insert'; row: number; activity: string; record: NewRecord | { id: number }; volunteerId: number; minutes: number; cuts?: PriorCut[] }
  | { type: 'update'; row: number; recordId: number; volunteerId: number; minutes: number };

interface VolunteerHit {
  id: number;
  name: string;
  id_number: string | null;
  organization_id: number | null;
  registered_on: string;
  left_on: string | null;
}

const maskedId = /^(\d{6})\*{6,10}(\d{3}[\dX])$/;

export async function planHours(input: PlanInput): Promise<Plan<HoursAction>> {
  const { sqlite, options, today } = input;
  const issues = new IssueList(options.kind);
  const teams = new TeamResolver(sqlite, { withDissolved: true });
  const columns = 'v.id, p.name, p.id_number, v.organization_id, v.registered_on, v.left_on';
  const byNumber = sqlite.prepare(`SELECT ${columns} FROM volunteer v JOIN person p ON p.id = v.person_id WHERE p.id_number = ? AND p.id_type IN ('resident_id', 'hmt_residence_permit')`);
  const byOtherDocument = otherDocumentFinder<VolunteerHit>(sqlite, `SELECT ${columns} FROM volunteer v JOIN person p ON p.id = v.person_id`);
  const byName = sqlite.prepare(`SELECT ${columns} FROM volunteer v JOIN person p ON p.id = v.person_id WHERE p.name = ?`);
  const personByNumber = sqlite.prepare(`SELECT 1 FROM person WHERE id_number = ?`).pluck();
  // The records a roster's 累计服务时长 was spread over (24 h a day back from its date) are a
  // total, not hours served on those days: counting them would refuse real hours of those days
  // for a false reason. Such rows get the warning that the total may already hold them.
  const storedOnDay = sqlite.prepare(
    'SELECT ifnull(sum(h.minutes), 0) FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE h.volunteer_id = ? AND r.held_on = ? AND r.title <> ?',
  ).pluck();
  // Two records may share date, name and team (two sessions of one course), each with hours of the
  // same volunteer: a row is the volunteer's hours on one that holds them and no earlier row took,
  // the one with the same hours first; else on the first record.
  // Titles are compared normalised in code: records saved before service.add normalised its
  // title ("敬老 院慰问") are the same activity as the sheet's 敬老院慰问.
  const recordsOnDay = sqlite.prepare(
    `SELECT r.id, r.title, h.minutes FROM service_record r LEFT JOIN service_hours h ON h.service_record_id = r.id AND h.volunteer_id = ?
     WHERE r.held_on = ? AND ifnull(r.team_id, 0) = ? ORDER BY r.id`,
  );
  const existingRecords = (volunteerId: number, heldOn: string, title: string, teamId: number) =>
    (recordsOnDay.all(volunteerId, heldOn, teamId) as { id: number; title: string; minutes: number | null }[]).filter((r) => activityTitle(r.title) === title);
  // The teams whose records of that day already hold the volunteer's hours, with their titles.
  const teamsWithHours = sqlite.prepare(
    `SELECT r.team_id, r.title FROM service_record r JOIN service_hours h ON h.service_record_id = r.id
     WHERE h.volunteer_id = ? AND r.held_on = ? AND r.team_id IS NOT NULL`,
  );
  const memberships = sqlite.prepare('SELECT team_id FROM team_membership WHERE volunteer_id = ?').pluck();
  // A volunteer imported with a 累计服务时长 has it as records up to the sheet's date. Hours of a
  // day up to that date are part of that total (it is cumulative), so they are taken out of it,
  // latest record first, and the volunteer's total stays what the roster said: a roster and its
  // itemised hours imported one after the other (moving to a new ledger through the exports)
  // count the hours once.
  const priorRecords = sqlite.prepare(
    'SELECT r.id, r.held_on, h.minutes FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE h.volunteer_id = ? AND r.title = ? ORDER BY r.held_on DESC, r.id DESC',
  );
  interface Prior {
    upTo: string;
    total: number;
    records: { id: number; minutes: number }[];
    said: boolean;
    /** Said that the rows exceed it (once: every later row of that period would say it again). */
    saidOver: boolean;
  }
  const priorOf = new Map<number, Prior | null>();
  const priorFor = (volunteerId: number): Prior | null => {
    let prior = priorOf.get(volunteerId);
    if (prior === undefined) {
      const records = priorRecords.all(volunteerId, priorHoursTitle) as { id: number; held_on: string; minutes: number }[];
      prior = records.length === 0 ? null : { upTo: records[0]!.held_on, total: records.reduce((sum, r) => sum + r.minutes, 0), records: records.map((r) => ({ id: r.id, minutes: r.minutes })), said: false, saidOver: false };
      priorOf.set(volunteerId, prior);
    }
    return prior;
  };
  const categories = sqlite.prepare('SELECT id, name FROM activity_category ORDER BY sort_order, id').all() as ActivityCategory[];
  /** A new activity's category, as its first row gave it, for the rows after it. */
  const recordCategory = new Map<string, { row: number; category: ActivityCategory | null }>();

  /** volunteer|day → minutes the ledger holds and minutes this file adds. */
  const day = new Map<string, { stored: number; added: number }>();
  /** activity|volunteer → first row, for the same person listed twice in one activity. */
  const seen = new Map<string, number>();
  const records = new Map<string, NewRecord>();
  const actions: HoursAction[] = [];
  const duplicates: Duplicate[] = [];
  let unchanged = 0;

  for await (const { row, values } of eachRow(input)) {
    const volunteer = findVolunteer(row, values.name, values.idNumber);
    const heldOn = dateCell(row, values.heldOn, 'heldOn', issues, {
      required: true,
      notAfter: today,
      notBefore: volunteer ? { date: volunteer.registered_on, label: `${volunteer.name}的志愿者注册时间` } : null,
    });
    if (volunteer && heldOn && volunteer.left_on !== null && volunteer.left_on <= heldOn) {
      issues.reject(row, 'heldOn', `${volunteer.name}已于 ${volunteer.left_on} 退出志愿者队伍，不能登记 ${heldOn} 的服务。`);
    }
    const title = isEmptyCell(values.title) ? '' : activityTitle(cellText(values.title));
    if (!title) issues.reject(row, 'title', '没有填写活动名称。');
    let minutes: number | null = null;
    if (isEmptyCell(values.hours)) issues.reject(row, 'hours', '没有填写服务时长。');
    else {
      const parsed = parseHours(values.hours as RawCell);
      if ('error' in parsed) issues.reject(row, 'hours', parsed.error);
      else if (parsed.value > minutesPerDay) issues.reject(row, 'hours', `一次服务 ${hoursText(parsed.value)} 小时，超过每人每天 24 小时。`);
      else minutes = parsed.value;
    }
    let teamId: number | null = null;
    let teamOrg: number | null = null;
    // Two organisations' teams may share a name: the team whose record already holds these hours,
    // else a team the volunteer is in, else the volunteer's own organisation's is meant; a
    // dissolved team only when no active one has the name.
    const preferred = volunteer
      ? [
          heldOn && title
            ? (teamsWithHours.all(volunteer.id, heldOn) as { team_id: number; title: string }[]).filter((r) => activityTitle(r.title) === title).map((r) => r.team_id)
            : [],
          memberships.all(volunteer.id) as number[],
        ]
      : [];
    const team = teams.match(row, values.team, volunteer ? volunteer.organization_id : undefined, preferred);
    if (team && 'unknown' in team) {
      issues.reject(
        row,
        'team',
        team.sameName > 1
          ? `台账中有 ${team.sameName} 个服务队叫“${team.unknown}”，${volunteer ? '都不属于这名志愿者所属的组织，' : ''}无法确定是哪一个；请在表中写明队名全称，或在“服务时长”中逐次登记。`
          : `服务队“${team.unknown}”不在台账中${TeamResolver.nearText(team)}，请改正队名，或先导入或登记该服务队。`,
      );
    } else if (team?.team) {
      teamId = team.id;
      teamOrg = team.team.organization_id;
      if (heldOn && team.team.founded_on > heldOn) issues.reject(row, 'heldOn', `服务日期 ${heldOn} 早于“${team.team.name}”的成立日期 ${team.team.founded_on}。`);
      if (heldOn && team.team.dissolved_on !== null && heldOn >= team.team.dissolved_on) {
        issues.reject(row, 'heldOn', `服务日期 ${heldOn} 不早于“${team.team.name}”的解散日期 ${team.team.dissolved_on}。`);
      }
    }
    if (issues.isRejected(row) || !volunteer || !heldOn || minutes === null) continue;
    const category = categoryOf(row, values.category);

    const activity = `${heldOn}\u0001${title}\u0001${teamId ?? 0}`;
    // An activity new to the ledger is created once, by its first row.
    let record: NewRecord | { id: number } | undefined = records.get(activity);
    /** The volunteer's hours the ledger already holds on that record. */
    let before: number | null = null;
    if (!record) {
      const existing = existingRecords(volunteer.id, heldOn, title, teamId ?? 0);
      const open = existing.filter((r) => r.minutes !== null && !seen.has(`#${r.id}\u0001${volunteer.id}`));
      const chosen = open.find((r) => r.minutes === minutes) ?? open[0] ?? existing[0];
      if (chosen) {
        record = { id: chosen.id };
        before = chosen.minutes;
      } else {
        const created: NewRecord = {
          heldOn,
          title,
          categoryId: category?.id ?? null,
          teamId,
          orgId: teamId !== null ? teamOrg : options.orgId,
          place: optionalText(values.place),
          notes: optionalText(values.notes),
        };
        records.set(activity, created);
        recordCategory.set(activity, { row, category });
        record = created;
      }
    } else {
      const first = recordCategory.get(activity);
      if (first && category && first.category?.id !== category.id) {
        issues.warn(row, 'category', `与第 ${first.row} 行是同一次活动，类别按第 ${first.row} 行的“${first.category?.name ?? '未填'}”登记，本行的“${category.name}”未用。`);
      }
    }
    const recordKey = 'id' in record ? `#${record.id}` : activity;
    const first = seen.get(`${recordKey}\u0001${volunteer.id}`);
    if (first !== undefined) {
      duplicates.push({ row, name: volunteer.name, idNumber: null, where: 'file', otherRow: first });
      issues.reject(row, 'name', `与第 ${first} 行是同一名志愿者的同一次活动（${heldOn}“${title}”），请合并为一行。`);
      continue;
    }

    const dayKey = `${volunteer.id}|${heldOn}`;
    let total = day.get(dayKey);
    if (!total) {
      total = { stored: storedOnDay.get(volunteer.id, heldOn, priorHoursTitle) as number, added: 0 };
      day.set(dayKey, total);
    }
    const others = total.stored - (before ?? 0) + total.added;
    if (others + minutes > minutesPerDay) {
      issues.reject(
        row,
        'hours',
        `${volunteer.name} ${heldOn} 已有 ${hoursText(others)} 小时（台账中和表中其他行），再加 ${hoursText(minutes)} 小时共 ${hoursText(others + minutes)} 小时，超过每人每天 24 小时。`,
      );
      continue;
    }
    seen.set(`${recordKey}\u0001${volunteer.id}`, row);

    if (before === null) {
      const prior = priorFor(volunteer.id);
      const cuts: PriorCut[] = [];
      if (prior && heldOn <= prior.upTo) {
        let left = minutes;
        for (const r of prior.records) {
          if (left === 0) break;
          if (r.minutes === 0) continue;
          const take = Math.min(r.minutes, left);
          r.minutes -= take;
          left -= take;
          cuts.push({ recordId: r.id, minutes: r.minutes });
        }
        if (!prior.said) {
          prior.said = true;
          issues.warn(row, 'hours', `${volunteer.name}在台账中有导入的累计服务时长 ${hoursText(prior.total)} 小时（截至 ${prior.upTo}），其中已含这一天及之前的服务：这些行的时长从累计中扣出，逐次登记，总时长不变。`);
        }
        if (left > 0 && !prior.saidOver) {
          prior.saidOver = true;
          issues.warn(row, 'hours', `${volunteer.name}截至 ${prior.upTo} 的服务已超过导入的累计服务时长 ${hoursText(prior.total)} 小时，从本行起多出的时长（本行 ${hoursText(left)} 小时）计入总时长；请核对当初名册上的累计服务时长。`);
        }
      }
      total.added += minutes;
      actions.push({ type: 'insert', row, activity, record, volunteerId: volunteer.id, minutes, ...(cuts.length > 0 ? { cuts } : {}) });
      continue;
    }
    duplicates.push({ row, name: volunteer.name, idNumber: null, where: 'ledger', otherRow: null });
    const decision = onDuplicate(options, issues, row, 'hours', `台账中已登记${volunteer.name}在 ${heldOn}“${title}”的服务时长 ${hoursText(before)} 小时`, before === minutes ? [] : ['hours']);
    if (decision === 'unchanged') unchanged += 1;
    else if (decision === 'update') {
      total.added += minutes - before;
      actions.push({ type: 'update', row, recordId: (record as { id: number }).id, volunteerId: volunteer.id, minutes });
    }
  }

  return finishPlan({
    kind: options.kind,
    actions,
    unchanged,
    issues,
    duplicates,
    unmatchedTeams: teams.unmatchedNames(),
  });

  /** The row's 活动类别 from the list, or null (empty, or not in the list: with a warning). */
  function categoryOf(row: number, cell: RawCell | undefined): ActivityCategory | null {
    if (isEmptyCell(cell)) return null;
    const match = matchActivityCategory(cellText(cell), categories);
    if ('category' in match) return match.category;
    issues.warn(
      row,
      'category',
      match.candidates.length > 1
        ? `活动类别“${match.unknown}”可能是${match.candidates.map((c) => `“${c.name}”`).join('或')}，无法确定，本行的活动未填类别；可在“服务时长”中补填。`
        : `活动类别“${match.unknown}”不在列表中（${categories.map((c) => c.name).join('、')}），本行的活动未填类别；可在“服务时长”中补填。`,
    );
    return null;
  }

  /** The row's volunteer by ID number, or by a name unique among the ledger's volunteers when the number is absent or masked. */
  function findVolunteer(row: number, nameCell: RawCell | undefined, idCell: RawCell | undefined): VolunteerHit | null {
    const name = isEmptyCell(nameCell) ? null : cleanPersonName(nameCell as RawCell);
    if (name && 'error' in name) {
      issues.reject(row, 'name', name.error);
      return null;
    }
    const written = name?.value ?? null;
    // Hours sheets are typed line by line beside a list of names: another person's name on the
    // number is more likely a slip to the next line than a change of name, and crediting the
    // number's owner would give hours to the wrong person. (Rosters keep the ledger's name.)
    const sameName = (hit: VolunteerHit): VolunteerHit | null => {
      if (!written || written === hit.name) return hit;
      issues.reject(row, 'name', `表中姓名“${written}”与该身份证号码在台账中登记的“${hit.name}”不同，可能错行，请核对。`);
      return null;
    };
    const idText = isEmptyCell(idCell) ? '' : cellText(idCell).replace(/\s/g, '').toUpperCase();
    const masked = maskedId.exec(idText);
    // A passport or travel permit: its number as the ledger holds it, or masked, with the name.
    const others = idText && !masked ? byOtherDocument(idText, written) : [];
    if (others.length === 1) return sameName(others[0] as VolunteerHit);
    if (idText && !masked) {
      const id = cleanIdNumber(idCell as RawCell, today);
      if ('error' in id) {
        issues.reject(row, 'idNumber', id.error);
        return null;
      }
      const hit = (byNumber.get(id.value.idNumber) as VolunteerHit | undefined) ?? null;
      if (!hit) {
        issues.reject(
          row,
          'idNumber',
          personByNumber.get(id.value.idNumber) ? '此人在台账中，但不是注册志愿者；请先登记为志愿者再导入服务时长。' : '台账中没有这个身份证号码的志愿者；请先导入志愿者名册。',
        );
        return null;
      }
      return sameName(hit);
    }
    if (!written) {
      issues.reject(row, 'name', '没有填写姓名和身份证号码，无法确定是哪一名志愿者。');
      return null;
    }
    let hits = byName.all(written) as VolunteerHit[];
    if (masked) hits = hits.filter((h) => h.id_number?.startsWith(masked[1] as string) && h.id_number.endsWith(masked[2] as string));
    if (hits.length === 1) return hits[0] as VolunteerHit;
    issues.reject(
      row,
      'name',
      hits.length === 0
        ? `台账中没有名为“${written}”的志愿者${masked ? '（按打码的身份证号码也找不到）' : ''}；请先导入志愿者名册。`
        : `台账中有 ${hits.length} 名志愿者叫“${written}”，请填写身份证号码以区分。`,
    );
    return null;
  }
}
