import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Input, Modal, Select, Space, Spin, Table, Tabs, Tooltip, Typography } from 'antd';
import type { FinaliseLogEntry, StatsTables, StatsTrace, StatsValidation } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { downloadFile } from '../../api/files';
import { useApiAction } from '../../components/useApiError';
import { FinaliseLogCard } from './FinaliseLogCard';
import { ValidationPanel } from './ValidationPanel';

// 年报: 附件1 and 附件2 for a chosen year, every figure opening the records behind it, the checks
// before finalising, finalise / reopen, and the official Excel file.

const pageSize = 2000;
type Line = StatsTables['table1'][number];

/** The ledger's today decides the current year (China date, from the backend), not the browser's clock. */
export function ReportsPage() {
  const [thisYear, setThisYear] = useState<number | null>(null);
  const run = useApiAction();
  useEffect(() => {
    void run(() => invoke('app.status', {})).then((status) => status && setThisYear(Number(status.today.slice(0, 4))));
  }, [run]);
  if (thisYear === null) return <Spin />;
  return <Reports thisYear={thisYear} />;
}

function Reports({ thisYear }: { thisYear: number }) {
  const [year, setYear] = useState(thisYear - 1);
  // null: the backend's choice (a finalised year's frozen baseline, else 2020 or the year before).
  const [baselineYear, setBaselineYear] = useState<number | null>(null);
  const base = baselineYear === null ? {} : { baselineYear };
  const [tables, setTables] = useState<StatsTables | null>(null);
  const [validation, setValidation] = useState<StatsValidation | null>(null);
  const [trace, setTrace] = useState<StatsTrace | null>(null);
  const [traceTable, setTraceTable] = useState<1 | 2>(1);
  const [reopenReason, setReopenReason] = useState('');
  const [reopenOpen, setReopenOpen] = useState(false);
  const [finaliseLog, setFinaliseLog] = useState<FinaliseLogEntry[]>([]);
  const run = useApiAction();
  // The hook's modal, not the static Modal.confirm: the static one renders outside the app's
  // ConfigProvider (wrong theme, spaced button text).
  const { modal } = App.useApp();

  const load = useCallback(async () => {
    const b = baselineYear === null ? {} : { baselineYear };
    const t = await run(() => invoke('stats.tables', { year, ...b }));
    setTables(t ?? null);
    const v = await run(() => invoke('stats.validate', { year, ...b }));
    setValidation(v ?? null);
    const entries = await run(() => invoke('stats.log', { year }));
    if (entries) setFinaliseLog(entries);
  }, [year, baselineYear, run]);
  useEffect(() => {
    void load();
  }, [load]);

  const openTrace = async (table: 1 | 2, item: number, offset = 0) => {
    const t = await run(() => invoke('stats.trace', { year, ...base, table, item, offset, limit: pageSize }));
    if (!t) return;
    setTraceTable(table);
    setTrace(offset === 0 || !trace ? t : { ...t, records: [...trace.records, ...t.records] });
  };

  const columns = (table: 1 | 2) => [
    { title: '序号', dataIndex: 'item', width: 60 },
    {
      title: '工作事项',
      dataIndex: 'name',
      width: 280,
      render: (name: string, line: Line) => {
        const note = tables?.notes.find((n) => n.item === line.item);
        const text = table === 1 ? note?.definition1 : note?.definition2;
        return (
          <Tooltip title={[text, note?.breakdown].filter(Boolean).join(' ')}>
            <span>{name}</span>
          </Tooltip>
        );
      },
    },
    { title: '单位', dataIndex: 'unit', width: 60 },
    {
      title: '数值',
      dataIndex: 'value',
      width: 110,
      render: (value: number, line: Line) => (
        <Button type="link" data-testid={`figure-${table}-${line.item}`} onClick={() => void openTrace(table, line.item)}>
          {value}
        </Button>
      ),
    },
    {
      title: '指标说明',
      key: 'def',
      render: (_: unknown, line: Line) => {
        const note = tables?.notes.find((n) => n.item === line.item);
        return (
          <Typography.Text type="secondary">
            {(table === 1 ? note?.definition1 : note?.definition2) ?? ''}
            {note?.breakdown ? ` ${note.breakdown}` : ''}
          </Typography.Text>
        );
      },
    },
  ];

  const years = Array.from({ length: thisYear - 2009 }, (_, i) => thisYear - i);
  const exportExcel = async () => {
    const ref = await run(() => invoke('export.statsTables', { year, ...base }));
    if (ref) await run(() => downloadFile(ref.token, ref.fileName), '已导出');
  };
  const finalise = () =>
    modal.confirm({
      title: `确认将 ${year} 年统计表定稿？`,
      content: '定稿后本年度上报的数值、基准年度和说明冻结为只读；台账仍可补录和更正，但不会改变已定稿的表，有变化时会提示，如需更正须重新打开并填写原因后再定稿。',
      okText: '定稿',
      cancelText: '取消',
      onOk: async () => {
        const t = await run(() => invoke('stats.finalise', { year, ...base }), '已定稿');
        if (t) await load();
      },
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          年报 · 组织体系建设统计表
        </Typography.Title>
        统计年度
        <Select
          value={year}
          style={{ width: 130 }}
          onChange={(y) => {
            setYear(y);
            setBaselineYear(null);
          }}
          options={years.map((y) => ({ value: y, label: y === thisYear ? `${y}（暂行）` : String(y) }))}
        />
        基准年度
        <Select
          value={baselineYear ?? tables?.baselineYear}
          style={{ width: 100 }}
          disabled={tables?.finalised != null}
          onChange={setBaselineYear}
          options={years.filter((y) => y < year).map((y) => ({ value: y, label: String(y) }))}
        />
        <Button onClick={() => void exportExcel()}>导出 Excel</Button>
        {tables?.finalised ? <Button onClick={() => setReopenOpen(true)}>重新打开</Button> : <Button type="primary" disabled={tables?.provisional} onClick={finalise}>定稿</Button>}
      </Space>
      {tables?.provisional && <Alert type="warning" showIcon message={`${year} 年尚未结束：以下为暂行数据，统计截至 ${tables.asOf}。`} />}
      {tables?.finalised && (
        <Alert
          type={tables.finalised.liveDiffers ? 'warning' : 'success'}
          showIcon
          message={`已于 ${tables.finalised.at.slice(0, 10)} 由 ${tables.finalised.by} 定稿，显示定稿时的数值（基准年度 ${tables.baselineYear}），为只读；台账仍可补录，补录不改变已定稿的表。`}
          description={tables.finalised.liveDiffers ? `定稿后台账有变化：${tables.finalised.liveDifferences.join('；')}。如需更正，请重新打开后再定稿。` : undefined}
        />
      )}
      {tables && (
        <Tabs
          items={[
            { key: '1', label: '附件1 组织体系建设工作情况调查表', children: <Table rowKey="item" size="small" pagination={false} columns={columns(1)} dataSource={tables.table1} /> },
            { key: '2', label: `附件2 组织体系建设年工作成效统计表（与 ${tables.baselineYear} 年相比）`, children: <Table rowKey="item" size="small" pagination={false} columns={columns(2)} dataSource={tables.table2} /> },
          ]}
        />
      )}
      {validation && <ValidationPanel year={year} validation={validation} onChange={setValidation} onOpenFigure={(item) => void openTrace(1, item)} />}
      <FinaliseLogCard year={year} entries={finaliseLog} />
      <Drawer open={trace !== null} width={860} onClose={() => setTrace(null)} title={trace ? `附件${traceTable} 第 ${trace.item} 项 ${trace.name}：${trace.value}${trace.unit}` : ''}>
        {trace && (
          <Space direction="vertical" style={{ width: '100%' }}>
            {trace.note && <Alert type="warning" showIcon data-testid="trace-note" message={trace.note} />}
            <Typography.Text>
              <span data-testid="trace-count">共 {trace.total} 条记录</span>
              {trace.unit === '小时' ? `，合计 ${trace.liveValue} 小时` : ''}
              {traceTable === 2 && trace.item !== 3 && trace.item !== 2 ? '（本年度记录减去基准年度记录）' : ''}
            </Typography.Text>
            <Table
              rowKey={(r) => `${r.side}-${r.entity}-${r.id}-${r.name}-${r.date}`}
              size="small"
              virtual
              scroll={{ y: 600 }}
              pagination={false}
              dataSource={trace.records}
              columns={[
                ...(traceTable === 2 ? [{ title: '口径', dataIndex: 'side', width: 80, render: (s: string) => (s === 'year' ? '本年度' : '基准年度') }] : []),
                { title: '名称', dataIndex: 'name', width: 180 },
                { title: '所属', dataIndex: 'organization', width: 180 },
                { title: '日期', dataIndex: 'date', width: 110 },
                { title: '证件号', dataIndex: 'idNumber', width: 170 },
                { title: '说明', dataIndex: 'note' },
                ...(trace.unit === '小时' ? [{ title: '小时', dataIndex: 'hours', width: 80, render: (h: number) => Math.round(h * 100) / 100 }] : []),
              ]}
            />
            {trace.records.length < trace.total && <Button onClick={() => void openTrace(traceTable, trace.item, trace.records.length)}>再加载 {Math.min(pageSize, trace.total - trace.records.length)} 条</Button>}
          </Space>
        )}
      </Drawer>
      <Modal
        open={reopenOpen}
        title={`重新打开 ${year} 年统计表`}
        okText="重新打开"
        cancelText="取消"
        okButtonProps={{ disabled: reopenReason.trim() === '' }}
        onCancel={() => setReopenOpen(false)}
        onOk={async () => {
          const t = await run(() => invoke('stats.reopen', { year, reason: reopenReason }), '已重新打开，操作已记录');
          if (t) {
            setReopenOpen(false);
            setReopenReason('');
            await load();
          }
        }}
      >
        <Input.TextArea placeholder="重新打开的原因（必填，将记入日志）" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
