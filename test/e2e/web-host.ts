import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = path.resolve(import.meta.dirname, '../..');

export function tempDb(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  return path.join(dir, name);
}

export function ledgerCli(...args: string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/ledger.ts', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ledger ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Starts `npm run start:web` exactly as a clerk would and resolves with the URL it prints. */
export async function startWeb(db: string): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const child = spawn(process.execPath, ['scripts/start-web.mjs', '--db', db, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start:web printed no URL within 120 s: ${stderr}`)), 120_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`start:web exited with ${code}: ${stderr}`)));
  });
  return { url, child, stop: () => child.kill('SIGTERM') };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const screenshotDir = path.join(root, 'test/e2e/__screenshots__');

/** A page that collects script errors and CSP violations, so a test can fail on any of them. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  // Runs in the page (a string: this file is compiled for Node, without DOM types).
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      const el = e.target;
      console.error('CSP violation by ' + (el && el.outerHTML ? el.outerHTML.slice(0, 300) : String(el)));
    });`,
  });
  await page.goto(url);
  return { page, problems };
}
