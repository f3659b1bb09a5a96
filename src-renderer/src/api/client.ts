import type { ApiInput, ApiOutput, Envelope, MethodName } from '../../../src-main/core/api/contract';

// The renderer's only way to the backend: Electron's preload bridge when present, the
// loopback host otherwise. Both carry the same {method, input} → envelope contract.

declare global {
  interface Window {
    ledger?: { invoke(method: string, input: unknown): Promise<Envelope> };
  }
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

const tokenKey = 'ledger.token';

/** Takes the token from #token=… once, keeps it for reloads, and removes it from the address bar. */
function webToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(tokenKey, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(tokenKey) ?? '';
}

async function viaHttp(method: string, input: unknown): Promise<Envelope> {
  let response: Response;
  try {
    response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${webToken()}` },
      body: JSON.stringify({ method, input }),
    });
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: '无法连接到台账程序，请确认它仍在运行。' } };
  }
  if (response.status === 401) {
    return { ok: false, error: { code: 'UNAUTHORIZED', message: '访问令牌无效：请使用启动时显示的完整地址重新打开。' } };
  }
  return (await response.json()) as Envelope;
}

export async function invoke<K extends MethodName>(method: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
  const envelope = window.ledger ? await window.ledger.invoke(method, input) : await viaHttp(method, input);
  if (!envelope.ok) throw new ApiCallError(envelope.error.code, envelope.error.message);
  return envelope.value as ApiOutput<K>;
}

webToken();
