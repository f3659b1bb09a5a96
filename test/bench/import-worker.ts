import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { importOptions } from '../../src-main/core/api/contract/import';
import { peakRssMb } from './peak-rss';
import { openLedgerDb } from '../../src-main/core/db/open';
import { suspendRosterIndexes } from '../../src-main/core/db/roster-index';
import { cleanIdNumber, cleanPersonName, cleanPhone, isError, parseDateCell } from '../../src-main/core/import/clean';
import { commitImport, previewImport } from '../../src-main/core/import/engine';
import type { RawCell } from '../../src-main/core/import/read/types';
import type { JobControl } from '../../src-main/core/jobs/registry';
import { WriteLock } from '../../src-main/core/jobs/write-lock';

// One measured import of a member sheet in its own process, so peak RSS belongs to it alone.
// `app`: previewImport + commitImport as the app runs them (the sheet read on the worker thread
// with its heap cap, table finding, cleaning, planning against the ledger, backup, one
// transaction). `raw`: the baseline — exceljs's streaming WorkbookReader, the same four cell
// cleaners, and two prepared inserts (person, member) in one transaction; no header finding,
// no duplicate checks, no change history, no backup. The inserts fire the schema's roster
// triggers row by row. `raw-bulk`: the same with the roster indexes set aside and rebuilt once,
// as the app does for a large import — the stricter baseline.
//
//   tsx test/bench/import-worker.ts app|raw|raw-bulk LEDGER.sqlite SHEET.xlsx

const [mode, dbFile, sheet] = process.argv.slice(2) as ['app' | 'raw' | 'raw-bulk', string, string];
const today = '2026-06-15';
const ledger = await openLedgerDb(dbFile);
const { sqlite } = ledger;
const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const start = performance.now();
let rows = 0;
let rejected = 0;
const phases: Record<string, number> = {};

if (mode === 'app') {
  const control: JobControl = { signal: new AbortController().signal, progress: () => {} };
  const options = importOptions.parse({ uploadId: 'bench-upload', kind: 'members' });
  const previewed = await previewImport({ sqlite, today, youthReferenceDate: null }, sheet, 'members.xlsx', options, control);
  phases.previewMs = Math.round(performance.now() - start);
  const result = await commitImport({ sqlite, dbFile, writeLock: new WriteLock(), actor: 'bench', now: new Date() }, previewed, control);
  rows = result.counts.inserted + result.counts.updated;
  rejected = result.counts.rejected;
  phases.commitMs = Math.round(performance.now() - start) - phases.previewMs;
} else {
  const orgIds = new Map((sqlite.prepare('SELECT name, id FROM organization').all() as { name: string; id: number }[]).map((o) => [o.name, o.id]));
  const insertPerson = sqlite.prepare(`INSERT INTO person (name, gender, id_number, birth_date, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertMember = sqlite.prepare(`INSERT INTO member (person_id, kind, organization_id, joined_on, name_sort_key, created_at, updated_at) VALUES (?, 'adult', ?, ?, ?, ?, ?)`);
  const at = new Date().toISOString();
  // WorkbookReader reads exceljs-written packages (workbook parts before the sheets) correctly;
  // the app drives the zip with yauzl instead only because of Excel-ordered packages.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(sheet, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
  const cell = (v: ExcelJS.CellValue): RawCell => (v === undefined || v === null || v === '' ? null : v instanceof Date ? v : typeof v === 'object' ? null : v);
  sqlite.exec('BEGIN IMMEDIATE');
  const restoreIndexes = mode === 'raw-bulk' ? suspendRosterIndexes(sqlite) : null;
  for await (const worksheet of reader) {
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      if (row.number === 1) continue;
      const v = row.values as ExcelJS.CellValue[];
      const name = cleanPersonName(cell(v[1]));
      const id = cleanIdNumber(cell(v[3]), today);
      const phone = cleanPhone(cell(v[4]));
      const joined = parseDateCell(cell(v[6]), { allowYearMonth: true });
      const org = orgIds.get(String(v[5]));
      if (isError(name) || isError(id) || isError(phone) || isError(joined) || org === undefined) {
        rejected++;
        continue;
      }
      const personId = insertPerson.run(name.value, id.value.gender, id.value.idNumber, id.value.birthDate, phone.value, at, at).lastInsertRowid;
      insertMember.run(personId, org, joined.value, name.value, at, at);
      rows++;
    }
  }
  for (const restore of restoreIndexes ?? []) restore();
  sqlite.exec('COMMIT');
}
const ms = performance.now() - start;
await ledger.close();
process.stdout.write(
  `${JSON.stringify({ mode, rows, rejected, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)), peakRssMb: peakRssMb(), rssBeforeMb, ...phases })}\n`,
);
