import { normalizeName } from '../../domain/text';
import { parseServiceFields } from '../clean/index';
import { dateCell, onDuplicate, optionalText, yesNoCell } from './cells';
import { cellText, isEmptyCell, IssueList } from './issues';
import { OrgResolver } from './orgs';
import { eachRow, type Duplicate, type Plan, type PlanInput, finishPlan } from './types';

// 志愿服务队 rows with the rules of team.add: a team belongs to a grassroots organisation or is
// led directly by the county society, never both; one name per organisation; the leader is an
// existing volunteer (matched by name within the organisation, left empty with a warning when
// unknown or ambiguous); a registered 志愿服务组织 has its 登记证号.

export interface TeamValues {
  name: string;
  fieldId: number | null;
  /** Null when led by the county; negative: an organisation this import creates. */
  orgId: number | null;
  ledByCounty: boolean;
  leaderPersonId: number | null;
  leaderVolunteerId: number | null;
  isRegisteredOrg: boolean;
  registrationNo: string | null;
  hasPartyBranch: boolean;
  foundedOn: string;
  /** Set on a new team that has been dissolved (解散), as an export of one says. */
  dissolvedOn?: string | null;
  notes: string | null;
}

export type TeamAction =
  | { type: 'insert'; row: number; team: TeamValues }
  /** `leaderJoins`: a new leader not yet in the team joins it, as a created team's leader does. */
  | { type: 'update'; row: number; id: number; changes: Partial<TeamValues>; leaderJoins: { volunteerId: number; joinedOn: string } | null };

interface TeamRow {
  id: number;
  field_id: number | null;
  leader_person_id: number | null;
  is_registered_org: number;
  registration_no: string | null;
  has_party_branch: number;
  founded_on: string;
  notes: string | null;
  status: string;
  dissolved_on: string | null;
}

