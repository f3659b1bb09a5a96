import type { OrgFact } from '../db/dashboard-facts';

// A township (乡镇/街道) is a top-level organisation of one of those two types; everything under
// it belongs to it. Top-level units of other types (county hospitals, colleges, alliances) and
// whatever sits under them are grouped as 县直及其他, the county's own row.

export const countyLevelLabel = '县直及其他';
const townshipTypes = new Set(['乡镇', '街道']);

export interface Township {
  id: number | null;
  name: string;
}

export function townshipsOf(orgs: OrgFact[]): Map<number, Township> {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const result = new Map<number, Township>();
  const county: Township = { id: null, name: countyLevelLabel };
  for (const org of orgs) {
    let root = org;
    // A parent chain longer than the table can only be a cycle; stop rather than loop.
    for (let steps = 0; root.parentId !== null && steps < orgs.length; steps++) {
      const parent = byId.get(root.parentId);
      if (!parent) break;
      root = parent;
    }
    result.set(org.id, root.parentId === null && root.typeName !== null && townshipTypes.has(root.typeName) ? { id: root.id, name: root.name } : county);
  }
  return result;
}
