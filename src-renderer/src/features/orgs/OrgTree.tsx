import { useEffect, useMemo, useRef } from 'react';
import { Tag, Tree, type TreeDataNode } from 'antd';
import type { OrgSummary } from '../../../../src-main/core/api/contract';
import { statusLabels } from './labels';

interface Props {
  orgs: OrgSummary[];
  selectedId: number | null;
  expandedIds: number[];
  onExpand: (ids: number[]) => void;
  onSelect: (id: number) => void;
  height: number;
}

function buildTree(orgs: OrgSummary[]): TreeDataNode[] {
  const byParent = new Map<number | null, OrgSummary[]>();
  const ids = new Set(orgs.map((o) => o.id));
  for (const org of orgs) {
    // A child whose parent is filtered out (e.g. retired and hidden) shows at the top level.
    const parent = org.parentId !== null && ids.has(org.parentId) ? org.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), org]);
  }
  const toNodes = (parent: number | null): TreeDataNode[] =>
    (byParent.get(parent) ?? []).map((org) => {
      const children = toNodes(org.id);
      return {
        key: org.id,
        isLeaf: children.length === 0,
        children,
        title: (
          <span className={org.status === 'retired' ? 'org-retired' : undefined} style={org.status === 'retired' ? { color: '#999', textDecoration: 'line-through' } : undefined}>
            {org.name}
            {org.childCount > 0 && <span style={{ color: '#888', marginLeft: 4 }} aria-label={`下级 ${org.childCount} 个`}>（{org.childCount}）</span>}
            {org.status !== 'active' && <Tag style={{ marginLeft: 6 }}>{statusLabels[org.status]}</Tag>}
          </span>
        ),
      };
    });
  return toNodes(null);
}

/** The organisation tree: virtualised and keyboard navigable — ↑↓ move, ←→ fold, Enter or Space opens the organisation. */
export function OrgTree({ orgs, selectedId, expandedIds, onExpand, onSelect, height }: Props) {
  const treeData = useMemo(() => buildTree(orgs), [orgs]);
  const ref = useRef<React.ComponentRef<typeof Tree>>(null);
  // The row the keyboard is on (rc-tree's "active" row), opened with Enter or Space.
  const activeId = useRef<number | null>(null);
  useEffect(() => {
    if (selectedId === null) return;
    // Scroll only to a row that is shown: present, with every ancestor unfolded.
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const expanded = new Set(expandedIds);
    for (let at = byId.get(selectedId)?.parentId ?? null; at !== null; at = byId.get(at)?.parentId ?? null) {
      if (!byId.has(at)) break;
      if (!expanded.has(at)) return;
    }
    if (!byId.has(selectedId)) return;
    // After the tree has laid out the rows just unfolded, or the virtual list cannot find them.
    const frame = requestAnimationFrame(() => ref.current?.scrollTo({ key: selectedId, align: 'auto' }));
    return () => cancelAnimationFrame(frame);
  }, [selectedId, expandedIds, orgs]);
  return (
    <Tree
      ref={ref}
      aria-label="基层组织树"
      treeData={treeData}
      height={height}
      virtual
      blockNode
      showLine
      selectedKeys={selectedId === null ? [] : [selectedId]}
      expandedKeys={expandedIds}
      onExpand={(keys) => onExpand(keys.map(Number))}
      onSelect={(keys) => {
        if (keys.length > 0) onSelect(Number(keys[0]));
      }}
      onActiveChange={(key) => {
        activeId.current = key === null || key === undefined ? null : Number(key);
      }}
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === ' ') && activeId.current !== null) onSelect(activeId.current);
      }}
    />
  );
}
