import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestLedger, type TestLedger } from '../helpers/backend';
import { download } from '../helpers/export-fixture';
import { buildStatsCounty } from '../fixtures/stats/county';

// 联系电话 under the annual tables: set in 设置 (settings.update), printed in full on both sheets,
// refused when it is not a phone number, and kept masked in the change log.
let dir: string;
let ledger: TestLedger;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-stats-phone-'));
  ledger = await createTestLedger({ file: path.join(dir, 'ledger.sqlite') });
  await buildStatsCounty(ledger);
});
afterEach(async () => {
  await ledger.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function footers(): Promise<string[][]> {
  const ref = await ledger.call('export.statsTables', { year: 2025 });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await download(ledger, ref.token)) as never);
  return book.worksheets.map((ws) => ['A20', 'A21', 'A22', 'A23'].map((a) => String(ws.getCell(a).value)));
}

describe('联系电话（填报用）', () => {
  it('leaves a blank line until set, then prints the number in full on 附件1 and 附件2', async () => {
    expect((await ledger.call('settings.get', {})).statsContactPhone).toBeNull();
    expect((await footers())[0]![2]).toBe('联系电话：____________________');

    // Typed with spaces and a full-width dash, stored in the canonical form.
    const saved = await ledger.call('settings.update', { statsContactPhone: ' 0571－8765 4321 ' });
    expect(saved.statsContactPhone).toBe('0571-87654321');
    const [s1, s2] = await footers();
    expect(s1).toEqual(['填报单位：杭州市西湖区红十字会', '填报人：张敏', '联系电话：0571-87654321', '填报日期：2026-06-15']);
    expect(s2![2]).toBe('联系电话：0571-87654321');

    await ledger.call('settings.update', { statsContactPhone: '13812345678' });
    expect((await footers())[1]![2]).toBe('联系电话：13812345678');
  });

  it('refuses a malformed number with a message naming the field, and keeps the old one', async () => {
    await ledger.call('settings.update', { statsContactPhone: '0571-87654321' });
    for (const bad of ['87654321', '1381234567', '0571-123', 'abc']) {
      const r = await ledger.raw('settings.update', { statsContactPhone: bad });
      expect(r, bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!r.ok) expect(r.error.message).toContain('「联系电话（填报用）」');
    }
    expect((await ledger.call('settings.get', {})).statsContactPhone).toBe('0571-87654321');
  });

  it('logs each change with the number masked, and clearing it restores the blank line', async () => {
    await ledger.call('settings.update', { statsContactPhone: '13812345678' });
    await ledger.call('settings.update', { statsContactPhone: '13812345678' });
    await ledger.call('settings.update', { statsContactPhone: '' });
    const rows = ledger.db.sqlite
      .prepare("SELECT field, old_value, new_value FROM change_log WHERE entity = 'setting' AND field = 'statsContactPhone' ORDER BY id")
      .all();
    expect(rows).toEqual([
      { field: 'statsContactPhone', old_value: null, new_value: '138****5678' },
      { field: 'statsContactPhone', old_value: '138****5678', new_value: null },
    ]);
    expect((await ledger.call('settings.get', {})).statsContactPhone).toBeNull();
    expect((await footers())[0]![2]).toBe('联系电话：____________________');
  });
});
