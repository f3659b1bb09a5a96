import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Invoke } from '../core/api/backend-thread';
import { contentSecurityPolicy, newNonce, withNonce } from '../content-security';
import { readStaticFile } from '../static-files';

// The loopback browser host: the same backend calls as Electron's IPC, over one endpoint.
// Bound to 127.0.0.1 only; every API call needs the per-run token; other Origins and
// foreign Host headers (DNS rebinding) are refused.

export interface WebHostOptions {
  /** The backend: the backend thread in the app (web/main.ts), dispatch in-process in tests. */
  invoke: Invoke;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const commonHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...commonHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', '程序内部错误。');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 403, 'FORBIDDEN_HOST', '拒绝访问：地址不符。');
    const url = req.url ?? '/';
    if (url === '/api/invoke' || url.startsWith('/api/')) {
      if (url !== '/api/invoke') return refuse(res, 404, 'NOT_FOUND', '没有这个接口。');
      if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '只接受 POST 请求。');
      const requestOrigin = req.headers.origin;
      if (requestOrigin !== undefined && !allowedOrigins.has(requestOrigin)) return refuse(res, 403, 'FORBIDDEN_ORIGIN', '拒绝访问：来源不符。');
      const auth = req.headers.authorization ?? '';
      const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
      if (!sameSecret(given, token)) return refuse(res, 401, 'UNAUTHORIZED', '访问令牌无效，请使用启动时显示的完整地址打开。');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', '请求须为 JSON。');
      }
      const body = await readBody(req, maxBody);
      if (body === null) return refuse(res, 413, 'TOO_LARGE', '请求内容过大。');
      let call: { method?: unknown; input?: unknown };
      try {
        call = JSON.parse(body) as typeof call;
      } catch {
        return refuse(res, 400, 'INVALID_INPUT', '请求不是有效的 JSON。');
      }
      if (typeof call !== 'object' || call === null || typeof call.method !== 'string') {
        return refuse(res, 400, 'INVALID_INPUT', '请求须包含 method。');
      }
      return sendJson(res, 200, await options.invoke(call.method, call.input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '不支持的请求。');
    const file = await readStaticFile(options.staticDir, url);
    if (!file) {
      res.writeHead(404, { ...commonHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('未找到');
    }
    const nonce = newNonce();
    const body = file.isIndex ? Buffer.from(withNonce(file.body.toString('utf8'), nonce)) : file.body;
    res.writeHead(200, {
      ...commonHeaders,
      'Content-Type': file.mimeType,
      'Content-Length': body.length,
      'Cache-Control': file.isIndex ? 'no-store' : 'no-cache',
      ...(file.isIndex ? { 'Content-Security-Policy': contentSecurityPolicy(nonce) } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  // A clerk may type localhost instead of 127.0.0.1: both name this loopback host.
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
