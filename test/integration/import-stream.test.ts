import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src-main/core/domain/id-number';
import { streamSheet, type StagedRow } from '../../src-main/core/import/stage';

// streamSheet feeds rows to the planner while the sheet is read, from a header found without the
// merged cells (listed after the rows); `refed` says the finished read changed what was fed.

const id18 = (first17: string) => first17 + residentIdCheckChar(first17);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-stream-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function write(build: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('会员名册'));
  const file = path.join(dir, 'members.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

async function stream(file: string) {
  const { feed, done } = streamSheet(file, 'members.xlsx', { kind: 'members', today: '2026-06-15', inWorker: false });
  const fed: StagedRow[] = [];
  const feeding = (async () => {
    for await (const batch of feed) fed.push(...batch);
  })();
  const staged = await done;
  await feeding;
  return { staged, fed };
}

const dataRow = (i: number) => [`会员${'伟芳娜敏静'[i % 5]}${'丽强磊军洋'[Math.floor(i / 5) % 5]}`, id18(`33010619900101${String(100 + i)}`), '象山社区', '2020-01-01'];

describe('reading and staging at once', () => {
  it('keeps what it fed when merged cells only join a title and the cells of a two-row header', async () => {
    const file = await write((sheet) => {
      sheet.addRow(['城关镇红十字会会员花名册']);
      sheet.mergeCells(1, 1, 1, 4);
      // 姓名 … merged down over two header rows, 监护人 above its two sub-headers.
      sheet.addRow(['姓名', '身份证号码', '所属基层组织', '入会时间', '监护人', null]);
      sheet.addRow([null, null, null, null, '姓名', '电话']);
      for (let c = 1; c <= 4; c++) sheet.mergeCells(2, c, 3, c);
      for (let i = 0; i < 100; i++) sheet.addRow([...dataRow(i), '王大', `1380000${String(1000 + i)}`]);
    });
    const { staged, fed } = await stream(file);
    expect(staged.refed).toBe(false);
    expect(staged.rows.length).toBe(100);
    expect(fed).toEqual(staged.rows);
    expect(staged.rows[0]!.values.organization).toBe('象山社区');
    expect(staged.table.headerRows).toEqual([2, 3]);
    expect(staged.rows[0]!.values.guardianPhone).toBe('13800001000');
  });

  it('says the fed rows must be planned again when a merge fills data rows', async () => {
    const file = await write((sheet) => {
      sheet.addRow(['姓名', '身份证号码', '所属基层组织', '入会时间']);
      for (let i = 0; i < 100; i++) sheet.addRow(i === 0 ? dataRow(i) : [...dataRow(i).slice(0, 2), null, '2020-01-01']);
      sheet.mergeCells(2, 3, 101, 3);
    });
    const { staged, fed } = await stream(file);
    expect(staged.refed).toBe(true);
    expect(fed[1]!.values.organization).toBeNull();
    expect(staged.rows.every((r) => r.values.organization === '象山社区')).toBe(true);
  });
});
