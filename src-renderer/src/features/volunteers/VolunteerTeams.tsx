import { useEffect, useState } from 'react';
import { App, Button, Form, Modal, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Team, Volunteer } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';

interface Props {
  volunteer: Volunteer;
  /** Called with the volunteer as read back after joining or leaving a team. */
  onChanged: (volunteer: Volunteer) => void;
}

/** The teams a volunteer is in, with 加入服务队 and 退出 (team.addMembers / team.removeMember, as from the team's side). */
export function VolunteerTeams({ volunteer: v, onChanged }: Props) {
  const [joining, setJoining] = useState(false);
  const { modal } = App.useApp();
  const run = useApiAction();
  const active = v.status === 'active';

  async function reread() {
    const next = await run(() => invoke('volunteer.get', { id: v.id }));
    if (next) onChanged(next);
  }

  function leave(team: { id: number; name: string }) {
    modal.confirm({
      title: `“${v.name}”退出“${team.name}”？`,
      content: '退出日期记为今天；该队已有的服务记录保留。',
      okText: '退出',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (await run(() => invoke('team.removeMember', { teamId: team.id, volunteerId: v.id }), `已退出“${team.name}”`)) await reread();
      },
    });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">一名志愿者可加入多支服务队。</Typography.Text>
        {active && (
          <Button icon={<PlusOutlined />} onClick={() => setJoining(true)}>
            加入服务队
          </Button>
        )}
      </Space>
      <Table<{ id: number; name: string }>
        aria-label="所在服务队"
        size="small"
        rowKey="id"
        dataSource={v.teams}
        pagination={false}
        locale={{ emptyText: '尚未加入服务队' }}
        columns={[
          { title: '服务队', dataIndex: 'name' },
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_: unknown, t) => (
              <Button size="small" type="link" danger aria-label={`退出${t.name}`} onClick={() => leave(t)}>
                退出
              </Button>
            ),
          },
        ]}
      />
      {joining && (
        <JoinTeamModal
          volunteer={v}
          onClose={() => setJoining(false)}
          onJoined={async () => {
            setJoining(false);
            await reread();
          }}
        />
      )}
    </Space>
  );
}

function JoinTeamModal({ volunteer: v, onClose, onJoined }: { volunteer: Volunteer; onClose: () => void; onJoined: () => Promise<void> }) {
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [teamId, setTeamId] = useState<number | undefined>();
  const [joinedOn, setJoinedOn] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const run = useApiAction();

  useEffect(() => {
    void invoke('team.list', { includeDissolved: false }).then(setTeams, () => setTeams([]));
  }, []);

  const options = (teams ?? [])
    .filter((t) => !v.teams.some((mine) => mine.id === t.id))
    .map((t) => ({ value: t.id, label: `${t.name}（${t.orgName ?? '县红十字会直属'}）` }));

  async function join() {
    if (teamId === undefined) return;
    setSaving(true);
    const name = teams?.find((t) => t.id === teamId)?.name ?? '';
    const team = await run(() => invoke('team.addMembers', { teamId, volunteerIds: [v.id], ...(joinedOn ? { joinedOn } : {}) }), `已加入“${name}”`);
    setSaving(false);
    if (team) await onJoined();
  }

  return (
    <Modal open title={`加入服务队：${v.name}`} okText="加入" cancelText="取消" okButtonProps={{ disabled: teamId === undefined }} confirmLoading={saving} onOk={() => void join()} onCancel={onClose}>
      <Form layout="vertical">
        <Form.Item label="服务队" htmlFor="join-team" required>
          <Select
            id="join-team"
            showSearch={{ optionFilterProp: 'label' }}
            loading={teams === null}
            placeholder="选择活动中的服务队"
            options={options}
            value={teamId}
            onChange={setTeamId}
            notFoundContent="没有可加入的服务队"
          />
        </Form.Item>
        <Form.Item label="加入日期（不填为今天）" htmlFor="join-date">
          <DateInput id="join-date" value={joinedOn} onChange={setJoinedOn} disabledFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}
