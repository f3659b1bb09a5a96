import type { IdType } from '../../db/schema';
import { ageOn } from '../../domain/dates';
import { maskIdNumber } from '../../domain/id-number';
import { parseDateCell } from '../clean/index';
import type { RawCell } from '../read/types';
import { cellText, isEmptyCell, IssueList } from './issues';
import { OrgResolver } from './orgs';
import { PersonFinder, type PersonRow } from './people';
import { dateCell, onDuplicate, optionalPhone, optionalText, withinMonth } from './cells';
import { eachRow, type Duplicate, type Plan, type PlanInput, finishPlan } from './types';

// 个人会员 and 青少年会员 rows → new members, updates of existing ones, or reasons why not,
// with the rules of member.add: the ID number decides birth date, gender and 成人/青少年; join
// dates are not in the future nor before birth; a child under 14 needs a guardian.

const guardianAge = 14;
const adultAge = 18;

export interface PersonValues {
  name: string;
  gender: 'M' | 'F' | null;
  idType: IdType;
  idNumber: string;
  birthDate: string;
  phone: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  guardianRelation: string | null;
  guardianConsentOn: string | null;
  guardianConsentMethod: string | null;
}

export interface MemberValues {
  kind: 'adult' | 'youth';
  /** Negative: an organisation this import creates. */
  orgId: number;
  joinedOn: string;
  /** Set: the member has left (退会), as an export of a lapsed member says. */
  lapsedOn: string | null;
  lapseReason: string | null;
  notes: string | null;
}

export type MemberAction =
  /** personChanges: what the sheet adds to a person already in the ledger in another role (a volunteer's phone). */
  | { type: 'insert'; row: number; personId: number | null; person: PersonValues; member: MemberValues; personChanges?: Partial<PersonValues> }
  | { type: 'update'; row: number; personId: number; memberId: number; person: Partial<PersonValues>; member: Partial<MemberValues> };

interface MemberRow {
  id: number;
  kind: 'adult' | 'youth';
  organization_id: number;
  joined_on: string;
  notes: string | null;
  status: string;
  lapsed_on: string | null;
  lapse_reason: string | null;
}

