import { randomBytes } from 'node:crypto';

// One Content-Security-Policy for both hosts of the renderer (Electron's app:// protocol and the
// loopback web host). antd writes its CSS-in-JS into <style> elements carrying this per-load
// nonce, so neither 'unsafe-inline' styles nor 'unsafe-eval' scripts are ever allowed.

export const nonceMarker = '__CSP_NONCE__';

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** index.html with the nonce the page must hand to antd; every load gets a fresh one. */
export function withNonce(html: string, nonce: string): string {
  return html.split(nonceMarker).join(nonce);
}
