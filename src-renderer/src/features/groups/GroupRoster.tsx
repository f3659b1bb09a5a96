import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Empty, Spin, Tag, Typography } from 'antd';
import { columnSizingFeature, createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GroupRow } from '../../../../src-main/core/api/contract';

const rowHeight = 36;
const headerHeight = 38;
const endHeight = 40;
const prefetchRows = 40;

const features = tableFeatures({ columnSizingFeature, columnMeta: {} as { grow?: boolean; numeric?: boolean } });
const helper = createColumnHelper<typeof features, GroupRow>();
const dash = (v: string | null) => v ?? '—';

const columns = helper.columns([
  helper.accessor('unitName', { header: '单位名称', size: 240, meta: { grow: true } }),
  helper.accessor('uscc', {
    header: '统一社会信用代码',
    size: 200,
    meta: { numeric: true },
    cell: (c) => c.getValue() ?? (c.row.original.legacyOrgCode ? `${c.row.original.legacyOrgCode}（旧代码）` : '—'),
  }),
  helper.accessor('orgName', { header: '所属组织', size: 180, cell: (c) => dash(c.getValue()) }),
  helper.accessor('contactName', { header: '联系人', size: 90, cell: (c) => dash(c.getValue()) }),
  helper.accessor('contactPhone', { header: '联系电话', size: 130, meta: { numeric: true }, cell: (c) => dash(c.getValue()) }),
  helper.accessor('status', {
    header: '状态',
    size: 84,
    cell: (c) => <Tag color={c.getValue() === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>{c.getValue() === 'active' ? '在册' : '已退会'}</Tag>,
  }),
  helper.accessor('joinedOn', { header: '入会日期', size: 110, meta: { numeric: true } }),
]);

const cellStyle = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

interface Props {
  rows: GroupRow[];
  resetKey: string;
  stale: boolean;
  done: boolean;
  loading: boolean;
  error: string | null;
  onNeedMore: () => void;
  onRetry: () => void;
  onOpen: (id: number) => void;
}

/** 团体会员名册: TanStack table columns, fixed-height virtual rows, keyset pages fetched near the end. */
export function GroupRoster({ rows, resetKey, stale, done, loading, error, onNeedMore, onRetry, onOpen }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const table = useTable({ features, columns, data: rows, getRowId: (row) => String(row.id) }, () => null);
  const tableRows = table.getRowModel().rows;
  const [highlight, setHighlight] = useState({ key: resetKey, index: 0 });
  const active = highlight.key === resetKey ? Math.min(highlight.index, Math.max(0, tableRows.length - 1)) : 0;

  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => containerRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => tableRows[index]?.id ?? index,
    overscan: 10,
    paddingStart: headerHeight,
    paddingEnd: endHeight,
    scrollPaddingStart: headerHeight,
    scrollPaddingEnd: endHeight,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  const scrolledFor = useRef(resetKey);
  useEffect(() => {
    if (scrolledFor.current === resetKey) return;
    scrolledFor.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  useEffect(() => {
    if (!stale && !done && lastIndex >= tableRows.length - prefetchRows) onNeedMore();
  }, [stale, done, lastIndex, tableRows.length, onNeedMore]);

  const leafColumns = table.getAllLeafColumns();
  const template = leafColumns.map((c) => (c.columnDef.meta?.grow ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`)).join(' ');
  const minWidth = leafColumns.reduce((sum, c) => sum + c.getSize(), 0);

  function move(index: number) {
    const next = Math.max(0, Math.min(index, tableRows.length - 1));
    setHighlight({ key: resetKey, index: next });
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (tableRows.length === 0) return;
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(tableRows.length - 1),
      Enter: () => onOpen(tableRows[active]!.original.id),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const total = virtualizer.getTotalSize();
  const empty = rows.length === 0;
  return (
    <div
      ref={containerRef}
      role="table"
      aria-label="团体会员名册"
      aria-busy={loading}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ flex: 1, minHeight: 200, overflow: 'auto', position: 'relative', border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff' }}
    >
      <div style={{ height: empty ? '100%' : total, minWidth, position: 'relative' }}>
        <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 2, height: headerHeight, background: '#fafafa', borderBottom: '1px solid #f0f0f0' }}>
          {table.getHeaderGroups().map((group) => (
            <div key={group.id} role="row" style={{ display: 'grid', gridTemplateColumns: template, height: headerHeight, alignItems: 'center' }}>
              {group.headers.map((header) => (
                <div key={header.id} role="columnheader" style={{ ...cellStyle, fontWeight: 600 }}>
                  <table.FlexRender header={header} />
                </div>
              ))}
            </div>
          ))}
        </div>
        <div role="rowgroup" style={{ opacity: stale ? 0.45 : 1 }}>
          {items.map((item) => {
            const row = tableRows[item.index]!;
            const isActive = item.index === active;
            return (
              <div
                key={row.id}
                role="row"
                aria-selected={isActive}
                onClick={() => {
                  setHighlight({ key: resetKey, index: item.index });
                  onOpen(row.original.id);
                }}
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
                  cursor: 'pointer',
                  borderBottom: '1px solid #f5f5f5',
                  background: isActive ? '#fff1f0' : item.index % 2 === 1 ? '#fcfcfc' : '#fff',
                  boxShadow: isActive ? 'inset 3px 0 0 #c8161d' : undefined,
                }}
              >
                {row.getAllCells().map((cell) => (
                  <div key={cell.id} role="cell" style={{ ...cellStyle, fontVariantNumeric: cell.column.columnDef.meta?.numeric ? 'tabular-nums' : undefined }}>
                    <table.FlexRender cell={cell} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
        {!empty && (
          <div aria-hidden style={{ position: 'absolute', left: 0, right: 0, top: total - endHeight, height: endHeight, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            {error ? null : done ? <Typography.Text type="secondary">— 已全部加载 —</Typography.Text> : <Spin size="small" />}
          </div>
        )}
        {empty && !stale && !loading && !error && (
          <div style={{ paddingTop: 80 }}>
            <Empty description="没有符合条件的团体会员" />
          </div>
        )}
        {error && (
          <div style={{ padding: 8, textAlign: 'center' }}>
            <Typography.Text type="danger">{error}</Typography.Text> <Typography.Link onClick={onRetry}>重试</Typography.Link>
          </div>
        )}
      </div>
    </div>
  );
}
