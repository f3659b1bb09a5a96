import { useEffect, useState } from 'react';
import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { DuesMemberRow, DuesStatusValue } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction } from '../../components/useApiError';
import { duesStatusLabels, fenToYuan } from './money';

const statusColors: Record<DuesMemberRow['status'], string> = { paid: 'green', unpaid: 'red', exempt: 'blue', none: 'default' };
const filterOptions = [{ value: 'all', label: '全部' }, ...(['none', 'unpaid', 'paid', 'exempt'] as const).map((s) => ({ value: s, label: duesStatusLabels[s] }))];

interface Props {
  orgId: number;
  year: number;
  version: number;
  onRecorded: () => void;
}

/** Members of the organisation (with its subtree) and their dues for the year; record one status for the chosen ones. */
export function DuesRecorder({ orgId, year, version, onRecorded }: Props) {
  const [rows, setRows] = useState<DuesMemberRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState<DuesMemberRow['status'] | 'all'>('all');
  const [selected, setSelected] = useState<number[]>([]);
  const [status, setStatus] = useState<DuesStatusValue>('paid');
  const [paidOn, setPaidOn] = useState<string | null>(null);
  const run = useApiAction();
  const { modal } = App.useApp();

  async function fetchPage(after: string | null) {
    setLoading(true);
    const page = await run(() =>
      invoke('dues.members', { orgId, year, limit: 100, ...(filter !== 'all' ? { status: filter } : {}), ...(after ? { after } : {}) }),
    );
    setLoading(false);
    if (!page) return;
    setRows((r) => (after ? r.concat(page.rows) : page.rows));
    setNext(page.nextCursor);
  }

  useEffect(() => {
    setSelected([]);
    void fetchPage(null);
    // fetchPage reads the same inputs listed here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [orgId, year, filter, version]);

  function record() {
    const count = selected.length;
    modal.confirm({
      title: `为所选 ${count} 名会员登记 ${year} 年会费为“${duesStatusLabels[status]}”？`,
      content: status === 'paid' ? `金额按各会员类别的默认会费，缴费日期 ${paidOn ?? '今天'}。` : undefined,
      okText: '确认登记',
      cancelText: '取消',
      onOk: async () => {
        const done = await run(
          () => invoke('dues.recordMany', { orgId, year, memberIds: selected, status, ...(status === 'paid' && paidOn ? { paidOn } : {}) }),
          `已为 ${count} 名会员登记会费`,
        );
        if (done) onRecorded();
      },
    });
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>显示：</Typography.Text>
        <Select aria-label="会费状态" style={{ width: 110 }} value={filter} options={filterOptions} onChange={setFilter} />
        <Typography.Text style={{ marginLeft: 16 }}>将所选登记为</Typography.Text>
        <Select
          aria-label="登记为"
          style={{ width: 100 }}
          value={status}
          onChange={setStatus}
          options={(['paid', 'unpaid', 'exempt'] as const).map((s) => ({ value: s, label: duesStatusLabels[s] }))}
        />
        {status === 'paid' && (
          <div style={{ width: 160 }}>
            <DateInput id="dues-paid-on" value={paidOn} onChange={setPaidOn} disabledFuture placeholder="缴费日期（默认今天）" />
          </div>
        )}
        <Button type="primary" disabled={selected.length === 0} onClick={record}>
          登记所选（{selected.length}）
        </Button>
      </Space>
      <Table<DuesMemberRow>
        aria-label="会员会费"
        size="small"
        rowKey="memberId"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 360 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '类别', dataIndex: 'kind', width: 80, render: (k: DuesMemberRow['kind']) => (k === 'youth' ? '青少年' : '成人') },
          { title: '证件号码', dataIndex: 'idNumber', width: 190, render: (v: string | null) => v ?? '—' },
          { title: '所属组织', dataIndex: 'orgName', ellipsis: true },
          { title: '会费', dataIndex: 'status', width: 90, render: (s: DuesMemberRow['status']) => <Tag color={statusColors[s]}>{duesStatusLabels[s]}</Tag> },
          { title: '金额（元）', dataIndex: 'amountFen', width: 100, align: 'right', render: fenToYuan },
          { title: '缴费日期', dataIndex: 'paidOn', width: 110, render: (v: string | null) => v ?? '—' },
        ]}
      />
      {next && (
        <div style={{ textAlign: 'center', marginTop: 8 }}>
          <Button onClick={() => void fetchPage(next)} loading={loading}>
            加载更多
          </Button>
        </div>
      )}
    </>
  );
}
