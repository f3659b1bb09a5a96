import type { GroupAction } from '../plan/group-members';
import { shownPhone, type CommitContext, type ImportRecorder } from './context';
import { updateStatement } from './shared';

const columnOf: Record<string, string> = {
  unitName: 'unit_name',
  uscc: 'uscc',
  legacyOrgCode: 'legacy_org_code',
  orgId: 'organization_id',
  contactName: 'contact_name',
  contactPhone: 'contact_phone',
  joinedOn: 'joined_on',
  notes: 'notes',
};

/** Writes 团体会员 rows of a plan. */
export function groupMemberWriter(ctx: CommitContext, record: ImportRecorder): (action: GroupAction) => void {
  const { sqlite, at } = ctx;
  const insert = sqlite.prepare(
    `INSERT INTO group_member (unit_name, uscc, legacy_org_code, organization_id, contact_name, contact_phone, joined_on, status, lapsed_on, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const before = sqlite.prepare('SELECT unit_name, uscc, legacy_org_code, organization_id, contact_name, contact_phone, joined_on, notes, updated_at FROM group_member WHERE id = ?');
  const update = updateStatement(sqlite);

  return (action) => {
    if (action.type === 'insert') {
      const g = action.group;
      const orgId = g.orgId === null ? null : record.org(g.orgId);
      const id = Number(insert.run(g.unitName, g.uscc, g.legacyOrgCode, orgId, g.contactName, g.contactPhone, g.joinedOn, g.lapsedOn ? 'lapsed' : 'active', g.lapsedOn ?? null, g.notes, at, at).lastInsertRowid);
      record.inserted('group_member', id);
      return;
    }
    const old = before.get(action.id) as Record<string, string | number | null>;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(action.changes)) {
      values[columnOf[key] as string] = key === 'orgId' && typeof value === 'number' ? record.org(value) : value;
    }
    update('group_member', Object.keys(values)).run(...Object.values(values), at, action.id);
    const shown = Object.entries(values).map(([column, value]) => {
      const phone = column === 'contact_phone';
      const oldValue = old[column] === null || old[column] === undefined ? null : String(old[column]);
      const newValue = value === null ? null : String(value);
      return { field: column, old: phone ? shownPhone(oldValue) : oldValue, new: phone ? shownPhone(newValue) : newValue };
    });
    record.updated('group_member', action.id, old, shown);
  };
}
