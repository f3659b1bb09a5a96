import { addDays } from '../../domain/dates';
import { minutesPerDay, priorHoursTitle } from '../../domain/service-hours';
import { cachedNameSortKey } from '../../domain/pinyin';
import type { VolunteerAction } from '../plan/volunteers';
import { shownPhone, type CommitContext, type ImportRecorder, type Shown } from './context';
import { compositeEntity, updateStatement } from './shared';

/**
 * Writes volunteer rows of a plan.
 *
 * A 累计服务时长 from the sheet is stored as service records titled “导入前累计服务时长” so it
 * counts towards stars and the yearly totals like any other service. The schema holds at most
 * 24 hours per volunteer per record (service_hours.minutes ≤ 1440) and the ledger refuses more
 * than 24 hours of one person on one day, so a figure above 24 hours is spread over one record
 * per day, counting back from the sheet's date (today when the sheet is dated later). The
 * planner has already refused figures above 24 h × the days from registration to that date, so
 * the days never reach before the registration date.
 */
export function volunteerWriter(ctx: CommitContext, record: ImportRecorder): (action: VolunteerAction) => void {
  const { sqlite, at } = ctx;
  const sortKeyOf = cachedNameSortKey();
  const insertPerson = sqlite.prepare(
    `INSERT INTO person (name, name_sort_key, gender, id_type, id_number, birth_date, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertVolunteer = sqlite.prepare(
    // The sort key is copied here, not by the roster trigger, which a large import suspends.
    `INSERT INTO volunteer (person_id, name_sort_key, organization_id, registered_on, status, left_on, national_system_registered, national_system_no, first_aid_cert_no, first_aid_cert_expires_on, notes, created_at, updated_at)
     VALUES (?, (SELECT name_sort_key FROM person WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertField = sqlite.prepare('INSERT OR IGNORE INTO volunteer_service_field (volunteer_id, field_id) VALUES (?, ?)');
  const insertMembership = sqlite.prepare('INSERT INTO team_membership (team_id, volunteer_id, joined_on) VALUES (?, ?, ?)');
  const teamFounded = sqlite.prepare('SELECT founded_on FROM volunteer_team WHERE id = ?').pluck();
  const insertRecord = sqlite.prepare(`INSERT INTO service_record (held_on, team_id, organization_id, title, notes, created_at, updated_at) VALUES (?, NULL, ?, ?, ?, ?, ?)`);
  const insertHours = sqlite.prepare('INSERT INTO service_hours (service_record_id, volunteer_id, minutes) VALUES (?, ?, ?)');
  const personBefore = sqlite.prepare('SELECT phone, updated_at FROM person WHERE id = ?');
  const volunteerBefore = sqlite.prepare(
    'SELECT organization_id, registered_on, national_system_registered, national_system_no, first_aid_cert_no, first_aid_cert_expires_on, notes, updated_at FROM volunteer WHERE id = ?',
  );
  const update = updateStatement(sqlite);

  /** The sheet's phone for a person, the old one kept for undo; its 历史 line, or none when unchanged. */
  const setPhone = (personId: number, phone: string): Shown[] => {
    const before = personBefore.get(personId) as { phone: string | null };
    if (before.phone === phone) return [];
    update('person', ['phone']).run(phone, at, personId);
    record.updated('person', personId, before, []);
    return [{ field: 'phone', old: shownPhone(before.phone), new: shownPhone(phone) }];
  };

  const join = (teamRef: number, volunteerId: number, registeredOn: string, isNewVolunteer: boolean) => {
    const teamId = record.team(teamRef);
    const founded = teamFounded.get(teamId) as string;
    insertMembership.run(teamId, volunteerId, registeredOn > founded ? registeredOn : founded);
    // A created volunteer's memberships go with it on undo; an existing one's are recorded apart.
    if (!isNewVolunteer) record.inserted(compositeEntity('team_membership', 'team_id', teamId), volunteerId);
  };

  return (action) => {
    if (action.type === 'insert') {
      let personId = action.personId;
      const p = action.person;
      if (personId === null) {
        personId = Number(insertPerson.run(p.name, sortKeyOf(p.name), p.gender, p.idType, p.idNumber, p.birthDate, p.phone, at, at).lastInsertRowid);
        record.inserted('person', personId);
      }
      const v = action.volunteer;
      const orgId = v.orgId === null ? null : record.org(v.orgId);
      const volunteerId = Number(
        insertVolunteer.run(personId, personId, orgId, v.registeredOn, v.leftOn ? 'left' : 'active', v.leftOn ?? null, v.nationalNo ? 1 : 0, v.nationalNo, v.certNo, v.certExpiresOn, v.notes, at, at).lastInsertRowid,
      );
      record.inserted('volunteer', volunteerId);
      // A person already in the ledger in another role (a member) gets the sheet's phone too.
      if (action.personId !== null && p.phone !== null) record.log('volunteer', volunteerId, setPhone(personId, p.phone));
      for (const fieldId of action.fieldIds) insertField.run(volunteerId, fieldId);
      for (const ref of action.teamRefs) join(ref, volunteerId, v.registeredOn, true);
      if (action.priorMinutes !== null) {
        let left = action.priorMinutes;
        let day = action.priorOn;
        while (left > 0) {
          const minutes = Math.min(left, minutesPerDay);
          const recordId = Number(insertRecord.run(day, orgId, priorHoursTitle, `导入自“${ctx.fileName}”的累计服务时长`, at, at).lastInsertRowid);
          insertHours.run(recordId, volunteerId, minutes);
          record.inserted('service_record', recordId);
          left -= minutes;
          day = addDays(day, -1);
        }
      }
      return;
    }

    const shown: Shown[] = action.phone !== null ? setPhone(action.personId, action.phone) : [];
    const v = action.volunteer;
    const columns: Record<string, unknown> = {};
    if (v.orgId !== undefined) columns.organization_id = v.orgId === null ? null : record.org(v.orgId);
    if (v.registeredOn !== undefined) columns.registered_on = v.registeredOn;
    if (v.nationalNo !== undefined) {
      columns.national_system_no = v.nationalNo;
      columns.national_system_registered = v.nationalNo ? 1 : 0;
    }
    if (v.certNo !== undefined) columns.first_aid_cert_no = v.certNo;
    if (v.certExpiresOn !== undefined) columns.first_aid_cert_expires_on = v.certExpiresOn;
    if (v.notes !== undefined) columns.notes = v.notes;
    const before = volunteerBefore.get(action.volunteerId) as Record<string, string | number | null>;
    if (Object.keys(columns).length > 0) update('volunteer', Object.keys(columns)).run(...Object.values(columns), at, action.volunteerId);
    for (const [column, value] of Object.entries(columns)) {
      if (column !== 'national_system_registered') shown.push({ field: column, old: before[column] === null ? null : String(before[column]), new: value === null ? null : String(value) });
    }
    for (const fieldId of action.addFieldIds) {
      insertField.run(action.volunteerId, fieldId);
      record.inserted(compositeEntity('volunteer_service_field', 'field_id', fieldId), action.volunteerId);
    }
    if (action.addFieldIds.length > 0) shown.push({ field: 'fields', old: null, new: `新增 ${action.addFieldIds.length} 项服务领域` });
    for (const ref of action.teamRefs) {
      join(ref, action.volunteerId, (before.registered_on as string) ?? at.slice(0, 10), false);
      shown.push({ field: 'team', old: null, new: '加入服务队' });
    }
    record.updated('volunteer', action.volunteerId, before, shown);
  };
}

