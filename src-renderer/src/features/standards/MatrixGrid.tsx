import { useRef } from 'react';
import { Empty, Tooltip, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChecklistMatrix } from '../../../../src-main/core/api/contract';
import { cellLabels } from './labels';

const rowHeight = 36;
const nameWidth = 260;
const typeWidth = 96;
const countWidth = 88;
const itemWidth = 132;

interface Props {
  matrix: ChecklistMatrix;
  onOpenCell: (orgId: number, itemId: number) => void;
}

/**
 * Organisations × items. Rows are virtualised (2,000 organisations stay light); the header with
 * each item's counts and the organisation column stay in view while scrolling.
 */
export function MatrixGrid({ matrix, onOpenCell }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: matrix.rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const width = nameWidth + typeWidth + countWidth + itemWidth * matrix.items.length;
  const cellBase = { height: rowHeight, display: 'flex', alignItems: 'center', padding: '0 8px', borderBottom: '1px solid #f0f0f0', boxSizing: 'border-box' } as const;
  if (matrix.rows.length === 0) return <Empty description="所选范围内没有已成立的组织" />;
  return (
    <div ref={scroller} role="table" aria-label="达标情况矩阵" aria-rowcount={matrix.rows.length + 1} style={{ height: 'calc(100vh - 260px)', minHeight: 300, overflow: 'auto', border: '1px solid #f0f0f0' }}>
      <div style={{ width, position: 'sticky', top: 0, zIndex: 2, background: '#fafafa', display: 'flex', borderBottom: '1px solid #d9d9d9' }} role="row">
        <div role="columnheader" style={{ width: nameWidth, padding: 8, position: 'sticky', left: 0, background: '#fafafa', fontWeight: 600 }}>组织（{matrix.rows.length}）</div>
        <div role="columnheader" style={{ width: typeWidth, padding: 8, fontWeight: 600 }}>类型</div>
        <div role="columnheader" style={{ width: countWidth, padding: 8, fontWeight: 600 }}>达标项</div>
        {matrix.items.map((item) => (
          <div role="columnheader" key={item.id} style={{ width: itemWidth, padding: 8, boxSizing: 'border-box', borderLeft: '1px solid #f0f0f0' }}>
            <Tooltip title={`${item.ruleText}${item.appliesTo.length > 0 ? `（适用：${item.appliesTo.join('、')}）` : ''}`}>
              <div style={{ fontWeight: 600, fontSize: 12, lineHeight: '16px', height: 32, overflow: 'hidden' }}>
                {item.seq}. {item.title}
                {item.mode === 'manual' ? '（人工）' : ''}
              </div>
            </Tooltip>
            <div style={{ fontSize: 12 }} aria-label={`第 ${item.seq} 项计数`}>
              <span style={{ color: cellLabels.met.color }}>达标 {item.counts.met}</span> · <span style={{ color: cellLabels.not_met.color }}>未达 {item.counts.notMet}</span>
              {item.counts.unchecked > 0 && <> · <span style={{ color: cellLabels.unchecked.color }}>未查 {item.counts.unchecked}</span></>}
            </div>
          </div>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), width, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = matrix.rows[v.index]!;
          return (
            <div key={row.orgId} role="row" aria-rowindex={v.index + 2} style={{ position: 'absolute', top: v.start, height: rowHeight, display: 'flex', width }}>
              <div role="rowheader" style={{ ...cellBase, width: nameWidth, position: 'sticky', left: 0, background: row.meetsAll ? '#f6ffed' : '#fff', zIndex: 1 }}>
                <Typography.Text ellipsis={{ tooltip: row.name }}>{row.name}</Typography.Text>
              </div>
              <div role="cell" style={{ ...cellBase, width: typeWidth, color: '#595959' }}>{row.type ?? '未分类'}</div>
              <div role="cell" style={{ ...cellBase, width: countWidth }} aria-label={`${row.name} 达标项`}>
                {row.met}/{row.applicable}
                {row.meetsAll ? ' ✓' : ''}
              </div>
              {row.cells.map((status, j) => {
                const item = matrix.items[j]!;
                const label = cellLabels[status];
                return (
                  <div role="cell" key={item.id} style={{ ...cellBase, width: itemWidth, borderLeft: '1px solid #f0f0f0', padding: 2 }}>
                    <button
                      type="button"
                      aria-label={`${row.name} · ${item.title}：${label.text}`}
                      onClick={() => onOpenCell(row.orgId, item.id)}
                      style={{ width: '100%', height: '100%', border: 'none', cursor: 'pointer', color: label.color, background: label.background, fontSize: 13 }}
                    >
                      {label.text}
                    </button>
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
