import type { OrgChoice } from '../../../../src-main/core/api/contract';

/** The clerk's answer for one unknown organisation name, possibly half-made (对应到 without the organisation yet). */
export type DraftChoice = { action: 'default' } | { action: 'map'; orgId: number | null } | { action: 'create'; parentId: number | null } | { action: 'reject' };

/**
 * The complete answers, as import.preview takes them. A name left on 默认 or half-made is left
 * out, so the backend applies the setup's 新组织建在 (or rejects the rows) to it.
 */
export function toOrgChoices(drafts: Record<string, DraftChoice>): Record<string, OrgChoice> {
  const choices: Record<string, OrgChoice> = {};
  for (const [name, d] of Object.entries(drafts)) {
    if (d.action === 'map' && d.orgId !== null) choices[name] = { action: 'map', orgId: d.orgId };
    else if (d.action === 'create') choices[name] = { action: 'create', parentId: d.parentId };
    else if (d.action === 'reject') choices[name] = { action: 'reject' };
  }
  return choices;
}

/** Names set to 对应到已有组织 whose organisation is not chosen yet. */
export function countPending(drafts: Record<string, DraftChoice>): number {
  return Object.values(drafts).filter((d) => d.action === 'map' && d.orgId === null).length;
}

/** Whether two sets of choices would give the same preview (key order does not matter). */
export function sameChoices(a: Record<string, OrgChoice>, b: Record<string, OrgChoice>): boolean {
  const canonical = (c: Record<string, OrgChoice>) => JSON.stringify(Object.keys(c).sort().map((k) => [k, c[k]]));
  return canonical(a) === canonical(b);
}
