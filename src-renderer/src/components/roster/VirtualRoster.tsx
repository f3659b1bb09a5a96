import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Empty, Spin, Typography } from 'antd';
import { columnSizingFeature, createColumnHelper, tableFeatures, useTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeysetPages } from './useKeysetPages';

const rowHeight = 36;
const headerHeight = 38;
const endHeight = 40;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const prefetchRows = 40;

/** `grow` takes the spare width; `numeric` lines digits up; `tooltip` shows the whole value on hover. */
const features = tableFeatures({ columnSizingFeature, columnMeta: {} as { grow?: boolean; numeric?: boolean; tooltip?: boolean } });
type Features = typeof features;
export type RosterColumns<Row extends { id: number }> = Array<ColumnDef<Features, Row, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- as TanStack's own helper.columns
export const rosterColumnHelper = <Row extends { id: number }>() => createColumnHelper<Features, Row>();

const cellStyle = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** Column headers the clerk can click to order by: `column` ascending, `-column` descending. */
export interface RosterSort<S extends string> {
  value: S;
  /** Columns the backend can order by right now. */
  sortable: readonly string[];
  onChange: (sort: S) => void;
}

function ariaSort(current: string, column: string): 'ascending' | 'descending' | undefined {
  if (current === column) return 'ascending';
  if (current === `-${column}`) return 'descending';
  return undefined;
}

interface Props<Row extends { id: number }, S extends string> {
  /** The table's accessible name, which the e2e tests find it by. */
  label: string;
  emptyText: string;
  columns: RosterColumns<Row>;
  pages: KeysetPages<Row>;
  onOpen: (id: number) => void;
  containerRef?: RefObject<HTMLDivElement | null>;
  sort?: RosterSort<S>;
}

/**
 * A roster: a TanStack table (column definitions and cell rendering) whose rows are virtualised with
 * a fixed height, so only the rows on screen exist in the DOM however many pages have been loaded.
 * ↑↓ PageUp PageDown Home End move the highlight; Enter opens the row.
 */
export function VirtualRoster<Row extends { id: number }, S extends string = string>({ label, emptyText, columns, pages, onOpen, containerRef, sort }: Props<Row, S>) {
  const { rows, key: resetKey, stale, done, loading, error, loadMore, retry } = pages;
  const ownRef = useRef<HTMLDivElement>(null);
  const scroller = containerRef ?? ownRef;
  const table = useTable({ features, columns, data: rows, getRowId: (row) => String(row.id) }, () => null);
  const tableRows = table.getRowModel().rows;
  const [highlight, setHighlight] = useState({ key: resetKey, index: 0 });
  const active = highlight.key === resetKey ? Math.min(highlight.index, Math.max(0, tableRows.length - 1)) : 0;

  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
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
    if (!stale && !done && lastIndex >= tableRows.length - prefetchRows) loadMore();
  }, [stale, done, lastIndex, tableRows.length, loadMore]);

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
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / rowHeight) - 2);
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
      ref={scroller}
      role="table"
      aria-label={label}
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
              {group.headers.map((header) => {
                const column = header.column.id;
                const direction = sort && ariaSort(sort.value, column);
                return (
                  <div key={header.id} role="columnheader" aria-sort={sort?.sortable.includes(column) ? (direction ?? 'none') : undefined} style={{ ...cellStyle, fontWeight: 600 }}>
                    {sort?.sortable.includes(column) ? (
                      <button
                        type="button"
                        title={direction === 'ascending' ? '点击改为降序' : '点击按此列排序'}
                        // Ascending first; a second click on the same column reverses it.
                        onClick={() => sort.onChange((sort.value === column ? `-${column}` : column) as S)}
                        style={{ all: 'unset', cursor: 'pointer', fontWeight: 600 }}
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden style={{ marginInlineStart: 4, color: direction ? '#c8161d' : '#bfbfbf' }}>
                          {direction === 'descending' ? '▼' : direction === 'ascending' ? '▲' : '↕'}
                        </span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </div>
                );
              })}
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
                {row.getAllCells().map((cell) => {
                  const meta = cell.column.columnDef.meta;
                  return (
                    <div key={cell.id} role="cell" title={meta?.tooltip ? String(cell.getValue()) : undefined} style={{ ...cellStyle, fontVariantNumeric: meta?.numeric ? 'tabular-nums' : undefined }}>
                      <table.FlexRender cell={cell} />
                    </div>
                  );
                })}
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
            <Empty description={emptyText} />
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
            <Typography.Link onClick={retry}>重试</Typography.Link>
          </div>
        )}
      </div>
    </div>
  );
}
