import { addDays } from '../../domain/dates';
import type { IdType } from '../../db/schema';
import { maskIdNumber } from '../../domain/id-number';
import { maskPhone } from '../../domain/phone';
import { implausibleCumulativeHours, parseHours, parseServiceFields } from '../clean/index';
import type { RawCell } from '../read/types';
import { dateCell, onDuplicate, optionalPhone, optionalText, withinMonth } from './cells';
import { cellText, isEmptyCell, IssueList } from './issues';
import { OrgResolver } from './orgs';
import { PersonFinder } from './people';
import { TeamResolver } from './teams';
import { eachRow, type Duplicate, type Plan, type PlanInput, finishPlan } from './types';

// 注册志愿者 rows → new volunteers (a person already in the ledger, e.g. a member, becomes a
// volunteer without a second person record), updates of existing ones, or reasons why not, with
// the rules of volunteer.add: registration not in the future nor before birth, fields of service
// from the ledger's list, the 救护员证 number with its expiry, teams matched by name.

export interface VolunteerPerson {
  name: string;
  gender: 'M' | 'F' | null;
  idType: IdType;
  idNumber: string;
  birthDate: string;
  phone: string | null;
}

export interface VolunteerValues {
  /** Null: no organisation (the column is empty and no default was chosen); negative: created by this import. */
  orgId: number | null;
  registeredOn: string;
  nationalNo: string | null;
  certNo: string | null;
  certExpiresOn: string | null;
  /** Set on a new volunteer who has left (退出), as an export of one says. */
  leftOn?: string | null;
  notes: string | null;
}

export type VolunteerAction =
  | {
      type: 'insert';
      row: number;
      personId: number | null;
      person: VolunteerPerson;
      volunteer: VolunteerValues;
      fieldIds: number[];
      /** Negative: a team this import creates. */
      teamRefs: number[];
      /** 累计服务时长 before the ledger, in minutes, with the date its records carry. */
      priorMinutes: number | null;
      priorOn: string;
    }
  | {
      type: 'update';
      row: number;
      personId: number;
      volunteerId: number;
      phone: string | null;
      volunteer: Partial<VolunteerValues>;
      addFieldIds: number[];
      teamRefs: number[];
    };

interface VolunteerRow {
  id: number;
  organization_id: number | null;
  registered_on: string;
  national_system_no: string | null;
  first_aid_cert_no: string | null;
  first_aid_cert_expires_on: string | null;
  notes: string | null;
  status: string;
  left_on: string | null;
}

