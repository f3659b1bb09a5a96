import { subtreeIds } from '../../db/org-subtree';
import { normalizeName } from '../../domain/text';
import { inferOrgType, matchByName, nameKey } from '../clean/index';
import { dateCell, onDuplicate, optionalPhone, optionalText } from './cells';
import { cellText, isEmptyCell, IssueList } from './issues';
import { orgPathParts, resolveOrgPath } from './org-path';
import { eachRow, type Duplicate, type NameMatch, type Plan, type PlanInput, finishPlan } from './types';

// 基层组织 rows with the rules of org.add: a name unique under its parent, a known type (or the
// one the name's ending says, else none with a warning), a parent that exists and is not retired
// — in the ledger or on an earlier row of the same sheet (a township before its villages) —,
// a 12-digit statistical division code of this county, a founding date not in the future.
// A row is the ledger's organisation when its parent has it under any form of its name (as member
// rows find theirs); a name the ledger has elsewhere, or one close to it, is refused rather than
// added a second time, since the clerk sees no difference between the two afterwards.

export type OrgStatus = 'preparing' | 'active' | 'retired';

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
  /** Null: not given (a new organisation is active). */
  status: OrgStatus | null;
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
  status: OrgStatus;
}

const statusWords: ReadonlyArray<[RegExp, OrgStatus]> = [
  [/^(筹建|筹建中|筹备|筹备中|正在筹建)$/u, 'preparing'],
  [/^(已成立|成立|正常|在册|运行|已建立|建立)$/u, 'active'],
  [/^(撤销|已撤销|撤消|已撤消|注销|已注销)$/u, 'retired'],
];
const statusLabels: Record<OrgStatus, string> = { preparing: '筹建', active: '已成立', retired: '已撤销' };

/** Where an administrative prefix ends, as in match-name: a township's name heads its villages'. */
const townshipEnd = /(镇|乡|街道|办事处)$/u;
/** The levels above a county that its society's name may leave out (杭州市西湖区 → 西湖区). */
const aboveCounty = /(省|自治区|市|州|盟|地区)/gu;

