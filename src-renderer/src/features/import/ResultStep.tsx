import { Button, Result, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportResult, RowIssue } from '../../../../src-main/core/api/contract';
import { IssueTable, type IssueColumn } from './IssueTable';
import { rowUnit, type ImportKind } from './kinds';

interface Props {
  kind: ImportKind;
  result: ImportResult;
  onShowHistory: () => void;
  onDownloadRejected: () => void;
  downloading: boolean;
  onAnother: () => void;
}

const columns: Array<IssueColumn<RowIssue>> = [
  { title: '行号', width: '80px', render: (r) => String(r.row) },
  { title: '列', width: '160px', render: (r) => r.field },
  { title: '原因', width: 'minmax(300px, 1fr)', render: (r) => r.reason },
];

/** Step 3: what was written, which rows were not, where the backup is, and the way to undo. */
export function ResultStep({ kind, result, onShowHistory, onDownloadRejected, downloading, onAnother }: Props) {
  const { counts } = result;
  const unit = rowUnit(kind);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Result
        status="success"
        title="导入完成"
        subTitle={
          <span role="status">
            新增 {counts.inserted} {unit}，更新 {counts.updated} {unit}，不变 {counts.unchanged} {unit}，拒绝 {counts.rejected} 行，提示 {counts.warnings} 条。
          </span>
        }
        extra={
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button type="primary" onClick={onShowHistory}>
              查看导入记录
            </Button>
            {counts.rejected > 0 && (
              <Button icon={<DownloadOutlined />} loading={downloading} onClick={onDownloadRejected}>
                下载被拒绝的行
              </Button>
            )}
            <Button onClick={onAnother}>导入其他文件</Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
          {result.backupFile ? `导入前已自动备份台账：${result.backupFile}。` : ''}如需撤销，请到“导入记录”中选择“撤销本次导入”。
        </Typography.Paragraph>
      </Result>
      {(result.rejected.length > 0 || result.warnings.length > 0) && (
        <Tabs
          items={[
            { key: 'rejected', label: `未导入的行（${result.rejected.length}）`, children: <IssueTable label="未导入的行" rows={result.rejected} columns={columns} emptyText="所有行都已导入" /> },
            { key: 'warnings', label: `提示（${result.warnings.length}）`, children: <IssueTable label="导入提示" rows={result.warnings} columns={columns} emptyText="没有提示" /> },
          ]}
        />
      )}
    </Space>
  );
}
