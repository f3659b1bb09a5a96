import { subtreeIds } from '../../db/org-subtree';
import { normalizeName } from '../../domain/text';
import { inferOrgType, matchByName, nameKey } from '../clean/index';
import { dateCell, onDuplicate, optionalPhone, optionalText } from './cells';
import { cellText, isEmptyCell, IssueList } from './issues';
import { eachRow, type Duplicate, type NameMatch, type Plan, type PlanInput, finishPlan } from './types';

// 基层组织 rows with the rules of org.add: a name unique under its parent, a known type (or the
// one the name's ending says, else none with a warning), a parent that exists and is not retired
// — in the ledger or on an earlier row of the same sheet (a township before its villages) —,
// a 12-digit statistical division code of this county, a founding date not in the future.

export interface OrgValues {
  name: string;
  typeId: number | null;
  /** Null: top level; negative: an earlier row of this sheet. */
  parentRef: number | null;
  divisionCode: string | null;
  foundedOn: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  notes: string | null;
}

export type OrgAction =
  | { type: 'insert'; row: number; ref: number; org: OrgValues }
  | { type: 'update'; row: number; id: number; changes: Partial<OrgValues> };

interface OrgRow {
  id: number;
  name: string;
  type_id: number | null;
  parent_id: number | null;
  division_code: string | null;
  founded_on: string | null;
  leader_name: string | null;
  leader_phone: string | null;
  notes: string | null;
  status: string;
}