export async function planOrgs(input: PlanInput): Promise<Plan<OrgAction>> {
  const { sqlite, options, today } = input;
  const issues = new IssueList(options.kind);
  const all = sqlite.prepare('SELECT id, name, type_id, parent_id, division_code, founded_on, leader_name, leader_phone, notes, status FROM organization').all() as OrgRow[];
  const byId = new Map(all.map((o) => [o.id, o]));
  const scope = options.scopeOrgId !== null ? new Set(subtreeIds(sqlite, options.scopeOrgId)) : null;
  const candidates = all.filter((o) => !scope || scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  const types = new Map((sqlite.prepare('SELECT id, name FROM organization_type WHERE retired = 0').all() as { id: number; name: string }[]).map((t) => [t.name, t.id]));
  const county = sqlite.prepare('SELECT division_code, name FROM county_society WHERE id = 1').get() as { division_code: string; name: string } | undefined;
  const countyCode = county?.division_code ?? null;
  const countyKeys = county ? countyNameKeys(county.name) : new Set<string>();
  // Each parent's children as candidates for matchByName (one array per parent, so its index is
  // built once): “东岳社区” under 留下街道 is the ledger's 留下街道东岳社区红十字会.
  const children = new Map<number, { id: number; name: string }[]>();
  for (const o of all) {
    const list = children.get(o.parent_id ?? 0);
    if (list) list.push({ id: o.id, name: o.name });
    else children.set(o.parent_id ?? 0, [{ id: o.id, name: o.name }]);
  }
  const everywhere = all.map((o) => ({ id: o.id, name: o.name }));
  /** Names of earlier rows (nameKey) → the id or ref they stand for, so villages can name their township. */
  const inSheet = new Map<string, { ref: number; name: string; parent: number | null }[]>();
  /** Names of the organisations earlier rows create, by ref. */
  const refNames = new Map<number, string>();
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
    const status = statusCell(row, values.status);
    if (issues.isRejected(row) || parentRef === undefined || status === undefined) continue;

    const existing = findExisting(row, name, parentRef);
    if (existing === undefined) continue;
    const key = existing ? `id:${existing.id}` : `${parentRef ?? 0}\u0001${nameKey(name)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ row, name, idNumber: null, where: 'file', otherRow: first });
      issues.reject(row, 'name', `与第 ${first} 行是同一组织（同一上级下名称相同），只导入第一行。`);
      continue;
    }
    seen.set(key, row);

    const org: OrgValues = { name, typeId, parentRef, divisionCode, foundedOn, leaderName, leaderPhone, notes, status };
    if (!existing) {
      if (status === 'retired') {
        issues.reject(row, 'status', `表中状态为“已撤销”：导入不新建已撤销的组织。如需登记，请按“已成立”导入后在“组织”中办理撤销。`);
        continue;
      }
      const ref = nextRef--;
      remember(name, ref, parentRef);
      refNames.set(ref, name);
      actions.push({ type: 'insert', row, ref, org });
      continue;
    }
    remember(name, existing.id, existing.parent_id);
    duplicates.push({ row, name, idNumber: null, where: 'ledger', otherRow: null });
    if (existing.status === 'retired' && status !== null && status !== 'retired') {
      issues.reject(row, 'status', `台账中的“${existing.name}”已撤销，表中状态为“${statusLabels[status]}”：导入不恢复已撤销的组织，请先在“组织”中恢复。`);
      continue;
    }
    if (existing.status !== 'retired' && status === 'retired') {
      issues.reject(row, 'status', `表中状态为“已撤销”，台账中的“${existing.name}”为“${statusLabels[existing.status]}”：导入不撤销组织，请在“组织”中办理撤销。`);
      continue;
    }
    // A retired organisation listed as retired is as the ledger has it; its record stays closed.
    if (existing.status === 'retired') {
      unchanged += 1;
      continue;
    }
    const changes: Partial<OrgValues> = {};
    if (status !== null && status !== existing.status) changes.status = status;
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

  /**
   * The ledger's organisation this row is: under its parent, by any form of the name; null for a
   * new one; undefined when the row is rejected because the ledger has it (or one like it) elsewhere.
   */
  function findExisting(row: number, name: string, parentRef: number | null): OrgRow | null | undefined {
    const parentName = parentRef === null ? null : parentRef < 0 ? (refNames.get(parentRef) ?? null) : (byId.get(parentRef)?.name ?? null);
    if (parentRef === null || parentRef > 0) {
      const prefixes = parentName ? [parentName.replace(/红十字会$/u, '')] : [];
      const found = matchByName(name, children.get(parentRef ?? 0) ?? [], { prefixes });
      if ('exact' in found) return byId.get(found.exact) ?? null;
      const prefixed = found.suggestions.filter((s) => s.why.startsWith('表中名称省略了') || s.why.startsWith('表中名称多了'));
      if (prefixed.length === 1) return byId.get((prefixed[0] as { id: number }).id) ?? null;
    }
    const where = (o: OrgRow) => `“${o.name}”（${o.parent_id === null ? '县红十字会直属' : `上级：${byId.get(o.parent_id)?.name ?? ''}`}）`;
    const anywhere = matchByName(name, everywhere);
    if ('exact' in anywhere) {
      issues.reject(row, 'name', `台账中已有${where(byId.get(anywhere.exact) as OrgRow)}，${parentRef === null ? '表中没有填写上级组织（即县红十字会直属）' : '与表中的上级不同'}；为免重复没有导入。如是同一组织，请改正上级组织；如需调整上级，请在“组织”中移动。`);
      return undefined;
    }
    // A village named without its township is compared with the township's name in front, so a
    // new 东岳社区 under 西溪镇 is not taken for 三墩镇's.
    const parentKey = parentName ? nameKey(parentName) : '';
    const qualified = townshipEnd.test(parentKey) && !nameKey(name).startsWith(parentKey) ? `${parentKey}${nameKey(name)}` : name;
    const found = matchByName(qualified, everywhere);
    const near = 'exact' in found ? [byId.get(found.exact) as OrgRow] : found.suggestions.filter((s) => s.close).map((s) => byId.get(s.id) as OrgRow);
    if (near.length === 0) return null;
    issues.reject(row, 'name', `“${name}”与台账中的${near.map(where).join('、')}相近，可能是同一组织；为免重复没有导入。如是同一组织，请按台账中的名称和上级填写；如确是另一组织，请在“组织”中添加。`);
    return undefined;
  }

  function statusCell(row: number, cell: unknown): OrgStatus | null | undefined {
    if (isEmptyCell(cell)) return null;
    const written = normalizeName(cellText(cell)).replace(/\s/gu, '');
    const status = statusWords.find(([pattern]) => pattern.test(written))?.[1];
    if (status) return status;
    issues.reject(row, 'status', `“${written}”不是组织状态，请填写“筹建”或“已成立”（留空为已成立）。`);
    return undefined;
  }

  function remember(name: string, ref: number, parent: number | null): void {
    const k = nameKey(name);
    inSheet.set(k, [...(inSheet.get(k) ?? []), { ref, name, parent }]);
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
    // The county society itself (杭州市西湖区红十字会, 西湖区红会, 县红十字会直属) is above every
    // grassroots organisation: the row is at the top level.
    if (countyKeys.has(nameKey(written.replace(/直属$/u, '')))) return null;
    const parts = orgPathParts(written);
    if (parts) {
      // The ledger's organisations and the sheet's earlier rows, each under its parent.
      const sheetNodes = [...inSheet.values()].flat().filter((e) => e.ref < 0).map((e) => ({ id: e.ref, name: e.name, parent: e.parent }));
      const path = resolveOrgPath(written, parts, [...all.map((o) => ({ id: o.id, name: o.name, parent: o.parent_id })), ...sheetNodes]);
      if ('id' in path) return path.id < 0 ? path.id : checkedParent(row, path.id);
      issues.reject(row, 'parent', path.error);
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
    let code = cellText(cell).replace(/\s/g, '');
    // A township's own 9-digit code is its 12-digit statistical code without the trailing 000.
    if (/^\d{9}$/.test(code)) {
      issues.warn(row, 'divisionCode', `“${code}”是 9 位乡镇（街道）代码，已补足为 12 位统计用区划代码 ${code}000。`);
      code = `${code}000`;
    }
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

/** The forms a sheet writes the county society's name in, as name keys. */
function countyNameKeys(countyName: string): Set<string> {
  const key = nameKey(countyName);
  const keys = new Set([key]);
  for (const m of key.matchAll(aboveCounty)) {
    const tail = key.slice((m.index ?? 0) + m[0].length);
    if (tail.length >= 2) keys.add(tail);
  }
  // “县红十字会”, “区红会”: the county's level word alone (县 is said of a 区 too).
  keys.add('县');
  const level = /(县|区|市|旗)$/u.exec(key)?.[1];
  if (level) keys.add(level);
  return keys;
}
