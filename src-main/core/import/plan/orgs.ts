import type BetterSqlite3 from 'better-sqlite3';
import type { OrgChoice } from '../../api/contract/import';
import { subtreeIds } from '../../db/org-subtree';
import { normalizeName } from '../../domain/text';
import { AppError } from '../../errors';
import { inferOrgType, matchByName } from '../clean/index';
import { cellText, isEmptyCell, type IssueList } from './issues';
import { orgPathParts, resolveOrgPath } from './org-path';

// Which organisation a row belongs to. Townships abbreviate and leave out their own prefix,
// so a name is matched within the chosen township's subtree: exactly first, then the clerk's
// choice for the names that did not match (map to one, create under a parent, reject), with
// suggestions of near names. Unknown names never create anything unless the clerk says so.

export interface OrgOptions {
  orgId: number | null;
  scopeOrgId: number | null;
  createOrgsUnder: number | null;
  orgChoices: Record<string, OrgChoice>;
}

interface OrgRow {
  id: number;
  name: string;
  parent_id: number | null;
  status: 'preparing' | 'active' | 'retired';
}

export interface PendingOrg {
  /** Negative: stands for the organisation until the commit creates it. */
  ref: number;
  name: string;
  parentId: number | null;
  typeName: string | null;
}

interface Unmatched {
  name: string;
  rows: number;
  firstRow: number;
  suggestions: { id: number; name: string }[];
}

type Resolution = { id: number } | { error: string; suggestions?: { id: number; name: string }[] };

export class OrgResolver {
  private readonly candidates: { id: number; name: string }[];
  /** Every organisation, in scope or not: what a name must not be close to for --create-orgs-under. */
  private readonly everywhere: { id: number; name: string }[];
  private readonly inScope: Set<number>;
  private readonly byId: Map<number, OrgRow>;
  private readonly cache = new Map<string, Resolution>();
  private readonly unmatched = new Map<string, Unmatched>();
  readonly pending: PendingOrg[] = [];
  private readonly typeNames: Set<string>;
  private readonly prefixes: string[];

