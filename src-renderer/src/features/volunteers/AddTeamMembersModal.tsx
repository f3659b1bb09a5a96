import { useState } from 'react';
import { Empty, Form, Modal, Space, Tag } from 'antd';
import type { Team } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { VolunteerPicker } from './VolunteerPicker';

interface Props {
  team: Team;
  onClose: () => void;
  onAdded: (team: Team) => void;
}

interface Chosen {
  id: number;
  label: string;
}

/** Several volunteers picked one after another (each pick joins the list), added in one team.addMembers. */
export function AddTeamMembersModal({ team, onClose, onAdded }: Props) {
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [joinedOn, setJoinedOn] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Remounting the picker after each pick empties it for the next search.
  const [picks, setPicks] = useState(0);
  const run = useApiAction();

  async function pick(id: number | undefined) {
    if (id === undefined) return;
    setPicks((n) => n + 1);
    if (chosen.some((c) => c.id === id)) return;
    // The picker hands back only the id; the masked row names the tag.
    const v = await run(() => invoke('volunteer.get', { id }));
    if (v) setChosen((list) => (list.some((c) => c.id === id) ? list : [...list, { id, label: `${v.name}（${v.idNumber ?? '无证件号'}）` }]));
  }

  async function save() {
    if (chosen.length === 0) return;
    setSaving(true);
    const next = await run(
      () => invoke('team.addMembers', { teamId: team.id, volunteerIds: chosen.map((c) => c.id), ...(joinedOn ? { joinedOn } : {}) }),
      `已添加 ${chosen.length} 名队员`,
    );
    setSaving(false);
    if (next) onAdded(next);
  }

  return (
    <Modal open title={`添加队员：${team.name}`} okText="添加" cancelText="取消" okButtonProps={{ disabled: chosen.length === 0 }} confirmLoading={saving} onOk={() => void save()} onCancel={onClose} width={620}>
      <Form layout="vertical">
        <Form.Item label="志愿者" htmlFor="team-add-volunteer" extra="可逐个查找并选择多名在册志愿者；已是队员的不会重复加入。">
          <VolunteerPicker key={picks} id="team-add-volunteer" onChange={(id) => void pick(id)} />
        </Form.Item>
        <Form.Item label={`待添加（${chosen.length} 人）`}>
          {chosen.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未选择" />
          ) : (
            <Space wrap role="list" aria-label="待添加的志愿者">
              {chosen.map((c) => (
                <Tag key={c.id} role="listitem" closable onClose={() => setChosen((list) => list.filter((x) => x.id !== c.id))}>
                  {c.label}
                </Tag>
              ))}
            </Space>
          )}
        </Form.Item>
        <Form.Item label="加入日期（不填为今天）" htmlFor="team-add-date">
          <DateInput id="team-add-date" value={joinedOn} onChange={setJoinedOn} disabledFuture />
        </Form.Item>
      </Form>
    </Modal>
  );
}
