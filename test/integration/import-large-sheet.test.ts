import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportBaseLedger } from '../fixtures/import/base-ledger';
import { expectedNames, largeSheetRow, writeLargeMemberSheet } from '../fixtures/import/large-sheet';
import { importOptions } from '../../src-main/core/api/contract/import';
import { commitImport, previewImport } from '../../src-main/core/import/engine';
import { WriteLock } from '../../src-main/core/jobs/write-lock';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { commit, preview, upload } from '../helpers/import';

// A 20,000-row member sheet through the API as the UI sends it (chunked upload, preview job with
// the worker reader, commit job): every stored name is the sheet's name byte for byte. The names
// carry non-BMP characters (𠮷 𡈽 𪚥 …) whose UTF-8 crosses the streaming reader's chunk
// boundaries many times over — what exceljs 4.4.0's parse-sax used to corrupt.

const rows = 20_000;
let dir: string;
let ledger: TestLedger;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-large-'));
  const file = path.join(dir, 'ledger.sqlite');
  await createImportBaseLedger(file);
  ledger = await createTestLedger({ file, setup: false, now: '2026-06-15T02:00:00Z' });
});

afterEach(async () => {
  await ledger.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('large member sheet through the API', () => {
  for (const sharedStrings of [true, false]) {
    it(`stores all ${rows} names byte-exact (${sharedStrings ? 'shared strings, as Excel and WPS save' : 'inline strings'})`, async () => {
      const sheet = path.join(dir, 'members.xlsx');
      await writeLargeMemberSheet(sheet, rows, { sharedStrings });
      const uploadId = await upload(ledger, '会员名册.xlsx', fs.readFileSync(sheet));
      const { jobId, preview: p } = await preview(ledger, uploadId, { kind: 'members' });
      expect(p.counts).toMatchObject({ inserted: rows, updated: 0, unchanged: 0, rejected: 0 });
      const result = await commit(ledger, jobId);
      expect(result.counts.inserted).toBe(rows);

      const stored = new Map(
        (ledger.db.sqlite.prepare('SELECT id_number, name FROM person').raw().all() as [string, string][]).map(([id, name]) => [id, name]),
      );
      const want = expectedNames(rows);
      const wrong: string[] = [];
      for (let i = 0; i < rows; i++) {
        const got = stored.get(largeSheetRow(i).idNumber);
        if (got === undefined || Buffer.compare(Buffer.from(got, 'utf8'), Buffer.from(want[i]!, 'utf8')) !== 0) wrong.push(`row ${i + 2}: ${want[i]} → ${got}`);
      }
      expect(wrong.slice(0, 10)).toEqual([]);
      expect(wrong.length).toBe(0);
      // The check is only as good as the names: plenty of them carry characters outside the BMP.
      expect(want.filter((n) => /[\u{10000}-\u{10FFFF}]/u.test(n)).length).toBeGreaterThan(rows / 20);
    }, 120_000);
  }

  it('takes a cancel while it rebuilds the roster indexes, and leaves the ledger exactly as before', async () => {
    // A large import sets the roster indexes and triggers aside and rebuilds them in steps, each
    // reported and each a chance to cancel: the rollback must bring back every index and trigger.
    const sheet = path.join(dir, 'members.xlsx');
    await writeLargeMemberSheet(sheet, 6000);
    const { sqlite } = ledger.db;
    const state = () => ({
      schema: sqlite.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').all(),
      counts: ['person', 'member', 'person_name_gram', 'stats_delta', 'import_batch', 'change_log'].map((t) => sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get()),
    });
    const before = state();
    const quiet = { signal: new AbortController().signal, progress: () => {} };
    const previewed = await previewImport({ sqlite, today: '2026-06-15', youthReferenceDate: null, inWorker: false }, sheet, '会员名册.xlsx', importOptions.parse({ uploadId: 'rebuild-cancel', kind: 'members' }), quiet);
    expect(previewed.preview.counts.inserted).toBe(6000);

    const cancel = new AbortController();
    let rebuildSteps = 0;
    const control = { signal: cancel.signal, progress: (phase: string) => void (phase.startsWith('整理索引') && ++rebuildSteps === 3 && cancel.abort()) };
    const env = { sqlite, dbFile: path.join(dir, 'ledger.sqlite'), writeLock: new WriteLock(), actor: '王芳', now: new Date('2026-06-15T02:00:00Z') };
    await expect(commitImport(env, previewed, control)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(rebuildSteps).toBe(3);
    expect(state()).toEqual(before);

    // Run to the end, the rebuild's steps are counted, so the full bar is still seen moving.
    const phases: string[] = [];
    const recording = { signal: new AbortController().signal, progress: (phase: string) => void (phases.at(-1) !== phase && phases.push(phase)) };
    await commitImport(env, previewed, recording);
    const rebuild = phases.filter((p) => p.startsWith('整理索引'));
    expect(rebuild.length).toBeGreaterThan(3);
    expect(rebuild).toEqual(rebuild.map((_, i) => `整理索引（${i + 1}/${rebuild.length}）`));
    expect(phases.at(-1)).toBe('完成');
  }, 120_000);
});
