import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ChangeEntry, GroupMember, GroupSaveResult, OrgSummary } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { ChangeHistoryTable } from '../../components/ChangeHistoryTable';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { useReveal } from '../../components/useReveal';
import { duesStatusLabels, fenToYuan, yuanToFen } from '../dues/money';
import { GroupFormModal } from './GroupFormModal';
import { ledgerToday } from '../../components/ledgerToday';

interface Props {
  groupId: number | null;
  orgs: OrgSummary[];
  onClose: () => void;
  onChanged: (group: GroupMember) => void;
}

/** One 团体会员: details, dues by year, history; edit, lapse / restore and record dues from here. */
export function GroupDrawer({ groupId, orgs, onClose, onChanged }: Props) {
  const [group, setGroup] = useState<GroupMember | null>(null);
  const [history, setHistory] = useState<ChangeEntry[] | null>(null);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const run = useApiAction();
  const { modal, message } = App.useApp();
  const full = useReveal('group.reveal', groupId, () => {
    if (groupId !== null) void invoke('group.history', { id: groupId }).then(setHistory, () => undefined);
  });

  const load = useCallback(async (id: number) => {
    setGroup(await invoke('group.get', { id }));
    setHistory(await invoke('group.history', { id }));
  }, []);

  useEffect(() => {
    setGroup(null);
    setHistory(null);
    if (groupId !== null) void load(groupId).catch(() => undefined);
  }, [groupId, load]);

  function changed(next: GroupMember) {
    full.clear();
    setGroup(next);
    onChanged(next);
    void invoke('group.history', { id: next.id }).then(setHistory, () => undefined);
  }

  function lapse(g: GroupMember) {
    modal.confirm({
      title: `确认“${g.unitName}”退会？`,
      content: '退会后不再计入团体会员数，记录和变更历史都会保留，可随时恢复。',
      okText: '确认退会',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const next = await run(() => invoke('group.lapse', { id: g.id }), `“${g.unitName}”已退会`);
        if (next) changed(next);
      },
    });
  }

  async function restore(g: GroupMember) {
    const next = await run(() => invoke('group.restore', { id: g.id }), `“${g.unitName}”已恢复`);
    if (next) changed(next);
  }

  function saved(result: GroupSaveResult) {
    setEditing(false);
    void message.success('已保存修改');
    if (result.notices.length > 0) modal.warning({ title: '请注意', content: result.notices.join('\n'), okText: '知道了' });
    const { notices: _notices, ...next } = result;
    changed(next);
  }

  return (
    <Drawer open={groupId !== null} size={720} title={group?.unitName ?? '团体会员'} onClose={onClose} destroyOnHidden>
      {group && (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Button onClick={() => setEditing(true)}>编辑</Button>
            <Button onClick={() => setRecording(true)} disabled={group.status !== 'active'}>登记会费</Button>
            {group.status === 'active' ? <Button danger onClick={() => lapse(group)}>退会</Button> : <Button onClick={() => void restore(group)}>恢复</Button>}
          </Space>
          <Tabs
            items={[
              {
                key: 'info',
                label: '基本信息',
                children: (
                  <>
                    <Descriptions column={2} size="small" bordered>
                      <Descriptions.Item label="统一社会信用代码" span={2}>{group.uscc ?? '—'}</Descriptions.Item>
                      {group.legacyOrgCode && <Descriptions.Item label="组织机构代码（旧）" span={2}>{group.legacyOrgCode}</Descriptions.Item>}
                      <Descriptions.Item label="所属组织">{group.orgName ?? '—'}</Descriptions.Item>
                      <Descriptions.Item label="状态">
                        <Tag color={group.status === 'active' ? 'green' : 'default'}>{group.status === 'active' ? '在册' : `已退会（${group.lapsedOn ?? ''}）`}</Tag>
                      </Descriptions.Item>
                      <Descriptions.Item label="联系人">{group.contactName ?? '—'}</Descriptions.Item>
                      <Descriptions.Item label="联系电话">
                        {full.values?.contactPhone ?? group.contactPhone ?? '—'}
                        {group.contactPhone !== null && full.button}
                      </Descriptions.Item>
                      <Descriptions.Item label="入会日期">{group.joinedOn}</Descriptions.Item>
                      <Descriptions.Item label="备注">{group.notes ?? '—'}</Descriptions.Item>
                    </Descriptions>
                    <Table
                      style={{ marginTop: 16 }}
                      aria-label="会费"
                      size="small"
                      rowKey="year"
                      pagination={false}
                      dataSource={group.dues}
                      locale={{ emptyText: '尚未登记会费' }}
                      columns={[
                        { title: '年度', dataIndex: 'year', width: 80 },
                        { title: '状态', dataIndex: 'status', width: 80, render: (s: GroupMember['dues'][number]['status']) => duesStatusLabels[s] },
                        { title: '金额（元）', dataIndex: 'amountFen', width: 110, render: fenToYuan },
                        { title: '缴费日期', dataIndex: 'paidOn', render: (v: string | null) => v ?? '—' },
                      ]}
                    />
                  </>
                ),
              },
              { key: 'history', label: '变更记录', children: <ChangeHistoryTable rows={history} /> },
            ]}
          />
          {editing && <GroupFormModal orgs={orgs} group={group} onClose={() => setEditing(false)} onSaved={saved} />}
          {recording && (
            <GroupDuesModal
              group={group}
              onClose={() => setRecording(false)}
              onSaved={() => {
                setRecording(false);
                void load(group.id);
              }}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

interface DuesFields {
  year: number;
  status: 'paid' | 'unpaid' | 'exempt';
  amountYuan?: number;
  paidOn: string | null;
}

/** A unit's dues for one year; the amount is what its agreement says, so it is always typed in. */
function GroupDuesModal({ group, onClose, onSaved }: { group: GroupMember; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<DuesFields>();
  const status = Form.useWatch('status', form);
  const run = useApiAction();
  const thisYear = Number(ledgerToday().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);

  async function submit(v: DuesFields) {
    const done = await run(
      () =>
        invoke('group.dues.record', {
          groupId: group.id,
          year: v.year,
          status: v.status,
          ...(v.status !== 'exempt' && v.amountYuan !== undefined && v.amountYuan !== null ? { amountFen: yuanToFen(v.amountYuan) } : {}),
          ...(v.status === 'paid' && v.paidOn ? { paidOn: v.paidOn } : {}),
        }),
      '已登记会费',
    );
    if (done) onSaved();
  }

  return (
    <Modal open title={`登记会费：${group.unitName}`} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year: thisYear, status: 'paid', paidOn: null }}>
        <Form.Item name="year" label="年度">
          <Select options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select options={(['paid', 'unpaid', 'exempt'] as const).map((s) => ({ value: s, label: duesStatusLabels[s] }))} />
        </Form.Item>
        {status !== 'exempt' && (
          <Form.Item name="amountYuan" label="金额（元）" rules={[{ required: true, message: '请填写会费金额' }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {status === 'paid' && (
          <Form.Item name="paidOn" label="缴费日期" extra="不填则为今天。">
            <DateInput disabledFuture />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
