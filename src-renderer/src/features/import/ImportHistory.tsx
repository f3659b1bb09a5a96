import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ImportHistoryEntry } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';

const when = (at: string) => {
  const d = dayjs(at);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : at;
};

const countsText = ({ counts }: ImportHistoryEntry) =>
  [`新增 ${counts.inserted}`, `更新 ${counts.updated}`, counts.unchanged > 0 && `不变 ${counts.unchanged}`, counts.rejected > 0 && `拒绝 ${counts.rejected}`].filter(Boolean).join('，');

/** 导入记录: every committed import, newest first, each undoable while nothing later depends on its rows. */
export function ImportHistory({ active }: { active: boolean }) {
  const { modal, message } = App.useApp();
  const run = useApiAction();
  const [entries, setEntries] = useState<ImportHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setEntries(await invoke('import.history', {}));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  // Reloaded whenever the tab is shown, so an import just committed is listed.
  useEffect(() => {
    if (active) void load();
  }, [active, load]);

  function undo(entry: ImportHistoryEntry) {
    modal.confirm({
      title: `撤销 ${when(entry.committedAt)} 导入的“${entry.fileName}”？`,
      content: `本次导入新增的 ${entry.counts.inserted} 条记录将被删除，更新的 ${entry.counts.updated} 条恢复为导入前的内容。撤销后不能再恢复本次导入。`,
      okText: '撤销本次导入',
      okButtonProps: { danger: true },
      cancelText: '不撤销',
      onOk: async () => {
        // Said in the sheet's rows, as the dialog and the history do: undo.removed and .restored
        // count table rows (a member row is a person and a member), which the clerk never saw.
        const done = await run(() => invoke('import.undo', { importId: entry.id }));
        if (done) void message.success(`已撤销本次导入：新增的 ${entry.counts.inserted} 条已删除，更新的 ${entry.counts.updated} 条已恢复为导入前的内容。`);
        await load();
      },
    });
  }

  if (error) return <Alert type="error" showIcon title="无法读取导入记录" description={error} action={<Button onClick={() => void load()}>重试</Button>} />;
  return (
    <Table
      aria-label="导入记录"
      size="small"
      rowKey="id"
      loading={entries === null}
      dataSource={entries ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: '还没有导入过' }}
      columns={[
        { title: '导入时间', width: 150, render: (_: unknown, e: ImportHistoryEntry) => when(e.committedAt) },
        { title: '类别', width: 110, dataIndex: 'kindLabel' },
        {
          title: '文件',
          render: (_: unknown, e: ImportHistoryEntry) => (
            <span>
              {e.fileName}
              {/* A CSV's one sheet is the file's own name: said once is enough. */}
              {e.sheet && e.sheet !== e.fileName.replace(/\.[^.]+$/, '') && <Typography.Text type="secondary">（{e.sheet}）</Typography.Text>}
            </span>
          ),
        },
        { title: '结果', render: (_: unknown, e: ImportHistoryEntry) => countsText(e) },
        { title: '操作人', width: 90, dataIndex: 'actor' },
        {
          title: '撤销',
          width: 240,
          render: (_: unknown, e: ImportHistoryEntry) =>
            e.undoneAt ? (
              <Tag>已于 {when(e.undoneAt)} 撤销</Tag>
            ) : (
              <Space orientation="vertical" size={2}>
                <Button size="small" danger disabled={e.undoBlockedBy !== null} onClick={() => undo(e)}>
                  撤销本次导入
                </Button>
                {e.undoBlockedBy && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    不能撤销：{e.undoBlockedBy}
                  </Typography.Text>
                )}
              </Space>
            ),
        },
      ]}
    />
  );
}