export async function planMembers(input: PlanInput): Promise<Plan<MemberAction>> {
  const { sqlite, options, today } = input;
  const issues = new IssueList(options.kind);
  const orgs = new OrgResolver(sqlite, options, issues);
  const people = new PersonFinder(sqlite);
  const memberOf = sqlite.prepare('SELECT id, kind, organization_id, joined_on, notes, status, lapsed_on, lapse_reason FROM member WHERE person_id = ?');
  const referenceDate = input.youthReferenceDate ?? today;
  const actions: MemberAction[] = [];
  const duplicates: Duplicate[] = [];
  let unchanged = 0;

  for await (const { row, values } of eachRow(input, (batch) => people.prefetch(batch.map((r) => r.values.idNumber ?? null)))) {
    const who = people.identify(row, values, today, issues);
    if (!who) continue;

    const phone = optionalPhone(row, (values.phone ?? null), 'phone', issues);
    const guardianPhone = optionalPhone(row, (values.guardianPhone ?? null), 'guardianPhone', issues);
    const guardianName = isEmptyCell((values.guardianName ?? null)) ? null : cellText((values.guardianName ?? null)).replace(/\s+/g, '');
    const guardianRelation = optionalText(values.guardianRelation);
    const guardianConsentOn = dateCell(row, values.guardianConsentOn, 'guardianConsentOn', issues, { notAfter: today });
    const guardianConsentMethod = optionalText(values.guardianConsentMethod);

    const existingMember = who.existing ? ((memberOf.get(who.existing.id) as MemberRow | undefined) ?? null) : null;
    let joinedOn: string | null = null;
    // Required of a new member; a member the ledger holds keeps their date when the cell is empty
    // (a sheet sent to update phones), as every other empty cell keeps what the ledger has.
    if (isEmptyCell((values.joinedOn ?? null))) {
      if (existingMember) joinedOn = existingMember.joined_on;
      else issues.reject(row, 'joinedOn', '入会时间为必填，本行没有填写。');
    } else {
      const parsed = parseDateCell((values.joinedOn ?? null), { allowYearMonth: true });
      if ('error' in parsed) issues.reject(row, 'joinedOn', parsed.error);
      else {
        // Townships often know only the month someone joined; that form is accepted as is.
        if (parsed.value > today) issues.reject(row, 'joinedOn', `入会时间 ${parsed.value} 晚于今天。`);
        else if (parsed.value < who.birthDate) issues.reject(row, 'joinedOn', `入会时间 ${parsed.value} 早于出生日期 ${who.birthDate}。`);
        else {
          joinedOn = parsed.value;
          for (const w of parsed.warnings) issues.warn(row, 'joinedOn', w);
        }
      }
    }

    const isYouth = ageOn(who.birthDate, referenceDate) < adultAge;
    const kind: 'adult' | 'youth' = isYouth ? 'youth' : 'adult';
    // A member already in the ledger keeps the kind it has (a youth member turning 18 is converted
    // by 转为成人会员, not by an import): only a new member's kind follows the ID number.
    if (existingMember) {
      if (options.kind === 'youth-members' && existingMember.kind !== 'youth') issues.reject(row, 'idNumber', `此人在台账中是成人会员，不能作为青少年会员导入。`);
    } else if (options.kind === 'youth-members' && !isYouth) {
      issues.reject(row, 'idNumber', `按身份证号码，出生日期 ${who.birthDate}，已满 18 周岁，不能作为青少年会员导入。`);
    } else if (!isEmptyCell((values.kind ?? null))) {
      const typed = /青|少|学生|youth/i.test(cellText((values.kind ?? null))) ? 'youth' : /成|adult/i.test(cellText((values.kind ?? null))) ? 'adult' : null;
      if (typed && typed !== kind) issues.warn(row, 'kind', `按出生日期 ${who.birthDate}，应为${kind === 'youth' ? '青少年会员' : '成人会员'}，已按此登记。`);
    }
    const needsGuardian = ageOn(who.birthDate, today) < guardianAge;
    if (needsGuardian && !who.existing?.guardian_name) {
      if (!guardianName || !(guardianPhone ?? who.existing?.guardian_phone)) {
        issues.reject(row, guardianName ? 'guardianPhone' : 'guardianName', '未满 14 周岁的会员须有监护人同意（个人信息保护法第三十一条），请填写监护人姓名和监护人电话。');
      }
    }
    // The member form asks for these (个人信息保护法第三十一条); a township sheet seldom has them,
    // so the child is imported and the clerk told what to add.
    if (needsGuardian && !who.existing?.guardian_consent_on && !issues.isRejected(row)) {
      const missing = [
        guardianRelation ?? who.existing?.guardian_relation ? null : '与本人关系',
        guardianConsentOn ? null : '监护人同意日期',
        guardianConsentMethod ?? who.existing?.guardian_consent_method ? null : '同意方式',
      ].filter((m): m is string => m !== null);
      if (missing.length > 0) issues.warn(row, 'guardianConsentOn', `未满 14 周岁，表中没有${missing.join('、')}，请在会员页补录监护人同意的情况。`);
    }
    // The phone the ledger holds is the old guardian's: a new guardian without one would inherit it.
    const oldGuardian = who.existing?.guardian_name ?? null;
    if (oldGuardian !== null && guardianName !== null && guardianName !== oldGuardian && guardianPhone === null && who.existing?.guardian_phone) {
      issues.reject(row, 'guardianPhone', `监护人由“${oldGuardian}”改为“${guardianName}”，但没有填写新监护人的电话；台账中的电话是原监护人的，请填写监护人电话。`);
    }

    const orgId = orgs.resolve(row, (values.organization ?? null), 'organization', existingMember?.organization_id ?? null);
    const notes = isEmptyCell((values.notes ?? null)) ? null : cellText((values.notes ?? null));
    const lapsedOn = dateCell(row, values.lapsedOn, 'lapsedOn', issues, { notAfter: today });
    if (lapsedOn !== null && joinedOn !== null && lapsedOn < joinedOn) issues.reject(row, 'lapsedOn', `退会日期 ${lapsedOn} 早于入会时间 ${joinedOn}。`);
    const lapseReason = optionalText(values.lapseReason);
    if (lapseReason !== null && lapsedOn === null && existingMember?.status !== 'lapsed') issues.warn(row, 'lapseReason', '填了退会原因但没有退会日期，按在册会员处理，退会原因未登记。');
    if (issues.isRejected(row) || orgId === null || joinedOn === null) continue;

    const firstRow = people.claim(row, who);
    if (firstRow !== null) {
      duplicates.push({ row, name: who.name, idNumber: maskIdNumber(who.idNumber), where: 'file', otherRow: firstRow });
      issues.reject(row, 'idNumber', `与第 ${firstRow} 行是同一个人（身份证号码相同），同一人只按第一行处理。`);
      continue;
    }

    const person: PersonValues = {
      name: who.name, gender: who.gender, idType: who.idType, idNumber: who.idNumber, birthDate: who.birthDate, phone,
      guardianName, guardianPhone, guardianRelation, guardianConsentOn, guardianConsentMethod,
    };
    const member: MemberValues = { kind, orgId, joinedOn, lapsedOn, lapseReason: lapsedOn === null ? null : lapseReason, notes };
    // The ledger's name stays (a changed name is changed on the person's page, where it is logged);
    // a sheet that spells it otherwise is told, whatever else the row changes.
    if (who.existing && who.existing.name !== who.name) issues.warn(row, 'name', `身份证号码在台账中登记的姓名是“${who.existing.name}”，与表中“${who.name}”不同，保留台账中的姓名。`);
    if (!who.existing || !existingMember) {
      const personChanges = who.existing ? changedPerson(who.existing, person) : {};
      actions.push({ type: 'insert', row, personId: who.existing?.id ?? null, person, member, ...(Object.keys(personChanges).length > 0 ? { personChanges } : {}) });
      continue;
    }

    duplicates.push({ row, name: who.name, idNumber: maskIdNumber(who.idNumber), where: 'ledger', otherRow: null });
    const personChanges = changedPerson(who.existing, person);
    const memberChanges = changedMember(existingMember, member, values.joinedOn);
    const changed = [...Object.keys(personChanges), ...Object.keys(memberChanges)].map((k) => (k === 'orgId' ? 'organization' : k));
    const decision = onDuplicate(options, issues, row, 'idNumber', '此人已在台账中（会员）', changed);
    if (decision === 'unchanged') unchanged += 1;
    else if (decision === 'update') actions.push({ type: 'update', row, personId: who.existing.id, memberId: existingMember.id, person: personChanges, member: memberChanges });
  }

  return finishPlan({
    kind: options.kind,
    actions,
    unchanged,
    issues,
    duplicates,
    unmatchedOrgs: orgs.unmatchedNames(),
    pendingOrgs: orgs.pending,
  });
}


