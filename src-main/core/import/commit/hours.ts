import type { HoursAction } from '../plan/hours';
import type { CommitContext, ImportRecorder } from './context';
import { compositeEntity } from './shared';

/** Writes 服务时长 rows: the first row of a new activity creates its service_record. */
export function hoursWriter(ctx: CommitContext, record: ImportRecorder): (action: HoursAction) => void {
  const { sqlite, at } = ctx;
  const insertRecord = sqlite.prepare('INSERT INTO service_record (held_on, team_id, organization_id, category_id, title, place, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertHours = sqlite.prepare('INSERT INTO service_hours (service_record_id, volunteer_id, minutes) VALUES (?, ?, ?)');
  const updateHours = sqlite.prepare('UPDATE service_hours SET minutes = ? WHERE service_record_id = ? AND volunteer_id = ?');
  const oldMinutes = sqlite.prepare('SELECT minutes FROM service_hours WHERE service_record_id = ? AND volunteer_id = ?').pluck();
  const created = new Map<string, number>();
  const deleteHours = sqlite.prepare('DELETE FROM service_hours WHERE service_record_id = ? AND volunteer_id = ?');
  /** Records of a 累计服务时长 already cut by this import: undo needs their minutes before the first cut only. */
  const cut = new Set<number>();
  const takeFromPrior = (volunteerId: number, cuts: readonly { recordId: number; minutes: number }[]) => {
    for (const c of cuts) {
      const before = oldMinutes.get(c.recordId, volunteerId) as number;
      if (c.minutes === 0) deleteHours.run(c.recordId, volunteerId);
      else updateHours.run(c.minutes, c.recordId, volunteerId);
      const entity = compositeEntity('service_hours', 'service_record_id', c.recordId);
      const shown = [{ field: 'minutes', old: String(before), new: String(c.minutes) }];
      if (cut.has(c.recordId)) record.log(entity, volunteerId, shown);
      else record.updated(entity, volunteerId, { minutes: before }, shown);
      cut.add(c.recordId);
    }
  };

  return (action) => {
    if (action.type === 'update') {
      const before = oldMinutes.get(action.recordId, action.volunteerId) as number;
      updateHours.run(action.minutes, action.recordId, action.volunteerId);
      record.updated(compositeEntity('service_hours', 'service_record_id', action.recordId), action.volunteerId, { minutes: before }, [
        { field: 'minutes', old: String(before), new: String(action.minutes) },
      ]);
      return;
    }
    if (action.cuts) takeFromPrior(action.volunteerId, action.cuts);
    if ('id' in action.record) {
      insertHours.run(action.record.id, action.volunteerId, action.minutes);
      record.inserted(compositeEntity('service_hours', 'service_record_id', action.record.id), action.volunteerId);
      return;
    }
    let recordId = created.get(action.activity);
    if (recordId === undefined) {
      const r = action.record;
      recordId = Number(insertRecord.run(r.heldOn, r.teamId, r.orgId, r.categoryId, r.title, r.place, r.notes, at, at).lastInsertRowid);
      created.set(action.activity, recordId);
      record.inserted('service_record', recordId);
    }
    insertHours.run(recordId, action.volunteerId, action.minutes);
  };
}
