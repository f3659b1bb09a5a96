import { useMemo, useState } from 'react';
import { App, Button, Input, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Team, VolunteerRow } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { AddTeamMembersModal } from './AddTeamMembersModal';
import { belongsTo } from './labels';
import { useKeysetPages } from '../../components/roster/useKeysetPages';

interface Props {
  team: Team;
  onChanged: (team: Team) => void;
}

/**
 * A team's current members: the volunteer roster filtered by the team (keyset pages of
 * volunteer.list, virtualised rows), with 添加队员 and a confirmed 移出 per member.
 */
export function TeamMembers({ team, onChanged }: Props) {
  const [search, setSearch] = useState('');
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState(false);
  const filter = useMemo(() => ({ teamId: team.id, search: search || undefined }), [team.id, search]);
  const roster = useKeysetPages('volunteer.list', filter, version);
  const { modal } = App.useApp();
  const run = useApiAction();
  const active = team.status === 'active';

  function changed(next: Team) {
    setVersion((v) => v + 1);
    onChanged(next);
  }

  function remove(row: VolunteerRow) {
    modal.confirm({
      title: `将“${row.name}”移出“${team.name}”？`,
      content: '退出日期记为今天；已登记的服务记录保留。',
      okText: '移出',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const next = await run(() => invoke('team.removeMember', { teamId: team.id, volunteerId: row.id }), `已将“${row.name}”移出`);
        if (next) changed(next);
      },
    });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Input.Search aria-label="查找队员" placeholder="姓名片段或证件号、电话末几位" allowClear style={{ width: 260 }} onSearch={(v) => setSearch(v.trim())} />
        {active && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加队员
          </Button>
        )}
      </Space>
      {/* A virtual table splits header and body into separate elements: the region names both. */}
      <section aria-label="队员名单">
        <Table<VolunteerRow>
          size="small"
          rowKey="id"
          virtual
          scroll={{ y: 420 }}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (el.scrollHeight - el.scrollTop - el.clientHeight < 400 && !roster.done) roster.loadMore();
          }}
          loading={roster.loading && roster.rows.length === 0}
          dataSource={roster.stale ? [] : roster.rows}
          pagination={false}
          locale={{ emptyText: roster.error ?? (search ? '没有符合条件的队员' : '该队暂无队员') }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '证件号码', dataIndex: 'idNumber', width: 190, render: (v: string | null) => v ?? '—' },
            { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
            { title: '所属组织', dataIndex: 'orgName', render: (v: string | null) => belongsTo(v) },
            { title: '累计时长', dataIndex: 'hours', width: 90, align: 'right', render: (v: number) => `${v} 小时` },
            {
              title: '',
              key: 'actions',
              width: 70,
              render: (_: unknown, row: VolunteerRow) => (
                <Button size="small" type="link" danger aria-label={`移出${row.name}`} onClick={() => remove(row)}>
                  移出
                </Button>
              ),
            },
          ]}
        />
      </section>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" role="status">
          {roster.stale ? '正在查找……' : `已加载 ${roster.rows.length.toLocaleString('zh-CN')} 人${roster.done ? '，已全部加载' : ''}`}
        </Typography.Text>
        {!roster.stale && !roster.done && (
          <Button size="small" loading={roster.loading} onClick={roster.loadMore}>
            加载更多
          </Button>
        )}
        {roster.error && (
          <Typography.Link onClick={roster.retry}>重试</Typography.Link>
        )}
      </Space>
      {adding && (
        <AddTeamMembersModal
          team={team}
          onClose={() => setAdding(false)}
          onAdded={(next) => {
            setAdding(false);
            changed(next);
          }}
        />
      )}
    </Space>
  );
}