export async function planOrgs(input: PlanInput): Promise<Plan<OrgAction>> {
  const { sqlite, options, today } = input;
  const issues = new IssueList(options.kind);
  const all = sqlite.prepare('SELECT id, name, type_id, parent_id, division_code, founded_on, leader_name, leader_phone, notes, status FROM organization').all() as OrgRow[];
  const byId = new Map(all.map((o) => [o.id, o]));
  const scope = options.scopeOrgId !== null ? new Set(subtreeIds(sqlite, options.scopeOrgId)) : null;
  const candidates = all.filter((o) => !scope || scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  const types = new Map((sqlite.prepare('SELECT id, name FROM organization_type WHERE retired = 0').all() as { id: number; name: string }[]).map((t) => [t.name, t.id]));
  const countyCode = (sqlite.prepare('SELECT division_code FROM county_society WHERE id = 1').pluck().get() as string | undefined) ?? null;
  // Compared as every matcher compares names (nameKey): “城关镇东村” is the ledger's 城关镇东村红十字会.
  const siblings = new Map<string, OrgRow[]>();
  for (const o of all) {
    const k = `${o.parent_id ?? 0}\u0001${nameKey(o.name)}`;
    siblings.set(k, [...(siblings.get(k) ?? []), o]);
  }
  /** Names of earlier rows (nameKey) → the id or ref they stand for, so villages can name their township. */
  const inSheet = new Map<string, { ref: number; name: string }[]>();
  const seen = new Map<string, number>();
  const unmatched = new Map<string, NameMatch>();
  const actions: OrgAction[] = [];
  const duplicates: Duplicate[] = [];
  let unchanged = 0;
  let nextRef = -1;

  for await (const { row, values } of eachRow(input)) {
    const name = isEmptyCell(values.name) ? '' : normalizeName(cellText(values.name));
    if (!name) issues.reject(row, 'name', '没有填写组织名称。');

    let typeId: number | null = null;
    const typed = isEmptyCell(values.type) ? null : normalizeName(cellText(values.type));
    if (typed !== null) {
      const known = types.get(typed) ?? types.get(inferOrgType(typed) ?? '') ?? null;
      if (known !== null) typeId = known;
      else issues.warn(row, 'type', `“${typed}”不是台账中的组织类型（${[...types.keys()].join('、')}），已按名称判断。`);
    }
    if (typeId === null && name) {
      typeId = types.get(inferOrgType(name) ?? '') ?? null;
      if (typeId === null) issues.warn(row, 'type', `无法从名称“${name}”判断组织类型，已留空，导入后请在“组织”中补填。`);
    }

    const parentRef = resolveParent(row, values.parent);
    const divisionCode = divisionCell(row, values.divisionCode);
    const foundedOn = dateCell(row, values.foundedOn, 'foundedOn', issues, { allowYearMonth: true, notAfter: today });
    const leaderName = isEmptyCell(values.leaderName) ? null : normalizeName(cellText(values.leaderName)).replace(/\s+/g, '') || null;
    const leaderPhone = optionalPhone(row, values.leaderPhone, 'leaderPhone', issues);
    const notes = optionalText(values.notes);
    if (issues.isRejected(row) || parentRef === undefined) continue;

    const key = `${parentRef ?? 0}\u0001${nameKey(name)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ row, name, idNumber: null, where: 'file', otherRow: first });
      issues.reject(row, 'name', `与第 ${first} 行是同一组织（同一上级下名称相同），只导入第一行。`);
      continue;
    }
    seen.set(key, row);

    const org: OrgValues = { name, typeId, parentRef, divisionCode, foundedOn, leaderName, leaderPhone, notes };
    const existing = parentRef !== null && parentRef < 0 ? null : (siblings.get(key)?.[0] ?? null);
    if (!existing) {
      const ref = nextRef--;
      remember(name, ref);
      actions.push({ type: 'insert', row, ref, org });
      continue;
    }
    remember(name, existing.id);
    duplicates.push({ row, name, idNumber: null, where: 'ledger', otherRow: null });
    const changes: Partial<OrgValues> = {};
    if (typed !== null && typeId !== null && typeId !== existing.type_id) changes.typeId = typeId;
    if (divisionCode !== null && divisionCode !== existing.division_code) changes.divisionCode = divisionCode;
    if (foundedOn !== null && foundedOn !== existing.founded_on) changes.foundedOn = foundedOn;
    if (leaderName !== null && leaderName !== existing.leader_name) changes.leaderName = leaderName;
    if (leaderPhone !== null && leaderPhone !== existing.leader_phone) changes.leaderPhone = leaderPhone;
    if (notes !== null && notes !== existing.notes) changes.notes = notes;
    const labels = Object.keys(changes).map((k) => (k === 'typeId' ? 'type' : k));
    const parentName = parentRef === null ? '顶层' : `“${byId.get(parentRef)?.name ?? ''}”下`;
    const decision = onDuplicate(options, issues, row, 'name', `${parentName}已有组织“${existing.name}”`, labels);
    if (decision === 'unchanged') unchanged += 1;
    else if (decision === 'update') actions.push({ type: 'update', row, id: existing.id, changes });
  }

  return finishPlan({
    kind: options.kind,
    actions,
    unchanged,
    issues,
    duplicates,
    unmatchedOrgs: [...unmatched.values()].sort((a, b) => a.firstRow - b.firstRow),
  });

  function remember(name: string, ref: number): void {
    const k = nameKey(name);
    inSheet.set(k, [...(inSheet.get(k) ?? []), { ref, name }]);
  }

  /** The parent's id (or the ref of an earlier row); null = top level; undefined = the row is rejected. */
  function resolveParent(row: number, cell: unknown): number | null | undefined {
    if (isEmptyCell(cell)) return options.orgId ?? null;
    const written = normalizeName(cellText(cell));
    const choice = options.orgChoices[written];
    if (choice?.action === 'map') return choice.orgId;
    if (choice?.action === 'reject') {
      issues.reject(row, 'parent', `按导入时的选择，上级组织为“${written}”的行不导入。`);
      return undefined;
    }
    const earlier = inSheet.get(nameKey(written)) ?? [];
    if (earlier.length === 1) return (earlier[0] as { ref: number }).ref;
    const found = matchByName(written, candidates);
    if ('exact' in found) return checkedParent(row, found.exact);
    // Townships leave out their own prefix (“东村” for 城关镇东村红十字会), as in member sheets.
    const prefixed = found.suggestions.filter((s) => s.why.startsWith('表中名称省略了'));
    if (prefixed.length === 1) return checkedParent(row, (prefixed[0] as { id: number }).id);
    const suggestions = found.suggestions.map((s) => ({ id: s.id, name: s.name }));
    const entry = unmatched.get(written) ?? { name: written, rows: 0, firstRow: row, suggestions };
    entry.rows += 1;
    unmatched.set(written, entry);
    const hint = suggestions.length > 0 ? `可能是：${suggestions.slice(0, 3).map((s) => s.name).join('、')}。` : '';
    issues.reject(row, 'parent', `台账和表中前面的行都没有名为“${written}”的组织。${hint}请先导入上级组织（放在前面的行），或在预览中对应到已有组织。`);
    return undefined;
  }

  function checkedParent(row: number, id: number): number | undefined {
    const parent = byId.get(id) as OrgRow;
    if (parent.status === 'retired') {
      issues.reject(row, 'parent', `上级组织“${parent.name}”已撤销，不能在其下添加组织。`);
      return undefined;
    }
    return parent.id;
  }

  function divisionCell(row: number, cell: unknown): string | null {
    if (isEmptyCell(cell)) return null;
    const code = cellText(cell).replace(/\s/g, '');
    if (/^\d{6}$/.test(code)) {
      issues.warn(row, 'divisionCode', `“${code}”是 6 位县级区划代码，基层组织应填 12 位统计用区划代码，已留空。`);
      return null;
    }
    if (!/^\d{12}$/.test(code)) {
      issues.reject(row, 'divisionCode', `“${code}”不是 12 位数字的统计用区划代码。`);
      return null;
    }
    if (countyCode && !code.startsWith(countyCode)) {
      issues.reject(row, 'divisionCode', `统计用区划代码 ${code} 应以本县代码 ${countyCode} 开头。`);
      return null;
    }
    return code;
  }
}
