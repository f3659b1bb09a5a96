import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Result, Space, Spin, Tabs, Tag } from 'antd';
import type { ChangeEntry, Volunteer } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { ChangeHistoryTable } from '../../components/ChangeHistoryTable';
import { DateInput } from '../../components/DateInput';
import { dash } from '../../components/formText';
import { useApiAction, useSavingAction } from '../../components/useApiError';
import { useRecordById } from '../../components/useRecordById';
import { useReveal } from '../../components/useReveal';
import { EditVolunteerModal } from './EditVolunteerModal';
import { belongsTo, genderText, stars, volunteerStatusColors, volunteerStatusLabels } from './labels';
import { VolunteerTeams } from './VolunteerTeams';

interface Props {
  volunteerId: number | null;
  onClose: () => void;
  onChanged: (volunteer: Volunteer) => void;
}

/** One volunteer: fields of service, teams, hours, stars, the 救护员证 warning, history, and leave / restore. */
export function VolunteerDrawer({ volunteerId, onClose, onChanged }: Props) {
  const loaded = useRecordById('volunteer.get', volunteerId);
  const [history, setHistory] = useState<{ id: number; rows: ChangeEntry[] } | null>(null);
  const full = useReveal('volunteer.reveal', volunteerId, () => setHistory(null));
  const [tab, setTab] = useState('info');
  const [leaving, setLeaving] = useState(false);
  const [editing, setEditing] = useState(false);
  const { modal } = App.useApp();
  const run = useApiAction();

  useEffect(() => {
    if (volunteerId === null) return;
    setTab('info');
    setLeaving(false);
    setEditing(false);
  }, [volunteerId]);

  useEffect(() => {
    if (volunteerId === null || tab !== 'history') return;
    let cancelled = false;
    invoke('volunteer.history', { id: volunteerId }).then(
      (rows) => !cancelled && setHistory({ id: volunteerId, rows }),
      () => !cancelled && setHistory({ id: volunteerId, rows: [] }),
    );
    return () => {
      cancelled = true;
    };
  }, [volunteerId, tab, loaded.record]);

  const v = loaded.record;

  function changed(next: Volunteer) {
    setLeaving(false);
    setEditing(false);
    // What was revealed may be out of date now; the masked values are current.
    full.clear();
    loaded.replace(next);
    onChanged(next);
  }

  function restore(target: Volunteer) {
    modal.confirm({
      title: `恢复“${target.name}”为在册志愿者？`,
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        const restored = await run(() => invoke('volunteer.restore', { id: target.id }), '已恢复');
        if (restored) changed(restored);
      },
    });
  }

  return (
    <Drawer
      open={volunteerId !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={
        v ? (
          <Space>
            <span>{v.name}</span>
            <Tag color={volunteerStatusColors[v.status]}>{volunteerStatusLabels[v.status]}</Tag>
            {v.isMember && <Tag color="red">会员</Tag>}
          </Space>
        ) : (
          '志愿者详情'
        )
      }
      extra={
        v && (
          <Space>
            <Button onClick={() => setEditing(true)}>编辑</Button>
            {v.status === 'left' ? <Button onClick={() => restore(v)}>恢复</Button> : <Button danger onClick={() => setLeaving(true)}>退出</Button>}
          </Space>
        )
      }
    >
      {!loaded.ready && <Spin description="正在读取……" style={{ display: 'block', marginTop: 80 }} />}
      {loaded.error && <Result status="warning" title="无法读取该志愿者" subTitle={loaded.error} />}
      {v && (
        <>
          {v.certExpiringSoon && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`救护员证（${dash(v.certNo)}）有效期至 ${v.certExpiresOn}，已到期或将在 90 天内到期，请安排复训。`} />
          )}
          {v.eligibleStarLevel !== null && (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`累计服务 ${v.hours} 小时，已达到 ${v.eligibleStarLevel} 星标准${v.eligibleStarLevel > 3 ? '（4、5 星由市、省红十字会授予，请向上推荐）' : '，可在“星级”中授予'}。`} />
          )}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'info',
                label: '基本信息',
                children: (
                  <Descriptions column={2} size="small" bordered styles={{ label: { width: 120 } }}>
                    <Descriptions.Item label="姓名">{v.name}</Descriptions.Item>
                    <Descriptions.Item label="性别">{genderText(v.gender)}</Descriptions.Item>
                    <Descriptions.Item label="证件号码">
                      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{dash(full.values?.idNumber ?? v.idNumber)}</span>
                      {(v.idNumber !== null || v.phone !== null) && full.button}
                    </Descriptions.Item>
                    <Descriptions.Item label="联系电话">{dash(full.values?.phone ?? v.phone)}</Descriptions.Item>
                    <Descriptions.Item label="所属组织" span={2}>{belongsTo(v.orgName)}</Descriptions.Item>
                    <Descriptions.Item label="注册日期">{v.registeredOn}</Descriptions.Item>
                    <Descriptions.Item label="退出日期">{dash(v.leftOn)}</Descriptions.Item>
                    <Descriptions.Item label="服务领域" span={2}>{v.fields.length ? v.fields.map((f) => <Tag key={f}>{f}</Tag>) : '—'}</Descriptions.Item>
                    <Descriptions.Item label="服务队" span={2}>{v.teams.length ? v.teams.map((t) => <Tag key={t.id} color="blue">{t.name}</Tag>) : '—'}</Descriptions.Item>
                    <Descriptions.Item label="累计服务时长">{v.hours} 小时</Descriptions.Item>
                    <Descriptions.Item label="星级">{stars(v.starLevel)}{v.starAwardedOn ? `（${v.starAwardedOn} 授予）` : ''}</Descriptions.Item>
                    <Descriptions.Item label="可授星级">{v.eligibleStarLevel ? `${v.eligibleStarLevel} 星` : '—'}</Descriptions.Item>
                    <Descriptions.Item label="是否会员">{v.isMember ? '是' : '否'}</Descriptions.Item>
                    <Descriptions.Item label="全国系统注册">{v.nationalRegistered ? `是（${dash(v.nationalNo)}）` : '否'}</Descriptions.Item>
                    <Descriptions.Item label="救护员证">
                      {v.certNo ? `${v.certNo}，有效期至 ${dash(v.certExpiresOn)}` : '—'}
                      {v.certExpiringSoon && <Tag color="orange" style={{ marginInlineStart: 8 }}>即将到期</Tag>}
                    </Descriptions.Item>
                    <Descriptions.Item label="备注" span={2}>{dash(v.notes)}</Descriptions.Item>
                  </Descriptions>
                ),
              },
              { key: 'teams', label: `服务队（${v.teams.length}）`, children: <VolunteerTeams volunteer={v} onChanged={changed} /> },
              { key: 'history', label: '变更记录', children: <ChangeHistoryTable rows={history && history.id === v.id ? history.rows : null} /> },
            ]}
          />
          {editing && <EditVolunteerModal volunteer={v} onClose={() => setEditing(false)} onSaved={changed} />}
          {leaving && <LeaveModal volunteer={v} onClose={() => setLeaving(false)} onLeft={changed} />}
        </>
      )}
    </Drawer>
  );
}

function LeaveModal({ volunteer, onClose, onLeft }: { volunteer: Volunteer; onClose: () => void; onLeft: (v: Volunteer) => void }) {
  const [leftOn, setLeftOn] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [saving, run] = useSavingAction();
  async function leave() {
    const left = await run(
      () => invoke('volunteer.leave', { id: volunteer.id, ...(leftOn ? { leftOn } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) }),
      `“${volunteer.name}”已退出`,
    );
    if (left) onLeft(left);
  }
  return (
    <Modal open title={`退出：${volunteer.name}`} okText="确认退出" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={saving} onOk={() => void leave()} onCancel={onClose}>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="退出后不再计入在册志愿者，同时退出所在服务队；服务记录和星级保留，可随时恢复。" />
      <Form layout="vertical">
        <Form.Item label="退出日期（不填为今天）" htmlFor="leave-date">
          <DateInput id="leave-date" value={leftOn} onChange={setLeftOn} disabledFuture />
        </Form.Item>
        <Form.Item label="退出原因（可不填）" htmlFor="leave-reason">
          <Input id="leave-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
