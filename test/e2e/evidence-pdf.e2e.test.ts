import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { checklistLedger } from './ledger-fixtures';
import { e2eSession } from './web-host';

// PDF evidence is drawn by pdf.js onto a canvas inside the app, under the app's strict CSP, with
// every file it needs (worker, cMaps, fonts) served by the app itself.

const session = e2eSession();

/**
 * Two pages: 证明材料 in STSong-Light, a CJK font that is NOT embedded (as Word often writes
 * Chinese PDFs), so pdf.js needs the UniGB-UCS2-H cMap; then a full-width black-and-white
 * image, as a scanner writes.
 */
function handWrittenPdf(): Buffer {
  const text = 'BT /F1 48 Tf 60 650 Td <8BC1660E67506599> Tj ET';
  const image = '00FF\nFF00>';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] >>',
    '<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 8 0 R >>',
    '<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im1 9 0 R >> >> /Contents 10 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    `<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length ${image.length} >>\nstream\n${image}\nendstream`,
    `<< /Length 33 >>\nstream\nq 475 0 0 722 60 60 cm /Im1 Do Q\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Share of the canvas's pixels that are dark (ink), read back from the page. */
function inkShare(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as unknown as { width: number; height: number; getContext(t: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
    return dark / (c.width * c.height);
  });
}

async function openEvidence(page: Page, drawer: Locator, name: string): Promise<{ preview: Locator; canvas: Locator }> {
  await drawer.getByRole('button', { name: `查看证明材料：${name}` }).click();
  const preview = page.getByRole('dialog', { name: `证明材料：${name}` });
  await preview.getByText('文件完整').waitFor();
  const canvas = preview.getByLabel(`PDF 预览：${name}`);
  return { preview, canvas };
}

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
if (!soffice && !process.env.CI) console.warn('evidence-pdf: the LibreOffice PDF is skipped — soffice is not installed and CI is unset.');

describe('达标检查 · PDF 证明材料', () => {
  it('previews PDF evidence with Chinese text (non-embedded and embedded fonts) and a scanned page on a canvas, offline and under the CSP', async () => {
    const { db } = checklistLedger('evidence-pdf.sqlite');
    const dir = path.dirname(db);
    const files = [path.join(dir, '管理制度.pdf')];
    fs.writeFileSync(files[0]!, handWrittenPdf());
    if (soffice || process.env.CI) {
      // LibreOffice embeds a subset of a CJK font, the other way Chinese PDFs are written. (Calc,
      // from a CSV: the test machines install LibreOffice's Calc only.)
      const source = path.join(dir, '会议纪要.csv');
      fs.writeFileSync(source, '阳光社区红十字会理事会会议纪要\n出席：王芳、李明\n议定：完善管理制度并上墙公示。\n');
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--infilter=CSV:44,34,76', '--convert-to', 'pdf', '--outdir', dir, source], { timeout: 90_000, stdio: 'pipe' });
      files.push(path.join(dir, '会议纪要.pdf'));
    }

    const { page, problems, url } = await session.open(db, { screenshot: 'evidence-pdf' });
    const origin = new URL(url).origin;
    const offOrigin: string[] = [];
    const fetched = new Map<string, number>();
    page.on('request', (r) => {
      if (!r.url().startsWith(`${origin}/`) && !/^(data|blob):/.test(r.url())) offOrigin.push(r.url());
    });
    page.on('response', (r) => fetched.set(new URL(r.url()).pathname, r.status()));

    await page.getByRole('menuitem', { name: '达标检查' }).click();
    const matrix = page.getByRole('table', { name: '达标情况矩阵' });
    await matrix.getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：未核查' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '记录核查结果' });
    await drawer.getByLabel('说明').fill('制度文件扫描件');
    await drawer.locator('input[type=file]').setInputFiles(files);
    await drawer.getByRole('button', { name: '保存核查结果' }).click();
    await page.getByText('已记录核查结果').waitFor();

    // Page 1: the Chinese title, drawn through the bundled cMap.
    const { preview, canvas } = await openEvidence(page, drawer, '管理制度.pdf');
    await preview.getByText('第 1 / 2 页').waitFor();
    await expect.poll(() => inkShare(canvas)).toBeGreaterThan(0.002);
    const textInk = await inkShare(canvas);
    // Fit to width: the page fills the modal's body, however wide the PDF's own page is.
    const shown = await canvas.evaluate((el) => (el as unknown as { clientWidth: number }).clientWidth);
    expect(shown).toBeGreaterThan(600);
    expect(textInk).toBeLessThan(0.1);
    expect([...fetched].filter(([p]) => p.endsWith('/pdfjs/cmaps/UniGB-UCS2-H.bcmap'))).toEqual([['/pdfjs/cmaps/UniGB-UCS2-H.bcmap', 200]]);

    // Page 2: the scan, half of which is black.
    await preview.getByRole('button', { name: '下一页' }).click();
    await preview.getByText('第 2 / 2 页').waitFor();
    await expect.poll(() => inkShare(canvas)).toBeGreaterThan(0.3);
    expect(await preview.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await canvas.waitFor({ state: 'detached' });

    if (files.length > 1) {
      const lo = await openEvidence(page, drawer, '会议纪要.pdf');
      await lo.preview.getByText('第 1 / 1 页').waitFor();
      await expect.poll(() => inkShare(lo.canvas)).toBeGreaterThan(0.002);
      await page.keyboard.press('Escape');
    }

    // The worker came from the app's own files, and nothing left the loopback host.
    expect([...fetched.keys()].some((p) => /\/assets\/pdf\.worker\.min-[\w-]+\.mjs$/.test(p))).toBe(true);
    expect(offOrigin).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('says in Chinese only that a damaged PDF cannot be shown', async () => {
    const { db } = checklistLedger('evidence-pdf-broken.sqlite');
    const file = path.join(path.dirname(db), '损坏的制度.pdf');
    // A PDF by its header (so it is accepted as one), with nothing after it that pdf.js can read.
    fs.writeFileSync(file, Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\nthis is not a pdf body\n', 'latin1'));
    const { page } = await session.open(db, { screenshot: 'evidence-pdf-broken' });

    await page.getByRole('menuitem', { name: '达标检查' }).click();
    await page.getByRole('table', { name: '达标情况矩阵' }).getByRole('button', { name: '阳光社区红十字会 · 有规范的管理制度：未核查' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '记录核查结果' });
    await drawer.locator('input[type=file]').setInputFiles(file);
    await drawer.getByText('损坏的制度.pdf').waitFor();
    await drawer.getByRole('button', { name: '保存核查结果' }).click();
    await page.getByText('已记录核查结果').waitFor();

    const { preview } = await openEvidence(page, drawer, '损坏的制度.pdf');
    const alert = preview.getByRole('alert').filter({ hasText: '无法显示' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe('无法显示“损坏的制度.pdf”：文件可能已损坏或加密。可保存到本机后用其他软件查看。');
    // No pdf.js wording anywhere in the preview (its messages are English: "Invalid PDF structure").
    expect(await preview.textContent()).not.toMatch(/invalid|structure|exception|error/i);
  });
});
