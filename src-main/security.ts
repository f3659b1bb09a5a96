import { session as electronSession, type Session, type WebContents } from 'electron';

// Secure by default, with no switches for tests: the renderer is a sandboxed page of our own
// app:// origin that can reach the backend only through the preload's one invoke().

export const appScheme = 'app';
export const appOrigin = `${appScheme}://ledger`;

export function isAppUrl(url: string): boolean {
  return url === appOrigin || url.startsWith(`${appOrigin}/`);
}

/** Denies every permission request (camera, notifications, geolocation…) and logs it. */
export function hardenSession(session: Session = electronSession.defaultSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    console.warn(`permission request denied: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // No remote content: anything that is not our own scheme or devtools is cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    if (!allowed) console.warn(`blocked request to ${new URL(details.url).origin}`);
    callback({ cancel: !allowed });
  });
}

/** No navigation away from the app, no new windows, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
