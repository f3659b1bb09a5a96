import { useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Result, Space, Spin, Tabs, Tag } from 'antd';
import type { ChangeEntry, OrgSummary, Team } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { ChangeHistoryTable } from '../../components/ChangeHistoryTable';
import { useApiAction } from '../../components/useApiError';
import { EditTeamModal } from './EditTeamModal';
import { belongsTo, teamStatusLabels } from './labels';
import { TeamMembers } from './TeamMembers';

interface Props {
  teamId: number | null;
  orgs: OrgSummary[];
  fieldNames: string[];
  onClose: () => void;
  /** Any write: the team list reloads its member counts and leaders. */
  onChanged: () => void;
}

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** One 志愿服务队: its particulars, its members (add, remove), 编辑, 解散 and its change history. */
export function TeamDrawer({ teamId, orgs, fieldNames, onClose, onChanged }: Props) {
  const [loaded, setLoaded] = useState<{ id: number; team: Team | null; error: string | null } | null>(null);
  const [history, setHistory] = useState<{ id: number; rows: ChangeEntry[] } | null>(null);
  const [tab, setTab] = useState('members');
  const [editing, setEditing] = useState(false);
  const { modal } = App.useApp();
  const run = useApiAction();

  useEffect(() => {
    if (teamId === null) return;
    let cancelled = false;
    setTab('members');
    setEditing(false);
    invoke('team.get', { id: teamId }).then(
      (team) => !cancelled && setLoaded({ id: teamId, team, error: null }),
      (e: Error) => !cancelled && setLoaded({ id: teamId, team: null, error: e.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [teamId]);

  // Reread after every change (loaded is replaced), so new entries show when the tab is open.
  useEffect(() => {
    if (teamId === null || tab !== 'history') return;
    let cancelled = false;
    invoke('team.history', { id: teamId }).then(
      (rows) => !cancelled && setHistory({ id: teamId, rows }),
      () => !cancelled && setHistory({ id: teamId, rows: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [teamId, tab, loaded]);

  const current = loaded && loaded.id === teamId ? loaded : null;
  const t = current?.team ?? null;

  function changed(next: Team) {
    setEditing(false);
    setLoaded({ id: next.id, team: next, error: null });
    onChanged();
  }

  function dissolve(team: Team) {
    modal.confirm({
      title: `解散“${team.name}”？`,
      content: '解散后不能再登记该队的服务记录，队员随之退出该队；已有记录保留。',
      okText: '解散',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const next = await run(() => invoke('team.dissolve', { id: team.id }), '已解散');
        if (next) changed(next);
      },
    });
  }

  return (
    <Drawer
      open={teamId !== null}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={
        t ? (
          <Space>
            <span>{t.name}</span>
            <Tag color={t.status === 'active' ? 'green' : 'default'}>{teamStatusLabels[t.status]}</Tag>
          </Space>
        ) : (
          '服务队详情'
        )
      }
      extra={
        t && (
          <Space>
            <Button onClick={() => setEditing(true)}>编辑</Button>
            {t.status === 'active' && (
              <Button danger onClick={() => dissolve(t)}>
                解散
              </Button>
            )}
          </Space>
        )
      }
    >
      {!current && <Spin description="正在读取……" style={{ display: 'block', marginTop: 80 }} />}
      {current?.error && <Result status="warning" title="无法读取该服务队" subTitle={current.error} />}
      {t && (
        <>
          <Descriptions column={2} size="small" bordered styles={{ label: { width: 110 } }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="所属" span={2}>{belongsTo(t.orgName)}</Descriptions.Item>
            <Descriptions.Item label="服务领域">{dash(t.field)}</Descriptions.Item>
            <Descriptions.Item label="负责人">{dash(t.leaderName)}</Descriptions.Item>
            <Descriptions.Item label="党支部">{t.hasPartyBranch ? '已建立' : '无'}</Descriptions.Item>
            <Descriptions.Item label="登记证号">{t.isRegisteredOrg ? dash(t.registrationNo) : '未登记'}</Descriptions.Item>
            <Descriptions.Item label="成立日期">{t.foundedOn}</Descriptions.Item>
            <Descriptions.Item label="解散日期">{dash(t.dissolvedOn)}</Descriptions.Item>
            <Descriptions.Item label="备注" span={2}>{dash(t.notes)}</Descriptions.Item>
          </Descriptions>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'members', label: `队员（${t.memberCount}）`, children: <TeamMembers team={t} onChanged={changed} /> },
              { key: 'history', label: '变更记录', children: <ChangeHistoryTable rows={history && history.id === t.id ? history.rows : null} /> },
            ]}
          />
          {editing && <EditTeamModal team={t} orgs={orgs} fieldNames={fieldNames} onClose={() => setEditing(false)} onSaved={changed} />}
        </>
      )}
    </Drawer>
  );
}
