import type BetterSqlite3 from 'better-sqlite3';
import type { ReadDb } from '../db/schema';
import { readRosterPage, type RosterCursor, type RosterFilter } from '../db/member-roster';
import { readVolunteerRosterPage, type VolunteerRosterFilter } from '../db/volunteer-roster';
import { readGroupPage, type GroupRosterFilter } from '../db/group-roster';
import { listTeamRows } from '../db/team';
import { listOrgRows } from '../db/org';
import { readGroupDetails, readHoursPage, iterateMemberExportPage, readMemberDetails, readVolunteerDetails, type HoursFilter, type MemberExportRow } from '../db/export-details';
import { maskIdNumber } from '../domain/id-number';
import { idTypeLabels } from '../domain/labels';
import { maskPhone } from '../domain/phone';
import { dateCell, type CellValue } from './cells';
import { readSheetOrgNames, sheetOrgNames } from './org-names';

// Rows of each roster kind, a page at a time, keyed by sheet field. Pages come from the same
// keyset reads as the list screens (so the filter means the same thing) and are mapped to cells;
// the caller writes a page and lets the file stream drain before reading the next one. A page
// may be a lazy iterable: the caller reads it to its end, without awaiting, before the next.

export type FieldRow = Record<string, CellValue>;

const pageSize = 1000;

export interface Privacy {
  /** Full ID numbers and phones; otherwise both masked like the screens. */
  full: boolean;
}

function idCell(value: string | null, privacy: Privacy): string | null {
  return value === null ? null : privacy.full ? value : maskIdNumber(value);
}

/** The birth date is the ID number's middle eight digits: next to a masked number it would unmask it. */
function birthCell(value: string | null, privacy: Privacy): CellValue {
  return privacy.full ? dateCell(value) : null;
}

function phoneCell(value: string | null, privacy: Privacy): string | null {
  return value === null ? null : privacy.full ? value : maskPhone(value);
}

/** Left empty for the 居民身份证, as the import reads an empty 证件类型. */
const idTypeText = (type: string) => (type === 'resident_id' ? null : (idTypeLabels[type as keyof typeof idTypeLabels] ?? null));
const genderText = (g: 'M' | 'F' | null) => (g === 'M' ? '男' : g === 'F' ? '女' : null);
const yesNo = (flag: number | boolean) => (flag ? '是' : '否');

export function* memberRows(sqlite: BetterSqlite3.Database, filter: RosterFilter, privacy: Privacy): Generator<Iterable<FieldRow>> {
  const orgName = readSheetOrgNames(sqlite);
  const toRow = (r: Omit<MemberExportRow, 'sort_key' | 'tie'>): FieldRow => ({
    name: r.name,
    gender: genderText(r.gender),
    idType: idTypeText(r.id_type),
    idNumber: idCell(r.id_number, privacy),
    birthDate: birthCell(r.birth_date, privacy),
    phone: phoneCell(r.phone, privacy),
    organization: orgName(r.organization_id, r.org_name),
    joinedOn: dateCell(r.joined_on),
    kind: r.kind === 'youth' ? '青少年会员' : '成人会员',
    guardianName: r.guardian_name,
    guardianPhone: phoneCell(r.guardian_phone, privacy),
    guardianRelation: r.guardian_relation,
    guardianConsentOn: dateCell(r.guardian_consent_on),
    guardianConsentMethod: r.guardian_consent_method,
    lapsedOn: dateCell(r.lapsed_on),
    lapseReason: r.lapse_reason,
    notes: r.notes,
  });
  let after: RosterCursor | null = null;
  // Without search text one statement reads every column, row by row, so nothing of a page lives
  // longer than its row (a held page would outlive young-generation collections and pile up as
  // old-generation garbage); a search goes through the list's own indexed paths, and the few rows
  // it finds get their other columns by id.
  const searching = filter.nameFragment !== null || filter.digitsTail !== null;
  if (!searching) {
    for (;;) {
      let read = 0;
      const from = after;
      yield (function* () {
        for (const r of iterateMemberExportPage(sqlite, filter, from, pageSize)) {
          read++;
          after = { key: r.sort_key, id: r.tie };
          yield toRow(r);
        }
      })();
      if (read < pageSize) return;
    }
  }
  for (;;) {
    const rows = readRosterPage(sqlite, filter, { by: 'name', descending: false }, after, pageSize);
    if (rows.length === 0) return;
    const details = readMemberDetails(sqlite, rows.map((r) => r.id));
    yield rows.map((r) => toRow({ ...r, id_type: 'resident_id', birth_date: null, guardian_name: null, guardian_phone: null, guardian_relation: null, guardian_consent_on: null, guardian_consent_method: null, lapsed_on: null, lapse_reason: null, notes: null, ...details.get(r.id) }));
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { key: last.cursor_key, id: last.cursor_id };
  }
}