  constructor(
    sqlite: BetterSqlite3.Database,
    private readonly options: OrgOptions,
    private readonly issues: IssueList,
  ) {
    const all = sqlite.prepare('SELECT id, name, parent_id, status FROM organization').all() as OrgRow[];
    this.byId = new Map(all.map((o) => [o.id, o]));
    const scope = options.scopeOrgId !== null ? new Set(subtreeIds(sqlite, options.scopeOrgId)) : null;
    this.candidates = all.filter((o) => !scope || scope.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
    this.inScope = new Set(this.candidates.map((o) => o.id));
    this.prefixes = options.scopeOrgId !== null ? [this.byId.get(options.scopeOrgId)?.name.replace(/红十字会$/u, '') ?? ''] : [];
    this.typeNames = new Set((sqlite.prepare('SELECT name FROM organization_type WHERE retired = 0').pluck().all() as string[]));
    this.everywhere = all.map((o) => ({ id: o.id, name: o.name }));
    // A parent that cannot take new organisations refuses the import before any row is read,
    // the same in a dry run and a real one.
    const parents = [options.createOrgsUnder, ...Object.values(options.orgChoices).map((c) => (c.action === 'create' ? c.parentId : null))];
    for (const id of new Set(parents)) {
      if (id === null) continue;
      const parent = this.byId.get(id);
      if (!parent) throw new AppError('INVALID_INPUT', `要在其下新建组织的上级（编号 ${id}）不存在，请重新选择。`);
      if (parent.status === 'retired') throw new AppError('INVALID_INPUT', `要在其下新建组织的上级“${parent.name}”已撤销，不能在其下新建组织，请重新选择。`);
    }
  }

  /**
   * The organisation id for a row (negative for one the commit will create), or null when the row
   * is rejected. `current`: the organisation the row's record is already in. When the sheet names
   * exactly that organisation it is the one, even if another township has one of the same name
   * (two 和睦社区红十字会): an exported roster names organisations without their township.
   */
  resolve(row: number, cell: unknown, field = 'organization', current: number | null = null): number | null {
    if (isEmptyCell(cell)) {
      if (this.options.orgId !== null) return this.open(row, this.options.orgId, field);
      // Nothing written and no organisation chosen for the sheet: a record in the ledger stays where it is.
      if (current !== null) return this.open(row, current, field, true);
      this.issues.reject(row, field, '没有填写所属基层组织，导入时也没有选择默认组织。');
      return null;
    }
    const written = normalizeName(cellText(cell));
    if (current !== null && this.options.orgChoices[written] === undefined && this.inScope.has(current) && normalizeName(this.byId.get(current)?.name ?? '') === written) {
      return this.open(row, current, field, true);
    }
    let resolution = this.cache.get(written);
    if (!resolution) {
      resolution = this.match(row, written);
      this.cache.set(written, resolution);
    }
    if ('error' in resolution) {
      if (resolution.suggestions) {
        const entry = this.unmatched.get(written) ?? { name: written, rows: 0, firstRow: row, suggestions: resolution.suggestions };
        entry.rows += 1;
        this.unmatched.set(written, entry);
      }
      this.issues.reject(row, field, resolution.error);
      return null;
    }
    return resolution.id < 0 ? resolution.id : this.open(row, resolution.id, field);
  }

  unmatchedNames(): Unmatched[] {
    return [...this.unmatched.values()].sort((a, b) => a.firstRow - b.firstRow);
  }

  /** `stays`: the row's record is already in this organisation, so a retired one changes nothing. */
  private open(row: number, id: number, field: string, stays = false): number | null {
    const org = this.byId.get(id);
    if (!org) {
      this.issues.reject(row, field, `编号为 ${id} 的组织不存在。`);
      return null;
    }
    if (org.status === 'retired' && !stays) {
      this.issues.reject(row, field, `“${org.name}”已撤销，不能再加入人员。`);
      return null;
    }
    return id;
  }

  private match(row: number, written: string): Resolution {
    const choice = this.options.orgChoices[written];
    if (choice?.action === 'map') return { id: choice.orgId };
    if (choice?.action === 'reject') return { error: `按导入时的选择，“${written}”的行不导入。` };
    const parts = orgPathParts(written);
    if (parts) {
      const path = resolveOrgPath(written, parts, [...this.byId.values()].map((o) => ({ id: o.id, name: o.name, parent: o.parent_id })));
      if ('error' in path) return path;
      return this.inScope.has(path.id) ? path : { error: `“${written}”不在所选的乡镇（街道）范围内。` };
    }
    const found = matchByName(written, this.candidates, { prefixes: this.prefixes });
    if ('exact' in found) return { id: found.exact };
    // Townships leave out their own prefix ("象山社区" for 城关镇象山社区红十字会): when exactly one
    // organisation in scope is the name with a prefix, that is the one.
    const prefixed = found.suggestions.filter((s) => s.why.startsWith('表中名称省略了'));
    if (prefixed.length === 1) return { id: (prefixed[0] as { id: number }).id };
    if (choice?.action === 'create') return { id: this.create(row, written, choice.parentId) };
    const suggestions = found.suggestions.map((s) => ({ id: s.id, name: s.name }));
    if (this.options.createOrgsUnder !== null) {
      // The blanket choice creates only names the ledger has nothing like anywhere; one that looks
      // like an existing organisation waits for the clerk (map it, or create it by name).
      const near = this.closeNames(written);
      if (near.length === 0) return { id: this.create(row, written, this.options.createOrgsUnder) };
      const named = near.map((n) => `“${n.name}”`).join('、');
      const why = 'exact' in matchByName(written, this.everywhere) ? `台账中已有${named}（不在所选的乡镇/街道范围内）` : `“${written}”与台账中的${named}相近，可能是同一组织`;
      return { error: `${why}，为免重复没有自动新建。请在预览中把它对应到已有组织，或对这个名称选择新建。`, suggestions: near };
    }
    const sameName = suggestions.filter((s) => normalizeName(s.name) === written);
    if (sameName.length > 1) {
      const parents = sameName.map((s) => this.byId.get(this.byId.get(s.id)?.parent_id ?? 0)?.name ?? '县红十字会直属');
      return {
        error: `台账中有 ${sameName.length} 个名为“${written}”的基层组织（分别属于${parents.join('、')}），无法确定是哪一个。请在预览中把它对应到其中一个，或选定乡镇（街道）范围后再导入。`,
        suggestions,
      };
    }
    if (prefixed.length > 1) {
      return {
        error: `“${written}”省略了乡镇（街道）名称，台账中有 ${prefixed.length} 个这样的组织（${prefixed.map((p) => p.name).join('、')}），无法确定是哪一个。请在预览中把它对应到其中一个，或选定乡镇（街道）范围后再导入。`,
        suggestions,
      };
    }
    const hint = suggestions.length > 0 ? `可能是：${suggestions.slice(0, 3).map((s) => s.name).join('、')}。` : '';
    return { error: `台账中没有名为“${written}”的基层组织。${hint}请在预览中把它对应到已有组织、选择新建，或拒绝这些行。`, suggestions };
  }

  /** Organisations anywhere in the ledger that are likely the one this name means. */
  private closeNames(written: string): { id: number; name: string }[] {
    const found = matchByName(written, this.everywhere);
    if ('exact' in found) return [{ id: found.exact, name: this.byId.get(found.exact)?.name ?? written }];
    return found.suggestions.filter((s) => s.close).map((s) => ({ id: s.id, name: s.name }));
  }

  private create(row: number, written: string, parentId: number | null): number {
    const name = written.endsWith('红十字会') || written.endsWith('红十字分会') ? written : `${written.replace(/红会$/u, '')}红十字会`;
    const inferred = inferOrgType(written);
    const typeName = inferred && this.typeNames.has(inferred) ? inferred : null;
    const parent = parentId === null ? '县红十字会直属' : `上级：${this.byId.get(parentId)?.name ?? parentId}`;
    this.issues.warn(
      row,
      'organization',
      typeName
        ? `“${written}”不在台账中，将新建“${name}”（${parent}，类型：${typeName}）。`
        : `“${written}”不在台账中，将新建“${name}”（${parent}），但无法从名称判断组织类型，导入后请在“组织”中补填。`,
    );
    const ref = -(this.pending.length + 1);
    this.pending.push({ ref, name, parentId, typeName });
    return ref;
  }
}
