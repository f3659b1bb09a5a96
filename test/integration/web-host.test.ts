import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../src-main/web/server';
import { createTestLedger, type TestLedger } from '../helpers/backend';

// The loopback browser host: the same dispatcher as the desktop app, reachable only from this
// machine, only with the per-run token, only from its own page (no other Origin, no DNS rebinding).

const indexHtml = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="csp-nonce" content="__CSP_NONCE__">
<style nonce="__CSP_NONCE__">body{margin:0}</style></head>
<body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>`;

let root: string;
let staticDir: string;
let ledger: TestLedger;
let host: WebHost;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-web-'));
  staticDir = path.join(root, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), indexHtml);
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");\n');
  // A file just outside the static root: a traversal bug would serve it.
  fs.writeFileSync(path.join(root, 'package.json'), '{"secret":"outside the static root"}');
  ledger = await createTestLedger();
  host = await startWebHost({ invoke: ledger.raw, staticDir });
});

afterAll(async () => {
  await host?.close();
  await ledger?.db.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function invoke(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${host.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...headers },
    body: JSON.stringify(body),
  });
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request exactly as written (fetch normalises paths and does not let us set Host). */
function raw(options: { path: string; method?: string; headers?: Record<string, string>; body?: string; hostname?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: options.hostname ?? '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function tryConnect(address: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('web host: network exposure', () => {
  it('listens on 127.0.0.1 only and prints http://127.0.0.1:PORT/#token=<url-safe token>', async () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(await tryConnect('127.0.0.1', host.port)).toBe('connected');
  });

  it('refuses connections on the machine’s other interfaces', async (ctx) => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
    if (!external) return ctx.skip();
    expect(await tryConnect(external.address, host.port)).toBe('ECONNREFUSED');
  });

  it('makes a fresh token per run', async () => {
    const other = await startWebHost({ invoke: ledger.raw, staticDir });
    try {
      expect(other.port).not.toBe(host.port);
      expect(other.token).not.toBe(host.token);
    } finally {
      await other.close();
    }
  });
});

describe('web host: /api/invoke', () => {
  it('refuses a call without the token or with a wrong one (401, JSON error)', async () => {
    const none = await fetch(`${host.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ method: 'org.list', input: {} }),
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/令牌/) } });

    const wrong = await invoke({ method: 'org.list', input: {} }, { Authorization: `Bearer ${host.token.slice(0, -1)}${host.token.endsWith('x') ? 'y' : 'x'}` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

    const longer = await invoke({ method: 'org.list', input: {} }, { Authorization: `Bearer ${host.token}x` });
    expect(longer.status).toBe(401);
    const bare = await invoke({ method: 'org.list', input: {} }, { Authorization: host.token });
    expect(bare.status).toBe(401);
  });

  it('a refused call does not reach the backend', async () => {
    const before = await ledger.call('org.list', {});
    const res = await invoke({ method: 'org.add', input: { name: '无令牌红十字会' } }, { Authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(await ledger.call('org.list', {})).toEqual(before);
  });

  it('returns the dispatcher envelope with the right token', async () => {
    const added = await invoke({ method: 'org.add', input: { name: '转塘街道红十字会', type: '街道' } });
    expect(added.status).toBe(200);
    const addedBody = (await added.json()) as { ok: true; value: { id: number } };
    expect(addedBody).toMatchObject({ ok: true, value: { name: '转塘街道红十字会', type: '街道', parentId: null } });

    const res = await invoke({ method: 'org.list', input: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body: unknown = await res.json();
    expect(body).toEqual(await ledger.raw('org.list', {}));
    expect(body).toMatchObject({ ok: true, value: [{ id: addedBody.value.id, name: '转塘街道红十字会', parentId: null }] });
  });

  it('passes refusals from the dispatcher through as 200 envelopes', async () => {
    const unknown = await invoke({ method: 'org.drop', input: {} });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', message: expect.any(String) } });

    const invalid = await invoke({ method: 'org.get', input: { id: 'abc' } });
    expect(invalid.status).toBe(200);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/输入有误/) } });
  });

  it('refuses a request that is not a JSON call', async () => {
    // A JSON string literal is valid JSON but not a call.
    const notCall = await invoke('org.list');
    expect(notCall.status).toBe(400);
    const noMethod = await invoke({ input: {} });
    expect(noMethod.status).toBe(400);
    const textPlain = await invoke({ method: 'org.list', input: {} }, { 'Content-Type': 'text/plain' });
    expect(textPlain.status).toBe(415);
    const broken = await fetch(`${host.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: '{"method":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses another site’s page even with a valid token, and accepts its own origin', async () => {
    const evil = await invoke({ method: 'org.list', input: {} }, { Origin: 'http://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });

    const otherPort = await invoke({ method: 'org.list', input: {} }, { Origin: `http://127.0.0.1:${host.port + 1}` });
    expect(otherPort.status).toBe(403);

    const own = await invoke({ method: 'org.list', input: {} }, { Origin: host.origin });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ ok: true });

    // The same page opened as http://localhost:PORT must work too.
    const viaLocalhost = await invoke({ method: 'org.list', input: {} }, { Origin: `http://localhost:${host.port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding), even with token and body', async () => {
    const body = JSON.stringify({ method: 'org.list', input: {} });
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` };
    const rebound = await raw({ path: '/api/invoke', method: 'POST', headers: { ...headers, Host: `evil.example:${host.port}` }, body });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_HOST' } });
    const wrongPort = await raw({ path: '/api/invoke', method: 'POST', headers: { ...headers, Host: `127.0.0.1:${host.port + 1}` }, body });
    expect(wrongPort.status).toBe(403);
    // The static page is protected the same way.
    expect((await raw({ path: '/', headers: { Host: 'evil.example' } })).status).toBe(403);
    // The genuine Host works over the same raw path.
    const ok = await raw({ path: '/api/invoke', method: 'POST', headers: { ...headers, Host: `127.0.0.1:${host.port}` }, body });
    expect(ok.status).toBe(200);
  });

  it('only accepts POST', async () => {
    const get = await fetch(`${host.origin}/api/invoke`, { headers: { Authorization: `Bearer ${host.token}` } });
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_ALLOWED' } });
  });
});

