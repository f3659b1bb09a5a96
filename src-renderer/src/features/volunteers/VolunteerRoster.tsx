import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Empty, Spin, Tag, Typography } from 'antd';
import { columnSizingFeature, createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { VolunteerRow } from '../../../../src-main/core/api/contract';
import { belongsTo, genderText, stars, volunteerStatusColors, volunteerStatusLabels } from './labels';

export const rowHeight = 36;
const headerHeight = 38;
const endHeight = 40;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const prefetchRows = 40;

const features = tableFeatures({ columnSizingFeature, columnMeta: {} as { grow?: boolean; numeric?: boolean } });
const helper = createColumnHelper<typeof features, VolunteerRow>();
const dash = (v: string | null) => v ?? '—';

const columns = helper.columns([
  helper.accessor('name', { header: '姓名', size: 110 }),
  helper.accessor('gender', { header: '性别', size: 56, cell: (c) => genderText(c.getValue()) }),
  helper.accessor('idNumber', { header: '证件号码', size: 190, cell: (c) => dash(c.getValue()), meta: { numeric: true } }),
  helper.accessor('phone', { header: '联系电话', size: 130, cell: (c) => dash(c.getValue()), meta: { numeric: true } }),
  helper.accessor('orgName', { header: '所属组织', size: 200, cell: (c) => belongsTo(c.getValue()), meta: { grow: true } }),
  helper.accessor('hours', { header: '累计时长', size: 96, cell: (c) => `${c.getValue()} 小时`, meta: { numeric: true } }),
  helper.accessor('starLevel', { header: '星级', size: 96, cell: (c) => stars(c.getValue()) }),
  helper.accessor('status', { header: '状态', size: 84, cell: (c) => <Tag color={volunteerStatusColors[c.getValue()]} style={{ marginInlineEnd: 0 }}>{volunteerStatusLabels[c.getValue()]}</Tag> }),
  helper.accessor('registeredOn', { header: '注册日期', size: 110, meta: { numeric: true } }),
]);

const cellStyle = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

interface Props {
  rows: VolunteerRow[];
  /** Changes whenever the filter changes: the highlight and the scroll position go back to the top. */
  resetKey: string;
  stale: boolean;
  done: boolean;
  loading: boolean;
  error: string | null;
  onNeedMore: () => void;
  onRetry: () => void;
  onOpen: (id: number) => void;
  containerRef: React.RefObject<HTMLDivElement | null>;
}

/**
 * The volunteer roster (as the member roster): a TanStack table (column definitions and cell rendering) whose rows are
 * virtualised with a fixed height, so only the rows on screen exist in the DOM however many pages
 * have been loaded. ↑↓ PageUp PageDown Home End move the highlight; Enter opens the volunteer.
 */
export function VolunteerRoster({ rows, resetKey, stale, done, loading, error, onNeedMore, onRetry, onOpen, containerRef }: Props) {
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

  // A new filter starts at the top.
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
    const page = Math.max(1, Math.floor((containerRef.current?.clientHeight ?? 400) / rowHeight) - 2);
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
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
      aria-label="志愿者名册"
      aria-rowcount={done ? rows.length + 1 : -1}
      aria-busy={loading}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ flex: 1, minHeight: 200, overflow: 'auto', position: 'relative', border: '1px solid #f0f0f0', borderRadius: 4, background: '#fff' }}
    >
      <div style={{ height: empty ? '100%' : total, minWidth, position: 'relative' }}>
        <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 2, height: headerHeight, background: '#fafafa', borderBottom: '1px solid #f0f0f0' }}>
          {table.getHeaderGroups().map((group) => (
            <div key={group.id} role="row" aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: template, height: headerHeight, alignItems: 'center' }}>
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
                id={`volunteer-row-${row.id}`}
                role="row"
                aria-rowindex={item.index + 2}
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
                  <div
                    key={cell.id}
                    role="cell"
                    title={cell.column.id === 'orgName' ? belongsTo(row.original.orgName) : undefined}
                    style={{ ...cellStyle, fontVariantNumeric: cell.column.columnDef.meta?.numeric ? 'tabular-nums' : undefined }}
                  >
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
            <Empty description="没有符合条件的志愿者" />
          </div>
        )}
        {empty && loading && (
          <div style={{ paddingTop: 80, textAlign: 'center' }}>
            <Spin description="正在加载……" />
          </div>
        )}
        {error && (
          <div style={{ position: rows.length ? 'absolute' : 'static', left: 0, right: 0, top: total - endHeight, padding: 8, textAlign: 'center' }}>
            <Typography.Text type="danger">{error}</Typography.Text>{' '}
            <Typography.Link onClick={onRetry}>重试</Typography.Link>
          </div>
        )}
      </div>
    </div>
  );
}
