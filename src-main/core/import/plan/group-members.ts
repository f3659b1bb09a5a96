import { normalizeName, normalizePersonName } from '../../domain/text';
import { cleanUsccCell } from '../clean/index';
import { dateCell, onDuplicate, optionalPhone, optionalText } from './cells';
import { cellText, isEmptyCell, IssueList } from './issues';
import { OrgResolver } from './orgs';
import type { RawCell } from '../read/types';
import { eachRow, type Duplicate, type Plan, type PlanInput, finishPlan } from './types';

// 团体会员 rows with the rules of group.add: a valid 统一社会信用代码 (a 9-character
// 组织机构代码 is kept as the legacy code with a warning), one unit per code in the file and the
// ledger (by unit name when the row has no code), join date not in the future.

export interface GroupValues {
  unitName: string;
  uscc: string | null;
  legacyOrgCode: string | null;
  /** Null: no organisation; negative: created by this import. */
  orgId: number | null;
  contactName: string | null;
  contactPhone: string | null;
  joinedOn: string;
  /** Set on a new unit that has left (退会), as an export of one says. */
  lapsedOn?: string | null;
  notes: string | null;
}

export type GroupAction = { type: 'insert'; row: number; group: GroupValues } | { type: 'update'; row: number; id: number; changes: Partial<GroupValues> };

interface GroupRow {
  id: number;
  unit_name: string;
  uscc: string | null;
  legacy_org_code: string | null;
  organization_id: number | null;
  contact_name: string | null;
  contact_phone: string | null;
  joined_on: string;
  notes: string | null;
  status: string;
  lapsed_on: string | null;
}

const columns = 'id, unit_name, uscc, legacy_org_code, organization_id, contact_name, contact_phone, joined_on, notes, status, lapsed_on';

