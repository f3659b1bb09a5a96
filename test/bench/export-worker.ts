import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { dispatch } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';

// One measured export in its own process, so peak RSS belongs to that export alone.
// `app`: export.roster of every member through dispatch (streamed pages, masking, styles).
// `raw`: the baseline — one prepared statement over the same rows, each written straight to
// exceljs' streaming writer with no styles, no masking and no paging.

const [mode, db, out] = process.argv.slice(2) as ['app' | 'raw', string, string];
const ledger = await openLedgerDb(db);
const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const start = performance.now();
let rows = 0;
if (mode === 'app') {
  const result = await dispatch({ db: ledger }, 'export.roster', { kind: 'members' });
  if (!result.ok) throw new Error(result.error.message);
  rows = (result.value as { rows: number }).rows;
} else {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('个人会员');
  sheet.addRow(['姓名', '性别', '身份证号码', '出生日期', '手机号码', '所属基层组织', '入会时间', '会员类型', '监护人姓名', '监护人电话', '备注']).commit();
  const stmt = ledger.sqlite.prepare(`
    SELECT p.name, p.gender, p.id_number, p.birth_date, p.phone, o.name AS org, m.joined_on, m.kind, p.guardian_name, p.guardian_phone, m.notes
    FROM member m INDEXED BY member_sorted JOIN person p ON p.id = m.person_id JOIN organization o ON o.id = m.organization_id
    ORDER BY m.name_sort_key, m.person_id`);
  const day = (d: string | null | undefined) => (d ? new Date(`${d}T00:00:00Z`) : null);
  for (const r of stmt.iterate() as Iterable<Record<string, string | null>>) {
    sheet.addRow([r.name, r.gender, r.id_number, day(r.birth_date), r.phone, r.org, day(r.joined_on), r.kind, r.guardian_name, r.guardian_phone, r.notes]).commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
}
const ms = performance.now() - start;
await ledger.close();
process.stdout.write(`${JSON.stringify({ mode, rows, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rssBeforeMb })}\n`);
