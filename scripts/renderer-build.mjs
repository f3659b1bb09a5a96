// Builds the renderer when out/renderer is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureRendererBuilt() {
  const index = path.join(root, 'out/renderer/index.html');
  // sheet-fields is bundled into the renderer too (kind labels).
  const sources = [path.join(root, 'src-renderer'), path.join(root, 'src-main/core/api'), path.join(root, 'src-main/core/domain/sheet-fields.ts'), path.join(root, 'vite.renderer.config.ts')];
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (builtAt > Math.max(...sources.map(newestMtime))) return;
  process.stderr.write('正在构建界面（首次启动约需半分钟）……\n');
  // Vite's own log goes to stderr so that stdout carries only the URL.
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    // A production build even when started from a test runner that exported NODE_ENV=test.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) {
    process.stderr.write('界面构建失败，请查看上面的错误信息。\n');
    process.exit(1);
  }
}
