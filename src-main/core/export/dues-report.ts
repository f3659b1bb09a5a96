import type { ApiOutput } from '../api/contract';
import { openXlsxSink, type SheetColumn } from './sheet-sink';

// The yearly dues report as a sheet: one row per organisation in tree order, then 合计.
// Counts are numbers and amounts are 元 with two decimals, so the sheet can be summed again.

type DuesReport = ApiOutput<'dues.report'>;

const columns: SheetColumn[] = [
  { label: '组织', width: 32 },
  { label: '应缴人数', width: 10 },
  { label: '已缴人数', width: 10 },
  { label: '未缴人数', width: 10 },
  { label: '免缴人数', width: 10 },
  { label: '应缴金额（元）', width: 16, money: true },
  { label: '已缴金额（元）', width: 16, money: true },
];

export async function writeDuesReport(file: string, report: DuesReport): Promise<number> {
  const sink = openXlsxSink(file, `${report.year}年会费统计`, columns);
  const yuan = (fen: number) => fen / 100;
  for (const line of [...report.rows, report.total]) {
    sink.add([line.orgName, line.due, line.paid, line.unpaid, line.exempt, yuan(line.dueFen), yuan(line.paidFen)]);
  }
  await sink.finish();
  return report.rows.length;
}
