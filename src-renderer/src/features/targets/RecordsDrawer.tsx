import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Drawer, Empty, Spin, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ApiInput, DashboardRecord, DashboardRecords } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

export type RecordsQuery = ApiInput<'dashboard.records'> & { heading: string };

const pageSize = 500;
const rowHeight = 34;

type Column = { title: string; width: number | string; cell: (r: DashboardRecord) => string | number };
const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);

const columns: Record<DashboardRecord['kind'], Column[]> = {
  organization: [
    { title: '组织名称', width: '40%', cell: (r) => r.name },
    { title: '类型', width: 110, cell: (r) => dash(r.typeName) },
    { title: '乡镇（街道）', width: '30%', cell: (r) => r.townshipName },
    { title: '志愿服务队', width: 90, cell: (r) => dash(r.teams) },
  ],
  team: [
    { title: '服务队名称', width: '35%', cell: (r) => r.name },
    { title: '所属组织', width: '30%', cell: (r) => r.orgName ?? '县红十字会直属' },
    { title: '乡镇（街道）', width: '20%', cell: (r) => r.townshipName },
    { title: '成立日期', width: 110, cell: (r) => dash(r.date) },
  ],
  volunteer: [
    { title: '姓名', width: 90, cell: (r) => r.name },
    { title: '证件号码', width: 180, cell: (r) => dash(r.idNumber) },
    { title: '所属组织', width: '30%', cell: (r) => dash(r.orgName) },
    { title: '乡镇（街道）', width: '20%', cell: (r) => r.townshipName },
    { title: '注册日期', width: 110, cell: (r) => dash(r.date) },
  ],
};

const cellStyle = { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** The records behind one figure, paged from the backend and virtualised: 200,000 volunteers scroll as smoothly as ten. */
export function RecordsDrawer({ query, onClose }: { query: RecordsQuery | null; onClose: () => void }) {
  const [data, setData] = useState<{ query: RecordsQuery; head: DashboardRecords; rows: DashboardRecord[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(async (q: RecordsQuery, offset: number) => {
    loading.current = true;
    try {
      const { heading: _heading, ...input } = q;
      void _heading;
      const page = await invoke('dashboard.records', { ...input, offset, limit: pageSize });
      setData((d) => (offset === 0 || !d || d.query !== q ? { query: q, head: page, rows: page.rows } : { ...d, rows: [...d.rows, ...page.rows] }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      loading.current = false;
    }
  }, []);

  useEffect(() => {
    if (query) void load(query, 0);
  }, [query, load]);

  const current = data && data.query === query ? data : null;
  const rows = current?.rows ?? [];
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (!current || loading.current || !last) return;
    if (last.index >= rows.length - 40 && rows.length < current.head.count) void load(current.query, rows.length);
  }, [last, rows.length, current, load]);

  const kind: DashboardRecord['kind'] = rows[0]?.kind ?? (query?.key === 'county_direct_teams' ? 'team' : query?.key === 'volunteer_population_rate' ? 'volunteer' : 'organization');
  const cols = columns[kind];
  const template = cols.map((c) => (typeof c.width === 'number' ? `${c.width}px` : `minmax(0, ${c.width})`)).join(' ');

  return (
    <Drawer open={query !== null} onClose={onClose} size={760} title={query?.heading ?? ''} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!current && !error && <Spin />}
      {current && (
        <>
          <Typography.Paragraph>
            共 <strong data-testid="records-count">{current.head.count}</strong> 条{current.head.note ? `。${current.head.note}` : ''}
          </Typography.Paragraph>
          {current.head.count === 0 ? (
            <Empty description="没有记录" />
          ) : (
            <div role="table" aria-label="明细记录" aria-rowcount={current.head.count + 1} style={{ border: '1px solid #f0f0f0' }}>
              <div role="row" style={{ display: 'grid', gridTemplateColumns: template, background: '#fafafa', height: 36, alignItems: 'center', fontWeight: 600 }}>
                {cols.map((c) => (
                  <div role="columnheader" key={c.title} style={cellStyle}>{c.title}</div>
                ))}
              </div>
              <div ref={scroller} style={{ height: 'calc(100vh - 220px)', overflow: 'auto' }}>
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {items.map((item) => {
                    const r = rows[item.index]!;
                    return (
                      <div
                        role="row"
                        aria-rowindex={item.index + 2}
                        key={`${r.kind}-${r.id}`}
                        style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)`, display: 'grid', gridTemplateColumns: template, alignItems: 'center', borderTop: '1px solid #f5f5f5' }}
                      >
                        {cols.map((c) => (
                          <div role="cell" key={c.title} style={cellStyle}>{c.cell(r)}</div>
                        ))}
                      </div>
                    );
                  })}
                </div>
              </div>
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}