export function* volunteerRows(sqlite: BetterSqlite3.Database, filter: VolunteerRosterFilter, privacy: Privacy): Generator<FieldRow[]> {
  const orgName = readSheetOrgNames(sqlite);
  let after: { key: string; id: number } | null = null;
  for (;;) {
    const page = readVolunteerRosterPage(sqlite, filter, { by: 'name', descending: false }, after, pageSize);
    if (page.length === 0) return;
    const details = readVolunteerDetails(sqlite, page.map((r) => r.id));
    yield page.map((r) => {
      const d = details.get(r.id);
      return {
        name: r.name,
        gender: genderText(r.gender),
        idType: idTypeText(d?.id_type ?? 'resident_id'),
        idNumber: idCell(r.id_number, privacy),
        birthDate: birthCell(d?.birth_date ?? null, privacy),
        phone: phoneCell(r.phone, privacy),
        organization: orgName(r.organization_id, r.org_name),
        registeredOn: dateCell(r.registered_on),
        serviceFields: d?.fields ?? null,
        team: d?.teams ?? null,
        nationalSystemNo: d?.national_system_no ?? null,
        firstAidCertNo: d?.first_aid_cert_no ?? null,
        firstAidCertExpiresOn: dateCell(r.first_aid_cert_expires_on),
        totalHours: Math.round((r.minutes / 60) * 100) / 100,
        leftOn: dateCell(d?.left_on ?? null),
        notes: d?.notes ?? null,
      };
    });
    if (page.length < pageSize) return;
    const last = page.at(-1)!;
    after = { key: last.sort_key, id: last.tie };
  }
}

export function* groupRows(sqlite: BetterSqlite3.Database, filter: GroupRosterFilter, privacy: Privacy): Generator<FieldRow[]> {
  const orgName = readSheetOrgNames(sqlite);
  let after: { key: string; id: number } | null = null;
  for (;;) {
    const page = readGroupPage(sqlite, filter, after, pageSize);
    if (page.length === 0) return;
    const details = readGroupDetails(sqlite, page.map((r) => r.id));
    yield page.map((r) => ({
      unitName: r.unit_name,
      uscc: r.uscc ?? r.legacy_org_code,
      organization: orgName(r.organization_id, r.org_name),
      contactName: r.contact_name,
      contactPhone: phoneCell(r.contact_phone, privacy),
      joinedOn: dateCell(r.joined_on),
      lapsedOn: dateCell(details.get(r.id)?.lapsed_on ?? null),
      notes: details.get(r.id)?.notes ?? null,
    }));
    if (page.length < pageSize) return;
    const last = page.at(-1)!;
    after = { key: last.sort_key, id: last.id };
  }
}

export function* hoursRows(sqlite: BetterSqlite3.Database, filter: HoursFilter, privacy: Privacy): Generator<FieldRow[]> {
  let after: { heldOn: string; recordId: number; volunteerId: number } | null = null;
  for (;;) {
    const page = readHoursPage(sqlite, filter, after, pageSize);
    if (page.length === 0) return;
    yield page.map((r) => ({
      name: r.name,
      idNumber: idCell(r.id_number, privacy),
      heldOn: dateCell(r.held_on),
      title: r.title,
      category: r.category_name,
      hours: Math.round((r.minutes / 60) * 100) / 100,
      team: r.team_name,
      place: r.place,
      notes: r.notes,
    }));
    if (page.length < pageSize) return;
    const last = page.at(-1)!;
    after = { heldOn: last.held_on, recordId: last.record_id, volunteerId: last.volunteer_id };
  }
}

/** Teams number in the hundreds: one read, like the team screen. */
export async function teamRows(db: ReadDb, filter: Parameters<typeof listTeamRows>[1]): Promise<FieldRow[]> {
  const rows = await listTeamRows(db, filter);
  const orgNames = sheetOrgNames(await listOrgRows(db, true));
  return rows.map((t) => ({
    name: t.name,
    field: t.field_name,
    organization: t.organization_id === null ? t.org_name : (orgNames.get(t.organization_id) ?? t.org_name),
    leaderName: t.leader_name,
    foundedOn: dateCell(t.founded_on),
    isRegisteredOrg: yesNo(t.is_registered_org),
    registrationNo: t.registration_no,
    hasPartyBranch: yesNo(t.has_party_branch),
    ledByCounty: yesNo(t.led_by_county),
    dissolvedOn: dateCell(t.dissolved_on),
    notes: t.notes,
  }));
}

/** Organisations number in the thousands at most: one read, parents named. */
export async function orgRows(db: ReadDb, options: { includeRetired: boolean; orgIds: number[] | null }, privacy: Privacy): Promise<FieldRow[]> {
  const rows = await listOrgRows(db, true);
  const names = sheetOrgNames(rows);
  const wanted = options.orgIds ? new Set(options.orgIds) : null;
  return rows
    .filter((o) => (options.includeRetired || o.status !== 'retired') && (!wanted || wanted.has(o.id)))
    .map((o) => ({
      name: o.name,
      type: o.type_name,
      parent: o.parent_id === null ? null : (names.get(o.parent_id) ?? null),
      divisionCode: o.division_code,
      foundedOn: dateCell(o.founded_on),
      leaderName: o.leader_name,
      leaderPhone: phoneCell(o.leader_phone, privacy),
      status: o.status === 'preparing' ? '筹建' : o.status === 'retired' ? '已撤销' : '已成立',
      notes: o.notes,
    }));
}
