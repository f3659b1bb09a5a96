import { cachedNameSortKey } from '../../domain/pinyin';
import type { MemberAction, PersonValues } from '../plan/members';
import { shownPhone, type CommitContext, type ImportRecorder, type Shown } from './context';
import { updateStatement } from './shared';

/** Writes member rows of a plan; returns a function applying one action (called in chunks). */
export function memberWriter(ctx: CommitContext, record: ImportRecorder): (action: MemberAction) => void {
  const { sqlite, at } = ctx;
  const insertPerson = sqlite.prepare(
    `INSERT INTO person (name, name_sort_key, gender, id_type, id_number, birth_date, phone, guardian_name, guardian_phone, guardian_relation, guardian_consent_on, guardian_consent_method, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The sort key is written here, not by the roster trigger, which a large import suspends.
  const insertMember = sqlite.prepare(
    `INSERT INTO member (person_id, name_sort_key, kind, organization_id, joined_on, status, lapsed_on, lapse_reason, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const storedSortKey = sqlite.prepare('SELECT name_sort_key FROM person WHERE id = ?').pluck();
  const sortKeyOf = cachedNameSortKey();
  const personBefore = sqlite.prepare('SELECT phone, guardian_name, guardian_phone, guardian_relation, guardian_consent_on, guardian_consent_method, updated_at FROM person WHERE id = ?');
  const memberBefore = sqlite.prepare('SELECT organization_id, joined_on, status, lapsed_on, lapse_reason, notes, updated_at FROM member WHERE id = ?');
  const orgName = sqlite.prepare('SELECT name FROM organization WHERE id = ?').pluck();
  const update = updateStatement(sqlite);

  /** Writes the sheet's new contact details of a person, the old ones kept for undo; returns the
   *  changes as 历史 shows them (logged with the member, where the clerk edits them too). */
  const updatePerson = (personId: number, changes: Partial<PersonValues>): Shown[] => {
    const personColumns: Record<string, unknown> = {};
    if (changes.phone !== undefined) personColumns.phone = changes.phone;
    if (changes.guardianName !== undefined) personColumns.guardian_name = changes.guardianName;
    if (changes.guardianPhone !== undefined) personColumns.guardian_phone = changes.guardianPhone;
    if (changes.guardianRelation !== undefined) personColumns.guardian_relation = changes.guardianRelation;
    if (changes.guardianConsentOn !== undefined) personColumns.guardian_consent_on = changes.guardianConsentOn;
    if (changes.guardianConsentMethod !== undefined) personColumns.guardian_consent_method = changes.guardianConsentMethod;
    if (Object.keys(personColumns).length === 0) return [];
    const shown: Shown[] = [];
    const before = personBefore.get(personId) as Record<string, string | null>;
    update('person', Object.keys(personColumns)).run(...Object.values(personColumns), at, personId);
    if ('phone' in personColumns) shown.push({ field: 'phone', old: shownPhone(before.phone ?? null), new: shownPhone(personColumns.phone as string) });
    if ('guardian_name' in personColumns) shown.push({ field: 'guardianName', old: before.guardian_name ?? null, new: personColumns.guardian_name as string });
    if ('guardian_phone' in personColumns) shown.push({ field: 'guardianPhone', old: shownPhone(before.guardian_phone ?? null), new: shownPhone(personColumns.guardian_phone as string) });
    if ('guardian_relation' in personColumns) shown.push({ field: 'guardianRelation', old: before.guardian_relation ?? null, new: personColumns.guardian_relation as string });
    if ('guardian_consent_on' in personColumns) shown.push({ field: 'guardianConsentOn', old: before.guardian_consent_on ?? null, new: personColumns.guardian_consent_on as string });
    if ('guardian_consent_method' in personColumns) shown.push({ field: 'guardianConsentMethod', old: before.guardian_consent_method ?? null, new: personColumns.guardian_consent_method as string });
    record.updated('person', personId, before, []);
    return shown;
  };

  return (action) => {
    if (action.type === 'insert') {
      let personId = action.personId;
      let sortKey: string | null;
      const p = action.person;
      if (personId === null) {
        sortKey = sortKeyOf(p.name);
        personId = Number(insertPerson.run(p.name, sortKey, p.gender, p.idType, p.idNumber, p.birthDate, p.phone, p.guardianName, p.guardianPhone, p.guardianRelation, p.guardianConsentOn, p.guardianConsentMethod, at, at).lastInsertRowid);
        record.inserted('person', personId);
      } else {
        sortKey = storedSortKey.get(personId) as string | null;
      }
      const m = action.member;
      const memberId = Number(insertMember.run(personId, sortKey, m.kind, record.org(m.orgId), m.joinedOn, m.lapsedOn === null ? 'active' : 'lapsed', m.lapsedOn, m.lapseReason, m.notes, at, at).lastInsertRowid);
      record.inserted('member', memberId);
      if (action.personChanges) record.log('member', memberId, updatePerson(personId, action.personChanges));
      return;
    }

    const shown = updatePerson(action.personId, action.person);
    const memberColumns: Record<string, unknown> = {};
    if (action.member.orgId !== undefined) memberColumns.organization_id = record.org(action.member.orgId);
    if (action.member.joinedOn !== undefined) memberColumns.joined_on = action.member.joinedOn;
    if (action.member.notes !== undefined) memberColumns.notes = action.member.notes;
    if (action.member.lapsedOn !== undefined && action.member.lapsedOn !== null) {
      memberColumns.status = 'lapsed';
      memberColumns.lapsed_on = action.member.lapsedOn;
    }
    if (action.member.lapseReason !== undefined) memberColumns.lapse_reason = action.member.lapseReason;
    const before = memberBefore.get(action.memberId) as { organization_id: number; joined_on: string; status: string; lapsed_on: string | null; lapse_reason: string | null; notes: string | null; updated_at: string };
    if (Object.keys(memberColumns).length > 0) update('member', Object.keys(memberColumns)).run(...Object.values(memberColumns), at, action.memberId);
    if ('organization_id' in memberColumns) shown.push({ field: 'org', old: orgName.get(before.organization_id) as string, new: orgName.get(memberColumns.organization_id) as string });
    if ('joined_on' in memberColumns) shown.push({ field: 'joinedOn', old: before.joined_on, new: memberColumns.joined_on as string });
    if ('notes' in memberColumns) shown.push({ field: 'notes', old: before.notes, new: memberColumns.notes as string });
    if ('lapsed_on' in memberColumns) shown.push({ field: 'lapsedOn', old: before.lapsed_on, new: memberColumns.lapsed_on as string });
    if ('lapse_reason' in memberColumns) shown.push({ field: 'lapseReason', old: before.lapse_reason, new: memberColumns.lapse_reason as string | null });
    record.updated('member', action.memberId, before, shown);
  };
}
