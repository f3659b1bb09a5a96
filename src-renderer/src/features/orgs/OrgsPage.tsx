import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Empty, Space, Switch, Typography } from 'antd';
import type { Org, OrgSummary, OrgType } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { MoveOrgModal } from './MoveOrgModal';
import { OrgDetail } from './OrgDetail';
import { OrgFormModal } from './OrgFormModal';
import { OrgSearch } from './OrgSearch';
import { OrgTree } from './OrgTree';
import { RetireOrgModal } from './RetireOrgModal';
import { ExportActions } from '../../components/ExportActions';
import { ImportButton } from '../import/ImportLauncher';
import { ledgerToday } from '../../components/ledgerToday';

type Dialog = { kind: 'add'; parent: { id: number; name: string } | null } | { kind: 'edit' } | { kind: 'move' } | { kind: 'retire' } | null;

function useWindowHeight() {
  const [height, setHeight] = useState(window.innerHeight);
  useEffect(() => {
    const onResize = () => setHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

export function OrgsPage() {
  const [orgs, setOrgs] = useState<OrgSummary[] | null>(null);
  const [types, setTypes] = useState<OrgType[]>([]);
  const [showRetired, setShowRetired] = useState(false);
  const [selected, setSelected] = useState<Org | null>(null);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const { modal } = App.useApp();
  const run = useApiAction();
  const height = useWindowHeight();

  const reload = useCallback(async () => setOrgs(await invoke('org.list', { includeRetired: true })), []);
  useEffect(() => {
    void reload();
    void invoke('orgType.list', {}).then(setTypes);
  }, [reload]);

  const visible = useMemo(() => (orgs ?? []).filter((o) => showRetired || o.status !== 'retired' || o.id === selected?.id), [orgs, showRetired, selected]);

  const pick = useCallback(async (id: number) => {
    const org = await run(() => invoke('org.get', { id }));
    if (!org) return;
    setSelected(org);
    // Open the path down to the picked organisation so the tree can scroll to it.
    setExpanded((current) => Array.from(new Set([...current, ...org.path.slice(0, -1).map((p) => p.id)])));
  }, [run]);

  async function afterChange(org: Org) {
    setDialog(null);
    await reload();
    await pick(org.id);
    setHistoryVersion((v) => v + 1);
  }

  function restore(org: Org) {
    modal.confirm({
      title: `恢复“${org.name}”？`,
      content: '恢复后状态改为“已成立”，撤销日期清空。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        const restored = await run(() => invoke('org.restore', { id: org.id }), '已恢复');
        if (restored) await afterChange(restored);
      },
    });
  }

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card style={{ width: 400, flex: 'none' }} styles={{ body: { padding: 12 } }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <OrgSearch onPick={(id) => void pick(id)} />
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Space size={8}>
              <Button type="primary" onClick={() => setDialog({ kind: 'add', parent: null })}>新增顶层组织</Button>
              <ImportButton kind="orgs" />
            </Space>
            <Space size={4}>
              <Switch size="small" checked={showRetired} onChange={setShowRetired} aria-label="显示已撤销" />
              <Typography.Text type="secondary">显示已撤销</Typography.Text>
            </Space>
          </Space>
          <Space size={8}>
            <ExportActions kind="orgs" filter={{ includeRetired: showRetired }} />
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            共 {orgs?.filter((o) => o.status !== 'retired').length ?? 0} 个组织（已撤销 {orgs?.filter((o) => o.status === 'retired').length ?? 0} 个）
          </Typography.Text>
          {orgs && orgs.length === 0 ? (
            <Empty description="还没有基层组织，请先新增乡镇、街道等顶层组织" />
          ) : (
            <OrgTree orgs={visible} selectedId={selected?.id ?? null} expandedIds={expanded} onExpand={setExpanded} onSelect={(id) => void pick(id)} height={Math.max(240, height - 230)} />
          )}
        </Space>
      </Card>
      <div style={{ flex: 1, minWidth: 0 }}>
        {selected ? (
          <OrgDetail
            org={selected}
            historyVersion={historyVersion}
            onPick={(id) => void pick(id)}
            onEdit={() => setDialog({ kind: 'edit' })}
            onAddChild={() => setDialog({ kind: 'add', parent: { id: selected.id, name: selected.name } })}
            onMove={() => setDialog({ kind: 'move' })}
            onRetire={() => setDialog({ kind: 'retire' })}
            onRestore={() => restore(selected)}
          />
        ) : (
          <Card><Empty description="在左侧选择一个组织，或按名称查找" /></Card>
        )}
      </div>
      <OrgFormModal
        open={dialog?.kind === 'add' || dialog?.kind === 'edit'}
        editing={dialog?.kind === 'edit' ? (selected ?? undefined) : undefined}
        parent={dialog?.kind === 'add' ? dialog.parent : undefined}
        types={types}
        onClose={() => setDialog(null)}
        onSaved={(org) => void afterChange(org)}
      />
      {dialog?.kind === 'move' && selected && <MoveOrgModal org={selected} orgs={orgs ?? []} onClose={() => setDialog(null)} onMoved={(org) => void afterChange(org)} />}
      {dialog?.kind === 'retire' && selected && (
        <RetireOrgModal org={selected} today={ledgerToday()} onClose={() => setDialog(null)} onRetired={(org) => void afterChange(org)} />
      )}
    </div>
  );
}