export async function planGroupMembers(input: PlanInput): Promise<Plan<GroupAction>> {
  const { sqlite, options, today } = input;
  const issues = new IssueList(options.kind);
  const orgs = new OrgResolver(sqlite, options, issues);
  const byUscc = sqlite.prepare(`SELECT ${columns} FROM group_member WHERE uscc = ?`);
  const byLegacy = sqlite.prepare(`SELECT ${columns} FROM group_member WHERE legacy_org_code = ? AND uscc IS NULL`);
  const byName = sqlite.prepare(`SELECT ${columns} FROM group_member WHERE unit_name = ? ORDER BY id`);
  const uncodedByName = sqlite.prepare(`SELECT ${columns} FROM group_member WHERE unit_name = ? AND uscc IS NULL AND legacy_org_code IS NULL ORDER BY id`);
  const seen = new Map<string, number>();
  const actions: GroupAction[] = [];
  const duplicates: Duplicate[] = [];
  let unchanged = 0;

  for await (const { row, values } of eachRow(input)) {
    // Normalised as group.add normalises it (as an organisation name, dots kept), so the same unit
    // is found by name whoever entered it.
    const unitName = isEmptyCell(values.unitName) ? '' : normalizeName(cellText(values.unitName));
    if (!unitName) issues.reject(row, 'unitName', '没有填写单位名称。');

    let uscc: string | null = null;
    let legacyOrgCode: string | null = null;
    if (!isEmptyCell(values.uscc)) {
      const check = cleanUsccCell(values.uscc as RawCell);
      if (!check.ok) issues.reject(row, 'uscc', `${check.reason}。`);
      else if (check.legacy) {
        legacyOrgCode = check.code;
        issues.warn(row, 'uscc', `${check.warning}。`);
      } else uscc = check.code;
    }

    // A 统一社会信用代码 holds the unit's old 组织机构代码 at positions 9–17: a unit registered
    // with that old code is the same unit, now showing its new one.
    // A unit entered without a code, now listed with one, is still that unit: its name finds it
    // when the code does not (a unit of that name with another code is another unit).
    const byCode = uscc ? (byUscc.get(uscc) ?? byLegacy.get(`${uscc.slice(8, 16)}-${uscc.slice(16, 17)}`)) : legacyOrgCode ? byLegacy.get(legacyOrgCode) : undefined;
    const existing = ((uscc || legacyOrgCode ? (byCode ?? (unitName ? uncodedByName.get(unitName) : undefined)) : byName.get(unitName)) as GroupRow | undefined) ?? null;
    const orgId = isEmptyCell(values.organization) && options.orgId === null ? null : orgs.resolve(row, values.organization, 'organization', existing?.organization_id ?? null);
    const contactName = isEmptyCell(values.contactName) ? null : normalizePersonName(cellText(values.contactName)) || null;
    const contactPhone = optionalPhone(row, values.contactPhone, 'contactPhone', issues);
    const joinedOn = dateCell(row, values.joinedOn, 'joinedOn', issues, { required: true, allowYearMonth: true, notAfter: today });
    const notes = optionalText(values.notes);
    const lapsedOn = dateCell(row, values.lapsedOn, 'lapsedOn', issues, { notAfter: today });
    if (lapsedOn !== null && joinedOn !== null && lapsedOn < joinedOn) issues.reject(row, 'lapsedOn', `退会日期 ${lapsedOn} 早于入会时间 ${joinedOn}。`);
    if (issues.isRejected(row) || joinedOn === null) continue;

    const key = uscc ?? legacyOrgCode ?? `名称:${unitName}`;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ row, name: unitName, idNumber: null, where: 'file', otherRow: first });
      issues.reject(row, uscc || legacyOrgCode ? 'uscc' : 'unitName', `与第 ${first} 行是同一单位（${uscc || legacyOrgCode ? '代码' : '单位名称'}相同），只导入第一行。`);
      continue;
    }
    seen.set(key, row);

    const group: GroupValues = { unitName, uscc, legacyOrgCode, orgId, contactName, contactPhone, joinedOn, lapsedOn, notes };
    if (!existing) {
      actions.push({ type: 'insert', row, group });
      continue;
    }

    duplicates.push({ row, name: unitName, idNumber: null, where: 'ledger', otherRow: null });
    const changes: Partial<GroupValues> = {};
    if (unitName !== existing.unit_name) changes.unitName = unitName;
    // A unit that now shows its 统一社会信用代码 gains it; a legacy code never replaces one.
    if (uscc === null && legacyOrgCode === null) {
      /* matched by name: the codes stay as they are */
    } else if (uscc !== null && existing.uscc === null) changes.uscc = uscc;
    else if (legacyOrgCode !== null && existing.uscc === null && existing.legacy_org_code === null) changes.legacyOrgCode = legacyOrgCode;
    if (orgId !== null && orgId !== existing.organization_id) changes.orgId = orgId;
    if (contactName !== null && contactName !== existing.contact_name) changes.contactName = contactName;
    if (contactPhone !== null && contactPhone !== existing.contact_phone) changes.contactPhone = contactPhone;
    if (joinedOn !== existing.joined_on) changes.joinedOn = joinedOn;
    if (notes !== null && notes !== existing.notes) changes.notes = notes;
    const labels = Object.keys(changes).map((k) => (k === 'orgId' ? 'organization' : k === 'legacyOrgCode' ? 'uscc' : k));
    const field = uscc || legacyOrgCode ? 'uscc' : 'unitName';
    // 退会 is done on the unit's page, where it is logged; an empty cell says nothing.
    const lapsedDiffers = lapsedOn !== null && (existing.status !== 'lapsed' || lapsedOn !== existing.lapsed_on);
    const decision = onDuplicate(options, issues, row, field, `“${existing.unit_name}”已登记为台账中的团体会员`, lapsedDiffers ? [...labels, 'lapsedOn'] : labels);
    if (decision === 'update' && lapsedDiffers) {
      issues.warn(row, 'lapsedOn', `表中退会日期为 ${lapsedOn}，台账中${existing.status === 'lapsed' ? `为 ${existing.lapsed_on}` : '该单位在册'}；导入不办理退会，请在团体会员页办理。`);
    }
    if (decision === 'unchanged' || (decision === 'update' && labels.length === 0)) unchanged += 1;
    else if (decision === 'update') actions.push({ type: 'update', row, id: existing.id, changes });
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
