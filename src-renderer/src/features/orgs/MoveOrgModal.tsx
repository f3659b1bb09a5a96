import { useMemo, useState } from 'react';
import { Modal, TreeSelect, Typography } from 'antd';
import type { Org, OrgSummary } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';

const topLevel = 0;

interface ParentOption {
  value: number;
  title: string;
  children: ParentOption[];
}

interface Props {
  org: Org;
  orgs: OrgSummary[];
  onClose: () => void;
  onMoved: (org: Org) => void;
}

/** Choose a new parent; the organisation's own subtree and retired organisations are not offered. */
export function MoveOrgModal({ org, orgs, onClose, onMoved }: Props) {
  const [target, setTarget] = useState<number | undefined>(undefined);
  const run = useApiAction();
  const treeData = useMemo(() => {
    const children = new Map<number | null, OrgSummary[]>();
    for (const o of orgs) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
    const build = (parent: number | null): ParentOption[] =>
      (children.get(parent) ?? [])
        .filter((o) => o.id !== org.id && o.status !== 'retired')
        .map((o) => ({ value: o.id, title: o.name, children: build(o.id) }));
    const top: ParentOption = { value: topLevel, title: '（顶层，不属于任何组织）', children: [] };
    return [top, ...build(null)];
  }, [orgs, org.id]);

  async function move() {
    if (target === undefined) return;
    const moved = await run(() => invoke('org.move', { id: org.id, parentId: target === topLevel ? null : target }), '已移动');
    if (moved) onMoved(moved);
  }

  return (
    <Modal open title={`移动：${org.name}`} okText="移动" cancelText="取消" okButtonProps={{ disabled: target === undefined }} onOk={() => void move()} onCancel={onClose}>
      <Typography.Paragraph>当前上级：{org.path.length > 1 ? org.path.at(-2)!.name : '（顶层）'}</Typography.Paragraph>
      <TreeSelect
        aria-label="新的上级组织"
        style={{ width: '100%' }}
        showSearch
        treeNodeFilterProp="title"
        placeholder="选择新的上级组织"
        treeData={treeData}
        value={target}
        onChange={(v: number) => setTarget(v)}
        treeDefaultExpandAll={orgs.length < 200}
        listHeight={360}
      />
    </Modal>
  );
}
