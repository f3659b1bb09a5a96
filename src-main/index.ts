import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, type MenuItemConstructorOptions } from 'electron';
import { startBackendThread, type BackendThread } from './core/api/backend-thread';
import { AppError } from './core/errors';
import { productName } from './core/paths';
import { contentSecurityPolicy, newNonce, withNonce } from './content-security';
import { appOrigin, appScheme, hardenContents, hardenSession, isAppUrl } from './security';
import { readStaticFile } from './static-files';

// The Electron shell: a window, a menu, security wiring and one IPC channel into dispatch.
// Everything domain-shaped lives in ./core, shared with the browser host and the CLI, and runs on
// the backend thread: this process is the browser's UI thread and must never wait on SQLite.

app.setName(productName);
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const rendererDir = path.join(import.meta.dirname, '../renderer');

function nativeBinding(): string | undefined {
  if (process.env.LEDGER_NATIVE_BINDING) return process.env.LEDGER_NATIVE_BINDING;
  return app.isPackaged ? path.join(process.resourcesPath, 'better_sqlite3.node') : undefined;
}

function serveRenderer(): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = await readStaticFile(rendererDir, url.pathname);
    if (!file) return new Response('未找到', { status: 404 });
    if (!file.isIndex) return new Response(new Uint8Array(file.body), { headers: { 'Content-Type': file.mimeType } });
    const nonce = newNonce();
    return new Response(withNonce(file.body.toString('utf8'), nonce), {
      headers: { 'Content-Type': file.mimeType, 'Content-Security-Policy': contentSecurityPolicy(nonce) },
    });
  });
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'togglefullscreen', label: '全屏' },
        ...(app.isPackaged ? [] : ([{ type: 'separator' }, { role: 'reload', label: '重新加载' }, { role: 'toggleDevTools', label: '开发者工具' }] as MenuItemConstructorOptions[])),
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

let quitting = false;
let relaunching = false;

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();
  serveRenderer();
  buildMenu();
  const file = path.join(app.getPath('userData'), 'ledger.sqlite');
  // Opening may take a while (the full check of a large ledger after a power cut): the window
  // shows 正在打开台账…… meanwhile, and its first calls wait for the thread.
  const backend: BackendThread = startBackendThread({ file, nativeBinding: nativeBinding(), logDir: path.join(app.getPath('userData'), 'logs'), echoLog: true });
  backend.ready.catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'SHUTTING_DOWN') return;
    dialog.showErrorBox(productName, error instanceof AppError ? error.message : `无法打开数据文件 ${file}：${(error as Error).message}`);
    app.exit(1);
  });
  ipcMain.handle('ledger:invoke', (event, method: unknown, input: unknown) => {
    // Only our own page may call the backend; the dispatcher validates method and input.
    if (!isAppUrl(event.senderFrame?.url ?? '')) return { ok: false, error: { code: 'FORBIDDEN_ORIGIN', message: '拒绝访问：来源不符。' } };
    return backend.invoke(String(method), input);
  });
  app.on('window-all-closed', () => app.quit());
  // Quitting by the window or 文件 › 退出, the backend first cancels its jobs and closes the ledger
  // cleanly, so the next start can skip the full integrity check. (Windows does not send
  // before-quit when it shuts down or logs off; then the next start checks the file in full.)
  let closed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    void backend.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: productName,
    show: false,
    webPreferences: {
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  // A second start (a double click too many) brings this window forward instead of opening the
  // same ledger twice; one made while this instance is still quitting starts again once it has.
  app.on('second-instance', () => {
    if (quitting || window.isDestroyed()) {
      if (!relaunching) app.relaunch();
      relaunching = true;
      return;
    }
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  await window.loadURL(`${appOrigin}/index.html`);
}

function startFailed(error: unknown): void {
  // Loading the page is cut short when the clerk quits at once; anything else is a real failure.
  if (quitting) return;
  dialog.showErrorBox(productName, `程序无法启动：${(error as Error).message}`);
  app.exit(1);
}

if (app.requestSingleInstanceLock()) start().catch(startFailed);
else app.quit();
