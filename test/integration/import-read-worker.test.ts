// readSheetInWorker has readSheet's contract; cancelling stops either promptly with CANCELLED.
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet, readSheetInWorker, type RawRow, type ReadOptions, type RowSink, type SheetRead } from '../../src-main/core/import/read';
import { readInWorker } from '../../src-main/core/import/read/in-worker';
import { makeTmpDir } from '../helpers/import-files';

type Reader = (file: string, opts: ReadOptions, sink: RowSink) => Promise<SheetRead>;
const readers: [string, Reader][] = [
  ['readSheet', readSheet],
  ['readSheetInWorker', readSheetInWorker],
];

const tmp = makeTmpDir();
afterAll(() => tmp.cleanup());
const xlsx = tmp.path('roster.xlsx');
const csv = tmp.path('roster.csv');
const ROWS = 20_000;

beforeAll(async () => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
  const ws = wb.addWorksheet('会员');
  ws.addRow(['姓名', '出生日期', '序号']);
  ws.mergeCells('A1:B1');
  ws.getRow(1).commit();
  for (let i = 1; i <= ROWS; i++) ws.addRow([`会员𠮷${i}`, new Date(Date.UTC(1980, 0, 1 + (i % 9000))), i]).commit();
  ws.commit();
  await wb.commit();
  writeFileSync(csv, ['姓名,序号', ...Array.from({ length: ROWS }, (_, i) => `会员${i},${i}`)].join('\n'));
});

describe.each(readers)('%s', (_name, read) => {
  it('delivers every row in order with merges and progress', async () => {
    const rows: RawRow[] = [];
    const progress: { rows: number; bytesRead: number; totalBytes: number }[] = [];
    const result = await read(xlsx, { onProgress: (p) => progress.push(p) }, async (batch) => {
      await new Promise((r) => setTimeout(r, 0));
      rows.push(...batch);
    });
    expect(result).toEqual({ merges: [{ top: 1, left: 0, bottom: 1, right: 1 }], rowCount: ROWS + 1, truncated: false, notes: {} });
    expect(rows.map((r) => r.row)).toEqual(Array.from({ length: ROWS + 1 }, (_, i) => i + 1));
    expect(rows[5]).toEqual({ row: 6, cells: ['会员𠮷5', new Date(Date.UTC(1980, 0, 6)), 5] });
    const last = progress.at(-1);
    expect(last?.rows).toBe(ROWS + 1);
    expect(last?.bytesRead).toBe(last?.totalBytes);
    expect(progress.map((p) => p.rows)).toEqual([...progress.map((p) => p.rows)].sort((a, b) => a - b));
  });

  it('passes refusals through as AppErrors', async () => {
    const xls = tmp.path('old.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from('Workbook', 'utf16le')]));
    await expect(read(xls, {}, () => undefined)).rejects.toMatchObject({ name: 'AppError', code: 'FILE_REFUSED', message: expect.stringContaining('.xls') });
  });

  // Worker start-up from source costs a second or more (tsx), so the csv case runs in-thread only.
  it.each(_name === 'readSheet' ? [['xlsx', xlsx], ['csv', csv]] : [['xlsx', xlsx]])('cancels mid-read of %s with CANCELLED', async (_kind, file) => {
    const controller = new AbortController();
    let delivered = 0;
    const started = Date.now();
    const outcome = read(file, { signal: controller.signal }, (batch) => {
      delivered += batch.length;
      if (delivered >= 2000) controller.abort();
    });
    await expect(outcome).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(delivered).toBeLessThan(ROWS);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(read(xlsx, { signal: AbortSignal.abort() }, () => undefined)).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('rejects with the sink’s own error when the sink fails', async () => {
    await expect(
      read(csv, {}, () => {
        throw new Error('sink broke');
      }),
    ).rejects.toThrow('sink broke');
  });
});

describe('readSheetInWorker memory cap', () => {
  it('turns the worker running out of memory into a FILE_REFUSED refusal, not a crash', async () => {
    await expect(readInWorker(xlsx, {}, () => undefined, 4)).rejects.toMatchObject({
      code: 'FILE_REFUSED',
      message: expect.stringContaining('超出内存限制'),
    });
  });
});
