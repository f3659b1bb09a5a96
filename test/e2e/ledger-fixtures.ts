import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { seedChecklistFixture, tinyPng, type ChecklistFixture } from '../helpers/checklist-fixture';
import { ledgerCli, tempDb } from './web-host';

// Ledgers and UI steps shared by the e2e files that meet in 达标检查 and 工作目标.

export const cliJson = <T>(...args: string[]) => JSON.parse(ledgerCli(...args, '--json')) as T;

/** A new ledger for 杭州市西湖区红十字会 with 王芳 as the clerk. */
export function initLedger(name: string): string {
  const db = tempDb(name);
  ledgerCli('init', '--db', db, '--county-code', '330106', '--county-name', '杭州市西湖区红十字会', '--clerk', '王芳');
  return db;
}

/**
 * The checklist fixture county (test/helpers/checklist-fixture.ts), with `extra` run on the same
 * connection, and a real PNG beside it to upload as evidence.
 */
export function checklistLedger(name: string, extra?: (s: Database.Database, f: ChecklistFixture) => void): { db: string; fixture: ChecklistFixture; image: string } {
  const db = initLedger(name);
  const s = new Database(db);
  const fixture = seedChecklistFixture(s);
  extra?.(s, fixture);
  s.close();
  const image = path.join(path.dirname(db), '制度照片.png');
  fs.writeFileSync(image, tinyPng);
  return { db, fixture, image };
}

/** In 达标检查's open cell drawer, records the shown manual item as met with a note and one evidence file. */
export async function recordManualCheck(page: Page, cellName: string, note: string, file: string): Promise<void> {
  await page.getByRole('table', { name: '达标情况矩阵' }).getByRole('button', { name: cellName }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: '记录核查结果' });
  await drawer.getByText(/^截至 \d{4}-\d{2}-\d{2} 尚未核查$/).waitFor();
  await drawer.getByLabel('说明').fill(note);
  await drawer.locator('input[type=file]').setInputFiles(file);
  await drawer.getByText(path.basename(file)).waitFor();
  await drawer.getByRole('button', { name: '保存核查结果' }).click();
  await page.getByText('已记录核查结果').waitFor();
}
