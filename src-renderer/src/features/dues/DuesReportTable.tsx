import { useEffect, useState } from 'react';
import { Button, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { DuesReport, DuesReportLine } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';
import { fenToYuan } from './money';

/** Depth of each organisation within the report (its rows come in tree order), for indenting. */
function depths(rows: DuesReportLine[]): Map<number | null, number> {
  const depth = new Map<number | null, number>();
  for (const r of rows) depth.set(r.orgId, r.parentId !== null && depth.has(r.parentId) ? depth.get(r.parentId)! + 1 : 0);
  return depth;
}

const baseColumns = [
  { title: '应缴', dataIndex: 'due', width: 80, align: 'right' as const },
  { title: '已缴', dataIndex: 'paid', width: 80, align: 'right' as const },
  { title: '未缴', dataIndex: 'unpaid', width: 80, align: 'right' as const },
  { title: '免缴', dataIndex: 'exempt', width: 80, align: 'right' as const },
  { title: '应缴金额（元）', dataIndex: 'dueFen', width: 130, align: 'right' as const, render: fenToYuan },
  { title: '已缴金额（元）', dataIndex: 'paidFen', width: 130, align: 'right' as const, render: fenToYuan },
];

/** The report per organisation with a totals row; CSV export for Excel (UTF-8 with BOM). */
export function DuesReportTable({ orgId, year, version }: { orgId: number | undefined; year: number; version: number }) {
  const [report, setReport] = useState<DuesReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useApiAction();

  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    invoke('dues.report', { year, ...(orgId !== undefined ? { orgId } : {}) }).then(
      (r) => live && setReport(r),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [orgId, year, version]);

  async function exportCsv() {
    const file = await run(() => invoke('dues.reportCsv', { year, ...(orgId !== undefined ? { orgId } : {}) }));
    if (!file) return;
    // Excel opens UTF-8 CSV correctly only with a byte-order mark.
    const url = URL.createObjectURL(new Blob(['\ufeff', file.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    a.click();
    URL.revokeObjectURL(url);
  }

  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  const total = report?.total;
  const depth = depths(report?.rows ?? []);
  const columns = [
    {
      title: '组织',
      dataIndex: 'orgName',
      ellipsis: true,
      render: (name: string, row: DuesReportLine) => <span style={{ paddingInlineStart: (depth.get(row.orgId) ?? 0) * 16 }}>{name}</span>,
    },
    ...baseColumns,
  ];
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
        <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} disabled={!report}>
          导出 CSV
        </Button>
      </div>
      <Table<DuesReportLine>
        aria-label="会费统计"
        size="small"
        rowKey={(r) => String(r.orgId)}
        loading={report === null}
        dataSource={report?.rows ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        summary={() =>
          total ? (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid="dues-total">
                <Table.Summary.Cell index={0}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{total.due}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{total.paid}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{total.unpaid}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{total.exempt}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{fenToYuan(total.dueFen)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{fenToYuan(total.paidFen)}</Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </>
  );
}
