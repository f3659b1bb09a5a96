import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm start without the Electron binary', () => {
  it('explains what to do, points to start:web, and exits without a download or a stack trace', () => {
    const emptyDist = fs.mkdtempSync(path.join(os.tmpdir(), 'no-electron-'));
    const started = Date.now();
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run start:web');
    expect(result.stderr).toContain('未找到 Electron 程序文件');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain('Downloading');
    expect(fs.readdirSync(emptyDist)).toEqual([]);
  });
});