/** Only what the sheet says: an empty or masked cell never erases what the ledger has. */
function changedPerson(before: PersonRow, after: PersonValues): Partial<PersonValues> {
  const changes: Partial<PersonValues> = {};
  if (after.phone !== null && after.phone !== before.phone) changes.phone = after.phone;
  if (after.guardianName !== null && after.guardianName !== before.guardian_name) changes.guardianName = after.guardianName;
  if (after.guardianPhone !== null && after.guardianPhone !== before.guardian_phone) changes.guardianPhone = after.guardianPhone;
  if (after.guardianRelation !== null && after.guardianRelation !== before.guardian_relation) changes.guardianRelation = after.guardianRelation;
  if (after.guardianConsentOn !== null && after.guardianConsentOn !== before.guardian_consent_on) changes.guardianConsentOn = after.guardianConsentOn;
  if (after.guardianConsentMethod !== null && after.guardianConsentMethod !== before.guardian_consent_method) changes.guardianConsentMethod = after.guardianConsentMethod;
  return changes;
}

/** joinedCell: a year and month only (2020.5) that contains the stored date is that date, not a change. */
function changedMember(before: MemberRow, after: MemberValues, joinedCell: RawCell | undefined): Partial<MemberValues> {
  const changes: Partial<MemberValues> = {};
  if (after.orgId !== before.organization_id) changes.orgId = after.orgId;
  if (after.joinedOn !== before.joined_on && !withinMonth(joinedCell, before.joined_on)) changes.joinedOn = after.joinedOn;
  if (after.notes !== null && after.notes !== before.notes) changes.notes = after.notes;
  // An empty 退会日期 says nothing (the member is restored on their page, where it is logged); a
  // date records or corrects the 退会.
  if (after.lapsedOn !== null && (before.status !== 'lapsed' || after.lapsedOn !== before.lapsed_on)) changes.lapsedOn = after.lapsedOn;
  if (after.lapsedOn !== null && after.lapseReason !== null && after.lapseReason !== before.lapse_reason) changes.lapseReason = after.lapseReason;
  return changes;
}
