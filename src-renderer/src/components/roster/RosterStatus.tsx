import { Typography } from 'antd';
import type { KeysetPages } from './useKeysetPages';

/** The live line under a roster: how much is loaded and how to move through it. */
export function RosterStatus({ pages, unit }: { pages: Pick<KeysetPages<unknown>, 'rows' | 'stale' | 'done'>; unit: string }) {
  const { rows, stale, done } = pages;
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12 }}>
      <Typography.Text type="secondary">
        {stale ? '正在查找……' : `已加载 ${rows.length.toLocaleString('zh-CN')} ${unit}`}
        {!stale && done && '，已全部加载'}
        {!stale && !done && '，向下滚动继续加载'}
      </Typography.Text>
      <Typography.Text type="secondary">↑↓ 选择，Enter 打开；单击一行也可打开</Typography.Text>
    </div>
  );
}
