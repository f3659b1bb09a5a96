import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Result, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ApiOutput, Member, OrgSummary } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { dash } from '../../components/formText';
import { useApiAction } from '../../components/useApiError';
import { useRecordById } from '../../components/useRecordById';
import { EditMemberModal } from './EditMemberModal';
import { LapseMemberModal } from './LapseMemberModal';
import { MemberHistory } from './MemberHistory';
import { TransferMemberModal } from './TransferMemberModal';
import { genderText, idTypeLabels, kindLabels, statusColors, statusLabels } from './labels';
import { ledgerToday } from '../../components/ledgerToday';

type Revealed = ApiOutput<'member.reveal'>;
type Dialog = 'edit' | 'transfer' | 'lapse' | null;

interface Props {
  memberId: number | null;
  orgs: OrgSummary[];
  onClose: () => void;
  /** After an edit, transfer, lapse or restore: the roster shows the new state. */
  onChanged: (member: Member) => void;
}

/** One member: every field, numbers masked until 显示 (audited), change history, and the actions. */
export function MemberDrawer({ memberId, orgs, onClose, onChanged }: Props) {
  const loaded = useRecordById('member.get', memberId);
  const [revealed, setRevealed] = useState<{ id: number; values: Revealed } | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [tab, setTab] = useState('info');
  const { modal } = App.useApp();
  const run = useApiAction();

  useEffect(() => {
    // Full numbers are shown only until the drawer closes or moves on to another member.
    setRevealed(null);
    if (memberId === null) return;
    setTab('info');
    setDialog(null);
  }, [memberId]);

  const member = loaded.record;
  const full = revealed && member && revealed.id === member.id ? revealed.values : null;

  async function reveal() {
    if (!member) return;
    setRevealing(true);
    const values = await run(() => invoke('member.reveal', { id: member.id }));
    setRevealing(false);
    if (!values) return;
    setRevealed({ id: member.id, values });
    setHistoryVersion((v) => v + 1);
  }

  function changed(next: Member) {
    setDialog(null);
    loaded.replace(next);
    // What was revealed may be out of date now; the masked values are current.
    setRevealed(null);
    setHistoryVersion((v) => v + 1);
    onChanged(next);
  }

  function restore(m: Member) {
    modal.confirm({
      title: `恢复“${m.name}”为在册会员？`,
      content: '恢复后状态改为“在册”，退会日期和原因清空。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        const restored = await run(() => invoke('member.restore', { id: m.id }), '已恢复');
        if (restored) changed(restored);
      },
    });
  }

  function convert(m: Member) {
    modal.confirm({
      title: `将“${m.name}”转为成人会员？`,
      content: '会员类别改为“成人会员”，转换日期记为今天，并记入变更记录。',
      okText: '转为成人会员',
      cancelText: '取消',
      onOk: async () => {
        const converted = await run(() => invoke('member.convertToAdult', { id: m.id }), '已转为成人会员');
        if (converted) changed(converted);
      },
    });
  }

  const lapsed = member?.status === 'lapsed';
  const showGuardian = member !== null && (member.guardianName !== null || member.kind === 'youth');
  const revealButton = member && (member.idNumber !== null || member.phone !== null || member.guardianPhone !== null) && !full && (
    <Tooltip title="显示完整的证件号码和电话。每次查看都会记入变更记录。">
      <Button size="small" type="link" loading={revealing} onClick={() => void reveal()}>
        显示
      </Button>
    </Tooltip>
  );

  return (
    <Drawer
      open={memberId !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={
        member ? (
          <Space>
            <span>{member.name}</span>
            <Tag color={statusColors[member.status]}>{statusLabels[member.status]}</Tag>
            <Tag>{kindLabels[member.kind]}会员</Tag>
          </Space>
        ) : (
          '会员详情'
        )
      }
      extra={
        member && (
          <Space wrap>
            <Button onClick={() => setDialog('edit')}>编辑</Button>
            <Tooltip title={lapsed ? '已退会的会员请先恢复再转移' : undefined}>
              <Button onClick={() => setDialog('transfer')} disabled={lapsed}>转移</Button>
            </Tooltip>
            {lapsed ? <Button onClick={() => restore(member)}>恢复</Button> : <Button danger onClick={() => setDialog('lapse')}>退会</Button>}
          </Space>
        )
      }
    >
      {!loaded.ready && <Spin description="正在读取……" style={{ display: 'block', marginTop: 80 }} />}
      {loaded.error && <Result status="warning" title="无法读取该会员" subTitle={loaded.error} />}
      {member && (
        <>
          {member.dueForAdultConversion && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="该青少年会员已满 18 周岁，应转为成人会员。"
              action={
                <Button size="small" onClick={() => convert(member)}>
                  转为成人会员
                </Button>
              }
            />
          )}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'info',
                label: '基本信息',
                children: (
                  <Descriptions column={2} size="small" bordered styles={{ label: { width: 110 } }}>
                    <Descriptions.Item label="姓名">{member.name}</Descriptions.Item>
                    <Descriptions.Item label="会员类别">{kindLabels[member.kind]}会员</Descriptions.Item>
                    <Descriptions.Item label="证件类型">{idTypeLabels[member.idType]}</Descriptions.Item>
                    <Descriptions.Item label="证件号码">
                      <Space size={4} wrap>
                        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{dash(full ? full.idNumber : member.idNumber)}</span>
                        {revealButton}
                      </Space>
                    </Descriptions.Item>
                    <Descriptions.Item label="性别">{genderText(member.gender)}</Descriptions.Item>
                    <Descriptions.Item label="出生日期">{dash(member.birthDate)}</Descriptions.Item>
                    <Descriptions.Item label="联系电话" span={2}>
                      <span>{dash(full ? full.phone : member.phone)}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label="所属组织" span={2}>{member.orgName}</Descriptions.Item>
                    <Descriptions.Item label="状态">
                      <Tag color={statusColors[member.status]}>{statusLabels[member.status]}</Tag>
                    </Descriptions.Item>
                    <Descriptions.Item label="入会日期">{member.joinedOn}</Descriptions.Item>
                    {lapsed && <Descriptions.Item label="退会日期">{dash(member.lapsedOn)}</Descriptions.Item>}
                    {lapsed && <Descriptions.Item label="退会原因">{dash(member.lapseReason)}</Descriptions.Item>}
                    {showGuardian && (
                      <>
                        <Descriptions.Item label="监护人">{dash(member.guardianName)}</Descriptions.Item>
                        <Descriptions.Item label="与本人关系">{dash(member.guardianRelation)}</Descriptions.Item>
                        <Descriptions.Item label="监护人电话">{dash(full ? full.guardianPhone : member.guardianPhone)}</Descriptions.Item>
                        <Descriptions.Item label="同意日期">{dash(member.guardianConsentOn)}</Descriptions.Item>
                        <Descriptions.Item label="同意方式" span={2}>{dash(member.guardianConsentMethod)}</Descriptions.Item>
                      </>
                    )}
                    <Descriptions.Item label="备注" span={2}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{dash(member.notes)}</span>
                    </Descriptions.Item>
                  </Descriptions>
                ),
              },
              { key: 'history', label: '变更记录', children: <MemberHistory memberId={member.id} version={historyVersion} /> },
            ]}
          />
          {full && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
              已显示完整号码；本次查看已记入变更记录。
            </Typography.Paragraph>
          )}
        </>
      )}
      {member && dialog === 'edit' && <EditMemberModal member={member} fullPhone={full ? full.phone : undefined} onClose={() => setDialog(null)} onSaved={changed} />}
      {member && dialog === 'transfer' && <TransferMemberModal member={member} orgs={orgs} onClose={() => setDialog(null)} onMoved={changed} />}
      {member && dialog === 'lapse' && <LapseMemberModal member={member} today={ledgerToday()} onClose={() => setDialog(null)} onLapsed={changed} />}
    </Drawer>
  );
}
