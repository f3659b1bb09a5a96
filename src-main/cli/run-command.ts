import { once } from 'node:events';
import fs from 'node:fs';
import { dispatch, type Backend } from '../core/api/dispatch';
import type { Envelope } from '../core/api/contract';
import { AppError } from '../core/errors';
import { openLedgerDb } from '../core/db/open';
import { redact } from '../core/log';
import { defaultDbFile } from '../core/paths';
import { renderHuman } from './render';
import { runSeed } from './seed-command';
import { runImport } from './import-command';
import { UsageError, type Call, type Flags } from './args';
import { commands, usage } from './commands';
import { reportError } from './report-error';

// A command line past --help: opens the database and runs the call through dispatch.

/** Maps a command line to one dispatch call; the longest matching "area verb" wins. */
function toCall(command: string[], flags: Flags): Call {
  const two = command.slice(0, 2).join(' ');
  if (commands[two]) return commands[two](flags, command.slice(2));
  if (commands[command[0]!]) return commands[command[0]!]!(flags, command.slice(1));
  throw new UsageError(`未知命令“${command.join(' ')}”。\n${usage}`);
}

function print(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

function unwrap(envelope: Envelope): unknown {
  if (!envelope.ok) throw new AppError(envelope.error.code as never, envelope.error.message);
  return envelope.value;
}

export async function runCommand(flags: Flags, command: string[]): Promise<number> {
  const json = flags.json;
  let call: Call | null = null;
  try {
    if (command[0] !== 'init' && command[0] !== 'seed' && command[0] !== 'import') call = toCall(command, flags);
  } catch (error) {
    if (error instanceof UsageError) return reportError(json, 'INVALID_INPUT', error.message);
    throw error;
  }
  const file = flags.db ?? defaultDbFile();
  // Opening creates and migrates a missing file: only init and seed may start a ledger, so a
  // mistyped --db is refused instead of answered from a new, empty ledger left behind.
  if (command[0] !== 'init' && command[0] !== 'seed' && file !== ':memory:' && !fs.existsSync(file)) {
    return reportError(json, 'NOT_FOUND', `找不到台账数据文件“${file}”，请检查 --db 的路径；新建台账请先运行 ledger init --db ${file} …。`);
  }
  let backend: Backend | null = null;
  try {
    backend = { db: await openLedgerDb(file), log: (m) => process.stderr.write(`${redact(m)}\n`) };
    if (command[0] === 'init') {
      const county = unwrap(
        await dispatch(backend, 'county.setup', { divisionCode: flags['county-code'] ?? '', name: flags['county-name'] ?? '' }),
      ) as { divisionCode: string; name: string };
      if (flags.clerk) unwrap(await dispatch(backend, 'settings.update', { clerkName: flags.clerk }));
      const check = unwrap(await dispatch(backend, 'system.check', {})) as { schemaVersion: number };
      const value = { db: file, county: { divisionCode: county.divisionCode, name: county.name }, schemaVersion: check.schemaVersion };
      print(json, value, () => `已就绪：${county.name}（${county.divisionCode}），数据文件 ${file}，结构版本 ${check.schemaVersion}`);
      return 0;
    }
    if (command[0] === 'seed') {
      const stats = await runSeed(backend, flags.scale, flags.seed, json);
      print(json, stats, () => renderHuman('seed', stats));
      return 0;
    }
    if (command[0] === 'import') {
      const result = await runImport(backend, flags, command.slice(1));
      print(json, result, () => renderHuman('import', result));
      return 0;
    }
    const b = backend;
    const value = call!.run ? await call!.run(async (method, input) => unwrap(await dispatch(b, method, input))) : unwrap(await dispatch(backend, call!.method, call!.input));
    if (call!.method === 'system.check' && !(value as { ok: boolean }).ok) {
      const message = '数据文件检查未通过，详见报告。';
      process.stderr.write(`${message}\n`);
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'CHECK_FAILED', message }, report: value }, null, 2)}\n`);
      else process.stdout.write(`${renderHuman(call!.method, value)}\n`);
      return 1;
    }
    if (call!.saveTo) {
      const saved = await saveDownload(backend, value as { token: string; rows?: number }, call!.saveTo);
      const report = call!.saved?.(value, saved.file);
      if (report) print(json, report.json, () => report.text);
      else print(json, saved, () => `已导出 ${saved.rows} 行到 ${saved.file}`);
      return 0;
    }
    if (call!.stream) await writeJsonArray(await call!.stream(value, backend.db));
    else if (call!.text) process.stdout.write(call!.text(value));
    else print(json, value, () => renderHuman(call!.method, value));
    return 0;
  } catch (error) {
    if (error instanceof AppError) return reportError(json, error.code, error.message);
    if (error instanceof UsageError) return reportError(json, 'INVALID_INPUT', error.message);
    return reportError(json, 'INTERNAL', `程序内部错误：${(error as Error).message}`);
  } finally {
    await backend?.db.close();
  }
}

/**
 * Writes `[r1,r2,…]\n` as the records arrive, in ~64 KB writes, waiting for stdout to drain when
 * the reader is slower, so memory stays bounded whatever the length (same bytes as JSON.stringify).
 */
async function writeJsonArray(records: Iterable<unknown>): Promise<void> {
  const out = process.stdout;
  const flush = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let chunk = '[';
  let first = true;
  for (const record of records) {
    chunk += first ? JSON.stringify(record) : `,${JSON.stringify(record)}`;
    first = false;
    if (chunk.length >= 65_536) {
      await flush(chunk);
      chunk = '';
    }
  }
  await flush(`${chunk}]\n`);
}

/**
 * Fetches a produced file through file.read, like any other transport, and writes it to `file`;
 * then the copy beside the database is discarded (it may hold full ID numbers), also on failure.
 */
async function saveDownload(backend: Backend, ref: { token: string; rows?: number }, file: string): Promise<{ rows: number; file: string }> {
  let out: number | null = null;
  try {
    try {
      out = fs.openSync(file, 'w');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? '文件夹不存在' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EISDIR' ? '这是一个文件夹' : (error as Error).message;
      throw new AppError('INVALID_INPUT', `无法保存到“${file}”：${why}。请换一个位置。`);
    }
    let offset = 0;
    for (;;) {
      const chunk = unwrap(await dispatch(backend, 'file.read', { token: ref.token, offset })) as { dataBase64: string; offset: number; done: boolean };
      fs.writeSync(out, Buffer.from(chunk.dataBase64, 'base64'));
      offset = chunk.offset;
      if (chunk.done) break;
    }
  } finally {
    if (out !== null) fs.closeSync(out);
    // Not unwrapped here: a failed discard must not hide why the copy failed.
    const discarded = await dispatch(backend, 'file.discard', { token: ref.token });
    if (!discarded.ok) process.stderr.write(`数据目录中导出文件的临时副本未能删除（${discarded.error.message}），一天后会自动清理。\n`);
  }
  return { rows: ref.rows ?? 0, file };
}

