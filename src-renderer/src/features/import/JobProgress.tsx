import { useState } from 'react';
import { Button, Card, Progress, Space, Typography } from 'antd';
import type { JobState } from '../../../../src-main/core/api/contract';

interface Props {
  title: string;
  job: JobState | null;
  onCancel: () => Promise<void>;
}

/** A running job: its phase, rows done of total, and 取消 (the backend leaves the ledger untouched). */
export function JobProgress({ title, job, onCancel }: Props) {
  const [cancelling, setCancelling] = useState(false);
  const total = job?.total ?? null;
  const done = job?.done ?? 0;
  const percent = total ? Math.min(100, Math.floor((done / total) * 100)) : undefined;
  // Reading counts bytes of the file, not rows: the bar alone shows how far it is.
  const rows = job?.phase !== '读取文件';
  const count = !rows ? '' : total ? `${done.toLocaleString('zh-CN')} / ${total.toLocaleString('zh-CN')} 行` : done > 0 ? `${done.toLocaleString('zh-CN')} 行` : '';

  return (
    <Card title={title} style={{ maxWidth: 640 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div role="status" aria-live="polite">
          <Typography.Text>{job?.phase || '正在开始……'}</Typography.Text> <Typography.Text type="secondary">{count}</Typography.Text>
        </div>
        <Progress percent={percent ?? 0} status="active" showInfo={percent !== undefined} aria-label={`${title}进度`} />
        <Button
          loading={cancelling}
          onClick={async () => {
            setCancelling(true);
            try {
              await onCancel();
            } finally {
              setCancelling(false);
            }
          }}
        >
          取消
        </Button>
        <Typography.Text type="secondary">取消后台账保持原样，不会写入任何一行。</Typography.Text>
      </Space>
    </Card>
  );
}
