import { matchByName } from '../clean/index';

// An organisation written with its parents, 三墩镇红十字会/新村红十字会: how a roster export names an
// organisation whose name the ledger has more than once (export/org-names.ts), and how a clerk can
// say which one is meant. Each part is found by its name (any form of it) among the children of
// the part before; the first part anywhere.

export interface PathNode {
  id: number;
  name: string;
  parent: number | null;
}

/** The parts of a written name, when it is a path of at least two. */
export function orgPathParts(written: string): string[] | null {
  const parts = written
    .split(/[/／]/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length >= 2 ? parts : null;
}

export function resolveOrgPath(written: string, parts: readonly string[], nodes: readonly PathNode[]): { id: number } | { error: string } {
  let pool = nodes;
  let at: PathNode | null = null;
  for (const part of parts) {
    const found = matchByName(
      part,
      pool.map((n) => ({ id: n.id, name: n.name })),
    );
    const hit = 'exact' in found ? pool.find((n) => n.id === found.exact) : undefined;
    if (!hit) {
      const where = at ? `“${at.name}”下没有` : '台账中没有唯一的';
      return { error: `“${written}”：${where}“${part}”。请按台账中的名称填写上级和组织（如 乡镇红十字会/村红十字会）。` };
    }
    at = hit;
    pool = nodes.filter((n) => n.parent === hit.id);
  }
  return { id: (at as PathNode).id };
}
