import type { TeamAction } from '../plan/teams-sheet';
import type { CommitContext, ImportRecorder } from './context';
import { compositeEntity, updateStatement } from './shared';

const columnOf: Record<string, string> = {
  fieldId: 'field_id',
  leaderPersonId: 'leader_person_id',
  isRegisteredOrg: 'is_registered_org',
  registrationNo: 'registration_no',
  hasPartyBranch: 'has_party_branch',
  foundedOn: 'founded_on',
  notes: 'notes',
};

/** Writes 志愿服务队 rows of a plan; the leader serves in the team they lead, as in team.add, a new leader of an existing team too. */
export function teamWriter(ctx: CommitContext, record: ImportRecorder): (action: TeamAction) => void {
  const { sqlite, at } = ctx;
  const insert = sqlite.prepare(
    `INSERT INTO volunteer_team (name, field_id, organization_id, led_by_county, leader_person_id, is_registered_org, registration_no, has_party_branch, founded_on, status, dissolved_on, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const membership = sqlite.prepare('INSERT INTO team_membership (team_id, volunteer_id, joined_on, left_on) VALUES (?, ?, ?, ?)');
  const before = sqlite.prepare('SELECT field_id, leader_person_id, is_registered_org, registration_no, has_party_branch, founded_on, notes, updated_at FROM volunteer_team WHERE id = ?');
  const update = updateStatement(sqlite);

  return (action) => {
    if (action.type === 'insert') {
      const t = action.team;
      const orgId = t.orgId === null ? null : record.org(t.orgId);
      const id = Number(
        insert.run(t.name, t.fieldId, orgId, t.ledByCounty ? 1 : 0, t.leaderPersonId, t.isRegisteredOrg ? 1 : 0, t.registrationNo, t.hasPartyBranch ? 1 : 0, t.foundedOn, t.dissolvedOn ? 'dissolved' : 'active', t.dissolvedOn ?? null, t.notes, at, at)
          .lastInsertRowid,
      );
      record.inserted('volunteer_team', id);
      if (t.leaderVolunteerId !== null) {
        // A dissolved team's memberships ended with it.
        membership.run(id, t.leaderVolunteerId, t.foundedOn, t.dissolvedOn ?? null);
        record.inserted(compositeEntity('team_membership', 'team_id', id), t.leaderVolunteerId);
      }
      return;
    }
    const old = before.get(action.id) as Record<string, string | number | null>;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(action.changes)) values[columnOf[key] as string] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    update('volunteer_team', Object.keys(values)).run(...Object.values(values), at, action.id);
    if (action.leaderJoins) {
      membership.run(action.id, action.leaderJoins.volunteerId, action.leaderJoins.joinedOn, null);
      record.inserted(compositeEntity('team_membership', 'team_id', action.id), action.leaderJoins.volunteerId);
    }
    record.updated(
      'volunteer_team',
      action.id,
      old,
      Object.entries(values).map(([column, value]) => ({ field: column, old: old[column] === null ? null : String(old[column]), new: value === null ? null : String(value) })),
    );
  };
}
