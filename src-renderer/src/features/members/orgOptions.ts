import type { OrgSummary } from '../../../../src-main/core/api/contract';

export interface OrgOption {
  value: number;
  title: string;
  disabled?: boolean;
  children: OrgOption[];
}

/**
 * The organisation tree as TreeSelect data. `openOnly` disables retired organisations (they can
 * take no members) and `exclude` leaves one out; a filter keeps them all, retired ones marked.
 */
export function orgTreeData(orgs: OrgSummary[], options: { openOnly?: boolean; exclude?: number } = {}): OrgOption[] {
  const ids = new Set(orgs.map((o) => o.id));
  const byParent = new Map<number | null, OrgSummary[]>();
  for (const org of orgs) {
    const parent = org.parentId !== null && ids.has(org.parentId) ? org.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), org]);
  }
  const build = (parent: number | null): OrgOption[] =>
    (byParent.get(parent) ?? []).map((o) => ({
      value: o.id,
      title: o.status === 'retired' ? `${o.name}（已撤销）` : o.name,
      disabled: (options.openOnly && o.status === 'retired') || o.id === options.exclude,
      children: build(o.id),
    }));
  return build(null);
}