export async function planVolunteers(input: PlanInput): Promise<Plan<VolunteerAction>> {
  const { sqlite, options, today } = input;
  const dated = input.sheetDate;
  if (dated === null) throw new Error('planVolunteers needs the sheet date (needsSheetDate)');
  // A 填表日期 still to come (a typo, a template dated ahead) would stretch the days a 累计服务时长
  // is checked against and date its records before the registration: today stands in for it.
  const future = dated > today;
  const sheetDate = future ? today : dated;
  const sheetDay = future ? `今天 ${today}` : `填表日期 ${sheetDate}`;
  let futureSaid = false;
  // Said once, at the first row the date changes something for (records dated, a figure checked):
  // an export re-imported on another machine whose clock is behind changes nothing and says nothing.
  const sayFuture = (row: number) => {
    if (!future || futureSaid) return;
    futureSaid = true;
    issues.sheetNote(row, `表的日期（填表日期，没有时为文件保存日期）${dated} 晚于今天，累计服务时长按截至今天（${today}）核对和登记；请核对表上的填表日期。`);
  };
  const issues = new IssueList(options.kind);
  const orgs = new OrgResolver(sqlite, options, issues);
  const people = new PersonFinder(sqlite);
  const teams = new TeamResolver(sqlite);
  const fields = sqlite.prepare('SELECT id, name FROM service_field ORDER BY sort_order, id').all() as { id: number; name: string }[];
  const fieldNames = fields.map((f) => f.name);
  const fieldId = new Map(fields.map((f) => [f.name, f.id]));
  const volunteerOf = sqlite.prepare(
    'SELECT id, organization_id, registered_on, national_system_no, first_aid_cert_no, first_aid_cert_expires_on, notes, status, left_on FROM volunteer WHERE person_id = ?',
  );
  const fieldsOf = sqlite.prepare('SELECT field_id FROM volunteer_service_field WHERE volunteer_id = ?').pluck();
  const teamsOf = sqlite.prepare('SELECT team_id FROM team_membership WHERE volunteer_id = ?').pluck();
  const firstService = sqlite.prepare('SELECT min(r.held_on) FROM service_hours h JOIN service_record r ON r.id = h.service_record_id WHERE h.volunteer_id = ?').pluck();
  const storedMinutes = sqlite.prepare('SELECT ifnull(sum(minutes), 0) FROM service_hours WHERE volunteer_id = ?').pluck();
  const actions: VolunteerAction[] = [];
  const duplicates: Duplicate[] = [];
  let unchanged = 0;

  for await (const { row, values } of eachRow(input, (batch) => people.prefetch(batch.map((r) => r.values.idNumber ?? null)))) {
    const who = people.identify(row, values, today, issues);
    if (!who) continue;
    const phone = optionalPhone(row, values.phone, 'phone', issues);

    const existing = who.existing ? ((volunteerOf.get(who.existing.id) as VolunteerRow | undefined) ?? null) : null;
    // 2020.5 says less than the ledger's 2020-05-04, not something else: read as the 1st it
    // would overwrite the exact date on update and make an export's row differ.
    const registeredCell = existing && withinMonth(values.registeredOn, existing.registered_on) ? existing.registered_on : values.registeredOn;
    const registeredOn = dateCell(row, registeredCell, 'registeredOn', issues, {
      required: true,
      allowYearMonth: true,
      notAfter: today,
      notBefore: { date: who.birthDate, label: '出生日期' },
    });
    const orgId = isEmptyCell(values.organization) && options.orgId === null ? null : orgs.resolve(row, values.organization, 'organization', existing?.organization_id ?? null);
    const orgRejected = orgId === null && issues.isRejected(row);

    const wanted: number[] = [];
    if (!isEmptyCell(values.serviceFields)) {
      const parsed = parseServiceFields(cellText(values.serviceFields), fieldNames);
      for (const name of parsed.fields) wanted.push(fieldId.get(name) as number);
      if (parsed.unknown.length > 0) {
        issues.warn(row, 'serviceFields', `“${parsed.unknown.join('、')}”不是台账中的服务领域（${fieldNames.join('、')}），未登记这一项。`);
      }
    }

    const nationalNo = optionalText(values.nationalSystemNo);
    const certNo = optionalText(values.firstAidCertNo);
    const certExpiresOn = dateCell(row, values.firstAidCertExpiresOn, 'firstAidCertExpiresOn', issues, {});
    if (certNo && !certExpiresOn && !issues.isRejected(row)) issues.reject(row, 'firstAidCertExpiresOn', '填写了救护员证号，请同时填写救护员证有效期。');
    if (!certNo && certExpiresOn) issues.reject(row, 'firstAidCertNo', '填写了救护员证有效期，请同时填写救护员证号。');
    // Stored as it is (the roster's 证书过期 filter finds it), but the clerk should know now; a
    // date the ledger already holds was said when it came in.
    if (certNo && certExpiresOn && certExpiresOn < today && certExpiresOn !== existing?.first_aid_cert_expires_on) {
      issues.warn(row, 'firstAidCertExpiresOn', `救护员证已于 ${certExpiresOn} 过期，请提醒复训换证。`);
    }
    const notes = optionalText(values.notes);
    const leftOn = dateCell(row, values.leftOn, 'leftOn', issues, { notAfter: today });
    if (leftOn !== null && registeredOn !== null && leftOn <= registeredOn) issues.reject(row, 'leftOn', `退出日期 ${leftOn} 不晚于注册时间 ${registeredOn}。`);
    // A volunteer who left served before leaving: the 累计服务时长 is dated up to the day before.
    const hoursUpTo = leftOn !== null && leftOn <= sheetDate ? addDays(leftOn, -1) : sheetDate;

    let priorMinutes: number | null = null;
    // 0 says “no service yet” (our own export writes it so): nothing to record.
    const noHours = values.totalHours === 0 || (typeof values.totalHours === 'string' && /^\s*0+(\.0+)?\s*(小时|h)?\s*$/iu.test(values.totalHours));
    if (!isEmptyCell(values.totalHours) && !noHours) {
      const parsed = parseHours(values.totalHours as RawCell);
      if ('error' in parsed) issues.reject(row, 'totalHours', parsed.error);
      else if (registeredOn !== null && registeredOn > hoursUpTo) {
        issues.reject(row, 'totalHours', `注册时间 ${registeredOn} 晚于${sheetDay}，无法核对累计服务时长；请核对注册时间或表上的填表日期。`);
      } else if (registeredOn !== null && implausibleCumulativeHours(parsed.value, registeredOn, hoursUpTo)) {
        sayFuture(row);
        const days = daysFrom(registeredOn, hoursUpTo);
        issues.reject(
          row,
          'totalHours',
          `累计服务时长 ${hoursText(parsed.value)} 小时不可信：从注册时间 ${registeredOn} 到${hoursUpTo === sheetDate ? sheetDay : `退出前一天 ${hoursUpTo}`} 共 ${days} 天，每天最多 24 小时，最多 ${days * 24} 小时。`,
        );
      } else priorMinutes = parsed.value;
    }

    if (issues.isRejected(row) || orgRejected || registeredOn === null) continue;

    const firstRow = people.claim(row, who);
    if (firstRow !== null) {
      duplicates.push({ row, name: who.name, idNumber: maskIdNumber(who.idNumber), where: 'file', otherRow: firstRow });
      issues.reject(row, 'idNumber', `与第 ${firstRow} 行是同一个人（身份证号码相同），同一人只按第一行处理。`);
      continue;
    }

    // Several teams in one cell (“应急救护队、博爱队”, as our export writes them): each is matched.
    const teamRefs: number[] = [];
    /** Teams of another organisation the row names, said only when the volunteer is not in them yet. */
    const foreign = new Map<number, string>();
    // The teams the volunteer is in win over their organisation's team of the same name, so an
    // export of the ledger re-imports onto the teams it came from.
    const memberOf = existing ? [teamsOf.all(existing.id) as number[]] : [];
    // A volunteer who has left is in no team (leaving ends every membership).
    if (leftOn !== null && !existing && !isEmptyCell(values.team)) issues.warn(row, 'team', `已于 ${leftOn} 退出，未加入表中的服务队。`);
    const teamNames = (isEmptyCell(values.team) || (leftOn !== null && !existing) ? [] : cellText(values.team).split(/[、，,;；\n]+/u).filter((t) => t.trim() !== ''))
      .flatMap((name) => teams.splitKnown(row, name, orgId, memberOf) ?? [name]);
    for (const teamName of teamNames) {
      const team = teams.match(row, teamName, orgId, memberOf);
      // A dissolved team keeps its name in its organisation: creating it again would fail the
      // whole commit, and joining it would put a volunteer in a team that no longer serves.
      const gone = team && 'unknown' in team ? teams.dissolved(team.unknown, orgId) : null;
      if (gone) {
        issues.warn(row, 'team', `服务队“${gone.name}”已于 ${gone.dissolved_on ?? ''} 解散，已导入志愿者但未加入该队。`);
      } else if (team && 'unknown' in team) {
        if (options.createTeams) {
          const known = teams.pending.length;
          const ref = teams.create(team.unknown, orgId, registeredOn);
          if (!teamRefs.includes(ref)) teamRefs.push(ref);
          if (teams.pending.length > known) {
            issues.warn(row, 'team', `服务队“${team.unknown}”不在台账中，按导入时的选择将新建该队${orgId === null ? '（县红十字会直属）' : ''}${TeamResolver.nearText(team)}。`);
          }
        } else if (team.sameName > 1) {
          issues.warn(row, 'team', `台账中有 ${team.sameName} 个服务队叫“${team.unknown}”，都不属于本行的组织，无法确定是哪一个；已导入志愿者但未加入服务队，请导入后在“服务队”中加入。`);
        } else {
          const near = TeamResolver.nearText(team);
          issues.warn(row, 'team', `台账中没有服务队“${team.unknown}”${near}，已导入志愿者但未加入该队（${near ? '如是其中之一请改正表中名称，否则' : ''}导入时勾选新建服务队可自动新建）。`);
        }
      } else if (team && !teamRefs.includes(team.id)) {
        teamRefs.push(team.id);
        const t = team.team;
        if (t && t.organization_id !== null && t.organization_id !== orgId) {
          foreign.set(t.id, `服务队“${t.name}”属于“${t.org_name ?? ''}”，不是本行所属的组织；已按队名加入该队，如不对请导入后在“服务队”中调整。`);
        }
      }
    }

    const volunteer: VolunteerValues = { orgId, registeredOn, nationalNo, certNo, certExpiresOn, leftOn, notes };
    const inTeams = new Set(memberOf[0] ?? []);
    for (const [teamId, warning] of foreign) if (!inTeams.has(teamId)) issues.warn(row, 'team', warning);
    // The ledger's name stays (a changed name is changed on the person's page, where it is logged);
    // a sheet that spells it otherwise is told, whatever else the row changes.
    if (who.existing && who.existing.name !== who.name) issues.warn(row, 'name', `身份证号码在台账中登记的姓名是“${who.existing.name}”，与表中“${who.name}”不同，保留台账中的姓名。`);
    if (!who.existing || !existing) {
      // A person already in the ledger in another role (a member) keeps the phone the ledger holds
      // unless the clerk chose to update: the volunteer sheet may be older than the member's page.
      let personPhone = phone;
      const had = who.existing?.phone ?? null;
      if (who.existing && phone !== null && had !== null && phone !== had) {
        if (options.onDuplicate === 'update') issues.warn(row, 'phone', `此人在台账中的手机号码 ${maskPhone(had)} 按导入时的选择（更新台账）改为表中的 ${maskPhone(phone)}。`);
        else {
          personPhone = null;
          issues.warn(row, 'phone', `此人在台账中已登记手机号码 ${maskPhone(had)}，与表中的 ${maskPhone(phone)} 不同；按导入时的选择保留台账中的号码（需改为表中的号码时请选择“更新台账”）。`);
        }
      }
      const person: VolunteerPerson = { name: who.name, gender: who.gender, idType: who.idType, idNumber: who.idNumber, birthDate: who.birthDate, phone: personPhone };
      if (priorMinutes !== null) sayFuture(row);
      actions.push({ type: 'insert', row, personId: who.existing?.id ?? null, person, volunteer, fieldIds: wanted, teamRefs, priorMinutes, priorOn: hoursUpTo });
      continue;
    }

    duplicates.push({ row, name: who.name, idNumber: maskIdNumber(who.idNumber), where: 'ledger', otherRow: null });
    const changes: Partial<VolunteerValues> = {};
    if (orgId !== null && orgId !== existing.organization_id) changes.orgId = orgId;
    if (registeredOn !== existing.registered_on) changes.registeredOn = registeredOn;
    if (nationalNo !== null && nationalNo !== existing.national_system_no) changes.nationalNo = nationalNo;
    if (certNo !== null && certNo !== existing.first_aid_cert_no) changes.certNo = certNo;
    if (certExpiresOn !== null && certExpiresOn !== existing.first_aid_cert_expires_on) changes.certExpiresOn = certExpiresOn;
    if (notes !== null && notes !== existing.notes) changes.notes = notes;
    const has = new Set(fieldsOf.all(existing.id) as number[]);
    const addFieldIds = wanted.filter((id) => !has.has(id));
    const joinTeams = teamRefs.filter((ref) => !inTeams.has(ref));
    const newPhone = phone !== null && phone !== who.existing.phone ? phone : null;
    const changed = [
      ...(newPhone ? ['phone'] : []),
      ...Object.keys(changes).map((k) => (k === 'orgId' ? 'organization' : k === 'nationalNo' ? 'nationalSystemNo' : k === 'certNo' ? 'firstAidCertNo' : k === 'certExpiresOn' ? 'firstAidCertExpiresOn' : k)),
      ...(addFieldIds.length > 0 ? ['serviceFields'] : []),
      ...(joinTeams.length > 0 ? ['team'] : []),
    ];
    // A 累计服务时长 that differs from the ledger's records is a difference the clerk should see
    // (keep lists the row), but an update never rewrites service records: they are facts with dates.
    const stored = storedMinutes.get(existing.id) as number;
    const hoursDiffer = priorMinutes !== null && priorMinutes !== stored;
    // Likewise a 退出 the ledger does not have: leaving ends every team membership and is done on
    // the volunteer's page, where it is logged; an empty cell says nothing.
    const leftDiffers = leftOn !== null && (existing.status !== 'left' || leftOn !== existing.left_on);
    const decision = onDuplicate(options, issues, row, 'idNumber', '此人已登记为台账中的注册志愿者', [...changed, ...(hoursDiffer ? ['totalHours'] : []), ...(leftDiffers ? ['leftOn'] : [])]);
    if (decision === 'unchanged') unchanged += 1;
    if (decision !== 'update') continue;
    if (leftDiffers) issues.warn(row, 'leftOn', `表中退出日期为 ${leftOn}，台账中${existing.status === 'left' ? `为 ${existing.left_on}` : '此人在册'}；导入不办理退出，请在志愿者页办理。`);
    if (hoursDiffer) {
      issues.warn(row, 'totalHours', `累计服务时长以台账中的服务记录为准（${hoursText(stored)} 小时），未按表中的 ${hoursText(priorMinutes as number)} 小时修改；请用“服务时长”导入逐次登记。`);
    }
    if (changed.length === 0) {
      unchanged += 1;
      continue;
    }
    if (changes.registeredOn !== undefined) {
      const first = firstService.get(existing.id) as string | null;
      if (first !== null && changes.registeredOn > first) {
        issues.reject(row, 'registeredOn', `注册时间 ${changes.registeredOn} 晚于台账中此人最早的服务日期 ${first}。`);
        continue;
      }
    }
    actions.push({ type: 'update', row, personId: who.existing.id, volunteerId: existing.id, phone: newPhone, volunteer: changes, addFieldIds, teamRefs: joinTeams });
  }

  return finishPlan({
    kind: options.kind,
    actions,
    unchanged,
    issues,
    duplicates,
    unmatchedOrgs: orgs.unmatchedNames(),
    unmatchedTeams: teams.unmatchedNames(),
    pendingOrgs: orgs.pending,
    pendingTeams: teams.pending,
  });
}


/** Days from registration to the sheet's date, both counted (as implausibleCumulativeHours counts them). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}
