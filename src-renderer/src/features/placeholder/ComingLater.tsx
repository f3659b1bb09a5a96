import { Empty, Typography } from 'antd';

/** A section of the navigation whose screens arrive in a later release. */
export function ComingLater({ title }: { title: string }) {
  return (
    <div style={{ paddingTop: 80 }}>
      <Empty description={<Typography.Text type="secondary">“{title}”功能将在后续版本中提供。</Typography.Text>} />
    </div>
  );
}
