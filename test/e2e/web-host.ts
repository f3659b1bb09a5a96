import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';

export const root = path.resolve(import.meta.dirname, '../..');

export function tempDb(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  return path.join(dir, name);
}

/** Runs the `ledger` command as clerks do (bin/ledger.mjs, the bundled CLI) and returns its stdout. */
export function ledgerCli(...args: string[]): string {
  const result = spawnSync(process.execPath, ['bin/ledger.mjs', ...args], { cwd: root, encoding: 'utf8' });
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

/** What a page showed and logged, for the report of a failed test: a toast is gone by the time a wait times out. */
const pageLogs = new WeakMap<Page, string[]>();

/** An office screen, with reduced motion: the app then turns antd's animations off, and no click
 *  lands on a dialog still zooming in (seen as confirm dialogs that stayed open). */
export const pageOptions = { viewport: { width: 1366, height: 860 }, reducedMotion: 'reduce' } as const;

/** A page that collects script errors and CSP violations, so a test can fail on any of them. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage(pageOptions);
  const problems: string[] = [];
  const log: string[] = [];
  pageLogs.set(page, log);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    log.push(`${new Date().toISOString()} ${m.type()}: ${m.text()}`);
  });
  // Runs in the page (a string: this file is compiled for Node, without DOM types): CSP
  // violations as console errors, and every toast (antd message or notification) as a log line.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      const el = e.target;
      console.error('CSP violation by ' + (el && el.outerHTML ? el.outerHTML.slice(0, 300) : String(el)));
    });
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.matches('.ant-message-notice, .ant-notification-notice')) console.info('toast: ' + n.textContent);
      }
    }).observe(document, { childList: true, subtree: true });`,
  });
  await page.goto(url);
  return { page, problems };
}

export interface E2eSession {
  /** The file's Chromium, for a test that must prepare a page before it loads (a fixed clock, say). */
  readonly browser: Browser;
  /**
   * Starts the web host on `db` (stopped after the file's tests), opens the app in a new page and,
   * given `screenshot`, saves `<screenshot>-failure.png` and `-failure.log` if the test fails.
   */
  open(db: string, options?: { screenshot?: string }): Promise<{ page: Page; problems: string[]; url: string }>;
  /** Only starts the web host on `db`, stopped after the file's tests; resolves with its URL. */
  host(db: string): Promise<string>;
  /** Saves a full-page `<name>-failure.png` of `page`, and its console lines and toasts as `<name>-failure.log`, if the running test fails. */
  screenshotOnFailure(page: Page, name: string): void;
}

/**
 * One Chromium and the web hosts of an e2e file. Call it at the module's top level: it registers the
 * beforeAll that launches the browser and the afterAll that closes it and stops every host started
 * through it. A file's own beforeAll registered before this call runs first, and its afterAll after
 * this one's (vitest's hooks run as a stack).
 */
export function e2eSession(): E2eSession {
  let browser: Browser | undefined;
  const stops: Array<() => void> = [];
  beforeAll(async () => {
    browser = await launchChromium();
    fs.mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    for (const stop of stops) stop();
  });

  const session: E2eSession = {
    get browser() {
      if (!browser) throw new Error('e2eSession: the browser is launched in beforeAll; use it inside a test');
      return browser;
    },
    async host(db) {
      const web = await startWeb(db);
      stops.push(web.stop);
      return web.url;
    },
    screenshotOnFailure(page, name) {
      onTestFailed(async () => {
        const log = pageLogs.get(page) ?? [];
        fs.writeFileSync(path.join(screenshotDir, `${name}-failure.log`), `${log.join('\n')}\n`);
        console.error(`${name}: the page's last console lines and toasts\n${log.slice(-30).join('\n')}`);
        await page.screenshot({ path: path.join(screenshotDir, `${name}-failure.png`), fullPage: true });
      });
    },
    async open(db, options = {}) {
      const url = await session.host(db);
      const { page, problems } = await openPage(session.browser, url);
      if (options.screenshot) session.screenshotOnFailure(page, options.screenshot);
      return { page, problems, url };
    },
  };
  return session;
}