export async function planTeams(input: PlanInput): Promise<Plan<TeamAction>> {
  const { sqlite, options, today } = input;
  const issues = new IssueList(options.kind);
  const orgs = new OrgResolver(sqlite, options, issues);
  const fields = sqlite.prepare('SELECT id, name FROM service_field ORDER BY sort_order, id').all() as { id: number; name: string }[];
  const fieldNames = fields.map((f) => f.name);
  const fieldId = new Map(fields.map((f) => [f.name, f.id]));
  const existingTeam = sqlite.prepare(
    'SELECT id, field_id, leader_person_id, is_registered_org, registration_no, has_party_branch, founded_on, notes, status, dissolved_on FROM volunteer_team WHERE ifnull(organization_id, 0) = ? AND name = ?',
  );
  const leaders = sqlite.prepare(
    `SELECT v.id, v.person_id, v.registered_on, o.name AS org_name FROM volunteer v JOIN person p ON p.id = v.person_id LEFT JOIN organization o ON o.id = v.organization_id
     WHERE p.name = ? AND (v.status = 'active' OR ? = 1) AND (? IS NULL OR v.organization_id = ?)`,
  );
  const isMember = sqlite.prepare('SELECT 1 FROM team_membership WHERE team_id = ? AND volunteer_id = ?').pluck();
  const personName = sqlite.prepare('SELECT name FROM person WHERE id = ?').pluck();
  const seen = new Map<string, number>();
  const actions: TeamAction[] = [];
  const duplicates: Duplicate[] = [];
  let unchanged = 0;

  for await (const { row, values } of eachRow(input)) {
    const name = isEmptyCell(values.name) ? '' : normalizeName(cellText(values.name));
    if (!name) issues.reject(row, 'name', '没有填写服务队名称。');

    const ledByCounty = yesNoCell(row, values.ledByCounty, 'ledByCounty', issues, false);
    let orgId: number | null = null;
    if (ledByCounty) {
      if (!isEmptyCell(values.organization)) issues.reject(row, 'organization', '服务队属于基层组织或由县红十字会直属，只能选其一：“县红会直属”填了“是”，就不要再填所属基层组织。');
    } else {
      orgId = orgs.resolve(row, values.organization);
    }

    let field: number | null = null;
    if (!isEmptyCell(values.field)) {
      const parsed = parseServiceFields(cellText(values.field), fieldNames);
      if (parsed.fields.length > 0) field = fieldId.get(parsed.fields[0] as string) ?? null;
      if (parsed.fields.length > 1) issues.warn(row, 'field', `服务队只登记一个服务领域，已按第一项“${parsed.fields[0]}”登记。`);
      if (parsed.unknown.length > 0) issues.warn(row, 'field', `“${parsed.unknown.join('、')}”不是台账中的服务领域（${fieldNames.join('、')}），未登记这一项。`);
    }

    const foundedOn = dateCell(row, values.foundedOn, 'foundedOn', issues, { required: true, allowYearMonth: true, notAfter: today });
    const registrationNo = optionalText(values.registrationNo);
    const isRegisteredOrg = yesNoCell(row, values.isRegisteredOrg, 'isRegisteredOrg', issues, registrationNo !== null);
    // Township sheets often say 是 without the number; the team is real, the number can follow.
    if (isRegisteredOrg && !registrationNo) issues.warn(row, 'registrationNo', '已登记为志愿服务组织，但表中没有登记证号，导入后请在服务队中补填。');
    const hasPartyBranch = yesNoCell(row, values.hasPartyBranch, 'hasPartyBranch', issues, false);
    const notes = optionalText(values.notes);
    const dissolvedOn = dateCell(row, values.dissolvedOn, 'dissolvedOn', issues, { notAfter: today });
    if (dissolvedOn !== null && foundedOn !== null && dissolvedOn < foundedOn) issues.reject(row, 'dissolvedOn', `解散日期 ${dissolvedOn} 早于成立日期 ${foundedOn}。`);
    if (issues.isRejected(row) || foundedOn === null || (!ledByCounty && orgId === null)) continue;

    let leaderPersonId: number | null = null;
    let leaderVolunteerId: number | null = null;
    let leaderRegisteredOn = '';
    let namesake: string | null = null;
    /** No active volunteer of that name to make leader: said below unless the team already has them as leader. */
    let noLeader: string | null = null;
    const leaderName = isEmptyCell(values.leaderName) ? '' : normalizeName(cellText(values.leaderName)).replace(/\s+/g, '');
    if (leaderName) {
      const scope = orgId !== null && orgId < 0 ? -1 : orgId;
      // A dissolved team's leader may have left since: they are still who led it.
      const anyStatus = dissolvedOn !== null ? 1 : 0;
      let hits = leaders.all(leaderName, anyStatus, scope, scope) as { id: number; person_id: number; registered_on: string; org_name: string | null }[];
      // A team may be led by a volunteer of another organisation (team.add allows it): one of that
      // name in the whole county is the one.
      const county = hits.length === 0 && scope !== null;
      if (county) hits = leaders.all(leaderName, anyStatus, null, null) as typeof hits;
      if (hits.length === 1) {
        leaderVolunteerId = hits[0]!.id;
        leaderPersonId = hits[0]!.person_id;
        leaderRegisteredOn = hits[0]!.registered_on;
        // Matched by name alone outside the team's organisation: a namesake is as likely (said
        // below unless the ledger already has this leader for the team).
        if (county) {
          const where = hits[0]!.org_name === null ? '未归属基层组织' : `属于“${hits[0]!.org_name}”`;
          namesake = `该组织没有名为“${leaderName}”的志愿者，已按姓名登记台账中${where}的志愿者“${leaderName}”为负责人；如不是同一人，请在服务队中更改。`;
        }
      } else {
        const where = orgId === null || county ? '台账' : '该组织';
        noLeader =
          hits.length === 0
            ? `负责人“${leaderName}”不是${where}中在册的志愿者，未登记负责人；请先登记为志愿者，再在服务队中选择。`
            : `${where}中有 ${hits.length} 名志愿者叫“${leaderName}”，无法确定是哪一位，未登记负责人；请在服务队中选择。`;
      }
    }

    const key = `${orgId ?? 0}:${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ row, name, idNumber: null, where: 'file', otherRow: first });
      issues.reject(row, 'name', `与第 ${first} 行是同一服务队（同一组织下名称相同），只导入第一行。`);
      continue;
    }
    seen.set(key, row);

    const team: TeamValues = { name, fieldId: field, orgId, ledByCounty, leaderPersonId, leaderVolunteerId, isRegisteredOrg, registrationNo, hasPartyBranch, foundedOn, dissolvedOn, notes };
    const existing = orgId !== null && orgId < 0 ? null : ((existingTeam.get(orgId ?? 0, name) as TeamRow | undefined) ?? null);
    if (namesake !== null && existing?.leader_person_id !== leaderPersonId) issues.warn(row, 'leaderName', namesake);
    // A team's own leader who has since left stays its leader: its export names them, nothing to say.
    const leadsAlready = existing?.leader_person_id != null && personName.get(existing.leader_person_id) === leaderName;
    if (noLeader !== null && !leadsAlready) issues.warn(row, 'leaderName', noLeader);
    if (!existing) {
      actions.push({ type: 'insert', row, team });
      continue;
    }
    duplicates.push({ row, name, idNumber: null, where: 'ledger', otherRow: null });
    const changes: Partial<TeamValues> = {};
    if (field !== null && field !== existing.field_id) changes.fieldId = field;
    if (leaderPersonId !== null && leaderPersonId !== existing.leader_person_id) changes.leaderPersonId = leaderPersonId;
    if (!isEmptyCell(values.isRegisteredOrg) && isRegisteredOrg !== (existing.is_registered_org === 1)) changes.isRegisteredOrg = isRegisteredOrg;
    if (registrationNo !== null && registrationNo !== existing.registration_no) changes.registrationNo = registrationNo;
    if (!isEmptyCell(values.hasPartyBranch) && hasPartyBranch !== (existing.has_party_branch === 1)) changes.hasPartyBranch = hasPartyBranch;
    if (foundedOn !== existing.founded_on) changes.foundedOn = foundedOn;
    if (notes !== null && notes !== existing.notes) changes.notes = notes;
    const labels = Object.keys(changes).map((k) => ({ fieldId: 'field', leaderPersonId: 'leaderName' })[k as 'fieldId'] ?? k);
    // Dissolving ends every membership and is done on the team's page, where it is logged; an
    // empty cell says nothing.
    const dissolvedDiffers = dissolvedOn !== null && (existing.status !== 'dissolved' || dissolvedOn !== existing.dissolved_on);
    const decision = onDuplicate(options, issues, row, 'name', `${orgId === null ? '县红十字会直属' : '该组织下'}已有名为“${name}”的服务队`, dissolvedDiffers ? [...labels, 'dissolvedOn'] : labels);
    if (decision === 'update' && dissolvedDiffers) {
      issues.warn(row, 'dissolvedOn', `表中解散日期为 ${dissolvedOn}，台账中${existing.status === 'dissolved' ? `为 ${existing.dissolved_on}` : '该队在册'}；导入不办理解散，请在服务队页办理。`);
    }
    if (decision === 'unchanged' || (decision === 'update' && labels.length === 0)) unchanged += 1;
    else if (decision === 'update') {
      const foundedOn = changes.foundedOn ?? existing.founded_on;
      const leaderJoins =
        changes.leaderPersonId !== undefined && leaderVolunteerId !== null && !isMember.get(existing.id, leaderVolunteerId)
          ? { volunteerId: leaderVolunteerId, joinedOn: leaderRegisteredOn > foundedOn ? leaderRegisteredOn : foundedOn }
          : null;
      actions.push({ type: 'update', row, id: existing.id, changes, leaderJoins });
    }
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
