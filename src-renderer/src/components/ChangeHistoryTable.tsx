import { Table } from 'antd';
import type { ChangeEntry } from '../../../src-main/core/api/contract';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** Who changed what and when, field by field, newest first; null while loading. */
export function ChangeHistoryTable({ rows }: { rows: ChangeEntry[] | null }) {
  return (
    <Table<ChangeEntry>
      aria-label="变更记录"
      size="small"
      rowKey="id"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 170, render: when },
        { title: '经办人', dataIndex: 'actor', width: 90 },
        { title: '操作', dataIndex: 'actionLabel', width: 110 },
        { title: '字段', dataIndex: 'fieldLabel', width: 130 },
        { title: '原值', dataIndex: 'oldValue', render: (v: string | null) => v ?? '—' },
        { title: '新值', dataIndex: 'newValue', render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}
