import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Empty } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';

const rowHeight = 34;
const headerHeight = 36;

export interface IssueColumn<Row> {
  title: string;
  /** A CSS grid track, e.g. '80px' or 'minmax(200px, 1fr)'. */
  width: string;
  render: (row: Row) => ReactNode;
}

interface Props<Row> {
  /** The table's accessible name. */
  label: string;
  rows: readonly Row[];
  columns: ReadonlyArray<IssueColumn<Row>>;
  emptyText: string;
  height?: number;
}

/**
 * A read-only list of row issues that may be 100,000 long: only the rows on screen are in the
 * DOM. The table takes focus, so ↑↓ PageUp PageDown Home End scroll it from the keyboard.
 */
export function IssueTable<Row>({ label, rows, columns, emptyText, height = 320 }: Props<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const template = columns.map((c) => c.width).join(' ');

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const el = scroller.current;
    if (!el) return;
    const page = el.clientHeight - headerHeight;
    const moves: Record<string, number> = { ArrowDown: rowHeight, ArrowUp: -rowHeight, PageDown: page, PageUp: -page, Home: -el.scrollHeight, End: el.scrollHeight };
    const delta = moves[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    el.scrollTop += delta;
  }

  const cell = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  return (
    <div
      ref={scroller}
      role="table"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ height: rows.length === 0 ? 'auto' : Math.min(height, headerHeight + rows.length * rowHeight + 2), overflow: 'auto', position: 'relative', border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff' }}
    >
      <div style={{ height: rows.length === 0 ? 'auto' : virtualizer.getTotalSize(), position: 'relative' }}>
        <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, background: '#fafafa', borderBottom: '1px solid #f0f0f0' }}>
          <div role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: template, height: headerHeight, alignItems: 'center' }}>
            {columns.map((c) => (
              <div key={c.title} role="columnheader" style={{ ...cell, fontWeight: 600 }}>
                {c.title}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: template,
                  alignItems: 'center',
                  borderBottom: '1px solid #f5f5f5',
                }}
              >
                {columns.map((c) => {
                  const content = c.render(row);
                  return (
                    <div key={c.title} role="cell" title={typeof content === 'string' ? content : undefined} style={cell}>
                      {content}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />}
    </div>
  );
}
