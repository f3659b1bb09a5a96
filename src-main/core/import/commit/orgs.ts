import type { OrgAction } from '../plan/orgs-sheet';
import { shownPhone, type CommitContext, type ImportRecorder } from './context';
import { updateStatement } from './shared';

const columnOf: Record<string, string> = {
  typeId: 'type_id',
  divisionCode: 'division_code',
  foundedOn: 'founded_on',
  leaderName: 'leader_name',
  leaderPhone: 'leader_phone',
  notes: 'notes',
  status: 'status',
};

/** Writes 基层组织 rows in sheet order, so a row's parent on an earlier row already has its id. */
export function orgWriter(ctx: CommitContext, record: ImportRecorder): (action: OrgAction) => void {
  const { sqlite, at } = ctx;
  const insert = sqlite.prepare(
    `INSERT INTO organization (name, type_id, parent_id, division_code, founded_on, leader_name, leader_phone, notes, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const before = sqlite.prepare('SELECT type_id, division_code, founded_on, leader_name, leader_phone, notes, status, updated_at FROM organization WHERE id = ?');
  const update = updateStatement(sqlite);

  return (action) => {
    if (action.type === 'insert') {
      const o = action.org;
      const parentId = o.parentRef === null ? null : record.org(o.parentRef);
      const id = Number(insert.run(o.name, o.typeId, parentId, o.divisionCode, o.foundedOn, o.leaderName, o.leaderPhone, o.notes, o.status ?? 'active', at, at).lastInsertRowid);
      ctx.orgIds.set(action.ref, id);
      record.inserted('organization', id);
      return;
    }
    const old = before.get(action.id) as Record<string, string | number | null>;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(action.changes)) values[columnOf[key] as string] = value;
    update('organization', Object.keys(values)).run(...Object.values(values), at, action.id);
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    record.updated(
      'organization',
      action.id,
      old,
      Object.entries(values).map(([column, value]) =>
        column === 'leader_phone' ? { field: column, old: shownPhone(text(old[column])), new: shownPhone(text(value)) } : { field: column, old: text(old[column]), new: text(value) },
      ),
    );
  };
}
