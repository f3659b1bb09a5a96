import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackendThread, type BackendThread } from '../../src-main/core/api/backend-thread';

// The backend thread behind Electron's window and the browser host: the same calls as in-process
// dispatch, a clear refusal when the ledger cannot be opened, and a clean close.

const dirs: string[] = [];
const threads: BackendThread[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-thread-'));
  dirs.push(dir);
  return dir;
}

async function start(file: string): Promise<BackendThread> {
  const thread = await startBackendThread({ file, logDir: path.join(path.dirname(file), 'logs') });
  threads.push(thread);
  return thread;
}

afterEach(async () => {
  for (const thread of threads.splice(0)) await thread.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backend thread', () => {
  it('answers calls as dispatch does and keeps what they wrote', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const thread = await start(file);
    expect(await thread.invoke('county.get', null)).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
    expect(await thread.invoke('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await thread.invoke('county.setup', { divisionCode: '330106' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const setup = await thread.invoke('county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' });
    expect(setup).toMatchObject({ ok: true, value: { name: '杭州市西湖区红十字会', city: '杭州市' } });
    // Calls in flight together each get their own answer.
    const [a, b] = await Promise.all([thread.invoke('county.get', null), thread.invoke('settings.get', null)]);
    expect(a).toMatchObject({ ok: true, value: { divisionCode: '330106' } });
    expect(b.ok).toBe(true);

    await thread.close();
    expect(await thread.invoke('county.get', null)).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } });
    // A clean close vouches for the file, so the next open skips the full check (db/verified.ts).
    expect(fs.existsSync(`${file}.verified.json`)).toBe(true);
    const again = await start(file);
    expect(await again.invoke('county.get', null)).toMatchObject({ ok: true, value: { name: '杭州市西湖区红十字会' } });
  });

  it('refuses to start on a file that is not a ledger, with the reason, and leaves the file alone', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const junk = Buffer.from('这不是数据库文件'.repeat(512));
    fs.writeFileSync(file, junk);
    await expect(start(file)).rejects.toMatchObject({ code: 'DB_CORRUPT', message: expect.stringContaining(file) });
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
  });
});
