import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startBackendThread, type BackendThread } from '../../src-main/core/api/backend-thread';
import { createImportBaseLedger } from '../fixtures/import/base-ledger';
import { writeLargeMemberSheet } from '../fixtures/import/large-sheet';
import { callerOf } from '../helpers/backend';
import { commit, upload, waitJob } from '../helpers/import';

// The backend thread behind Electron's window and the browser host: the same calls as in-process
// dispatch, an import through the reader's worker started from it, a clear refusal when the ledger
// cannot be opened, and a clean close that cancels what is running.

const dirs: string[] = [];
const threads: BackendThread[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-thread-'));
  dirs.push(dir);
  return dir;
}

async function start(file: string): Promise<BackendThread> {
  const thread = startBackendThread({ file, logDir: path.join(path.dirname(file), 'logs') });
  threads.push(thread);
  await thread.ready;
  return thread;
}

const memberCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM member').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** A base ledger, a member sheet of `rows` rows uploaded to a backend thread on it, and its preview. */
async function previewedImport(rows: number) {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  const sheet = path.join(dir, 'members.xlsx');
  await createImportBaseLedger(file);
  await writeLargeMemberSheet(sheet, rows);
  const before = memberCount(file);
  const thread = await start(file);
  const api = { call: callerOf(thread.invoke) };
  const uploadId = await upload(api, 'members.xlsx', fs.readFileSync(sheet));
  const { jobId } = await api.call('import.preview', { uploadId, kind: 'members' });
  const previewed = await waitJob(api, jobId);
  return { dir, file, thread, api, before, jobId, previewed };
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
    expect(b).toMatchObject({ ok: true, value: { clerkName: expect.any(String) } });
    expect(b.ok && 'divisionCode' in (b.value as object)).toBe(false);

    await thread.close();
    expect(await thread.invoke('county.get', null)).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } });
    // A clean close vouches for the file, so the next open skips the full check (db/verified.ts).
    expect(fs.existsSync(`${file}.verified.json`)).toBe(true);
    const again = await start(file);
    expect(await again.invoke('county.get', null)).toMatchObject({ ok: true, value: { name: '杭州市西湖区红十字会' } });
  });

  it('quitting while the ledger is still opening ends the start quietly, and the ledger opens next time', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const thread = startBackendThread({ file, logDir: path.join(path.dirname(file), 'logs') });
    const started = thread.ready.then(
      () => 'ready',
      (error: { code?: string }) => error.code,
    );
    await thread.close();
    expect(await started).toBe('SHUTTING_DOWN');
    expect(await thread.invoke('county.get', null)).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } });
    const again = await start(file);
    expect(await again.invoke('county.setup', { divisionCode: '330106', name: '杭州市西湖区红十字会' })).toMatchObject({ ok: true });
  });

  it('refuses to start on a file that is not a ledger, with the reason, and leaves the file alone', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const junk = Buffer.from('这不是数据库文件'.repeat(512));
    fs.writeFileSync(file, junk);
    await expect(start(file)).rejects.toMatchObject({ code: 'DB_CORRUPT', message: expect.stringContaining(file) });
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
  });

  it('imports a sheet through the reader worker it starts, and the rows are in the ledger after a restart', async () => {
    const { file, thread, api, before, jobId, previewed } = await previewedImport(300);
    expect(previewed).toMatchObject({ state: 'done', preview: { counts: { inserted: 300, rejected: 0 } } });
    expect(await commit(api, jobId)).toMatchObject({ counts: { inserted: 300 } });
    await thread.close();
    expect(memberCount(file)).toBe(before + 300);
  });

  it('quitting during an import cancels it, answers later calls SHUTTING_DOWN and leaves the ledger as it was', async () => {
    const { dir, file, thread, api, before, jobId } = await previewedImport(20_000);
    const committing = await api.call('import.commit', { jobId });
    // Quit while the commit runs; a call made in the same turn is already too late.
    for (;;) {
      const state = await api.call('job.get', { jobId: committing.jobId });
      expect(state.state).toBe('running');
      if (/^(备份|写入|整理索引)/.test(state.phase)) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const closing = thread.close();
    expect(await thread.invoke('job.get', { jobId: committing.jobId })).toMatchObject({ ok: false, error: { code: 'SHUTTING_DOWN' } });
    await closing;
    expect(fs.existsSync(`${file}.verified.json`)).toBe(true);
    expect(memberCount(file)).toBe(before);
    // Cancelled, not failed under a closed connection: nothing for support to puzzle over.
    const logs = path.join(dir, 'logs');
    const logged = fs.existsSync(logs) ? fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('') : '';
    expect(logged).not.toMatch(/failed/);
    const again = await start(file);
    expect(await callerOf(again.invoke)('import.history', {})).toEqual([]);
  });
});
