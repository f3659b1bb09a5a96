import { Card, Table, Typography } from 'antd';
import type { FinaliseLogEntry } from '../../../../src-main/core/api/contract';

/** 定稿记录: every finalise and reopen of the year, with who, when and why (append-only). */
export function FinaliseLogCard({ year, entries }: { year: number; entries: FinaliseLogEntry[] }) {
  return (
    <Card title={`${year} 年定稿记录`} size="small" data-testid="finalise-log">
      {entries.length === 0 ? (
        <Typography.Text type="secondary">尚未定稿过。</Typography.Text>
      ) : (
        <Table<FinaliseLogEntry>
          rowKey={(e) => `${e.action}-${e.at}`}
          size="small"
          pagination={false}
          dataSource={entries}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
            { title: '操作', dataIndex: 'action', width: 100, render: (a: string) => (a === 'finalise' ? '定稿' : '重新打开') },
            { title: '经办人', dataIndex: 'actor', width: 120 },
            { title: '原因', dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}