describe('web host: static files', () => {
  async function loadIndex() {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map((parts) => [parts[0]!, parts.slice(1)] as const),
    );
    const htmlNonce = /<meta name="csp-nonce" content="([^"]*)">/.exec(html)?.[1];
    return { html, csp, directives, htmlNonce };
  }

  it('serves index.html without a token, with a per-load style nonce and a strict script-src', async () => {
    const first = await loadIndex();
    expect(first.html).not.toContain('__CSP_NONCE__');
    expect(first.htmlNonce).toBeTruthy();
    expect(first.html).toContain(`<style nonce="${first.htmlNonce}">`);
    expect(first.directives.get('style-src')).toContain(`'nonce-${first.htmlNonce}'`);
    expect(first.directives.get('style-src')).not.toContain("'unsafe-inline'");
    expect(first.directives.get('script-src')).toEqual(["'self'"]);
    expect(first.csp).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(first.directives.get('default-src')).toEqual(["'none'"]);
    expect(first.directives.get('frame-ancestors')).toEqual(["'none'"]);

    const second = await loadIndex();
    expect(second.htmlNonce).toBeTruthy();
    expect(second.htmlNonce).not.toBe(first.htmlNonce);
    expect(second.directives.get('style-src')).toContain(`'nonce-${second.htmlNonce}'`);
    expect(second.directives.get('style-src')).not.toContain(`'nonce-${first.htmlNonce}'`);
  });

  it('serves the renderer’s other files', async () => {
    const res = await fetch(`${host.origin}/assets/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('console.log("app");\n');
    expect((await fetch(`${host.origin}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the static root', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/%2E%2E/package.json', '/assets/../../package.json', '/..%2fpackage.json', '/%2e%2e%2fpackage.json', '/..\\package.json']) {
      const res = await raw({ path: p });
      expect(res.status, p).toBe(404);
      expect(res.body, p).not.toContain('outside the static root');
    }
  });
});

describe('web host: command line entry', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints exactly the URL as the first line of stdout, which then works', async () => {
    const db = path.join(root, 'cli.sqlite');
    // node --import tsx is what `npx tsx` runs, minus the npx wrapper processes (so kill reaches it).
    child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/main.ts', '--db', db, '--port', '0', '--static-dir', staticDir], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, FORCE_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 30 s; stderr: ${stderr}`)), 30_000);
      child!.stdout!.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        const nl = stdout.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, nl));
        }
      });
      child!.once('exit', (code) => reject(new Error(`exited with ${code}; stderr: ${stderr}`)));
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+$/);
    expect(stdout).not.toContain('\u001b');

    const url = new URL(firstLine);
    const token = url.hash.replace(/^#token=/, '');
    const res = await fetch(`${url.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, Origin: url.origin },
      body: JSON.stringify({ method: 'app.status', input: {} }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { setupDone: false, dbFile: db } });
    expect((await fetch(`${url.origin}/`)).status).toBe(200);

    const exit = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
  });
});
