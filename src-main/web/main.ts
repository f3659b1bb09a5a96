import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../core/errors';
import { startBackendThread } from '../core/api/backend-thread';
import { logDirFor } from '../core/log';
import { defaultDbFile } from '../core/paths';
import { startWebHost } from './server';

// `npm run start:web -- [--db PATH] [--port N]`: prints the URL to open, alone on its line.
const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, 'static-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_INPUT', '--port 应为 0–65535 的整数。');
  const file = values.db ?? defaultDbFile();
  const backend = startBackendThread({ file, logDir: logDirFor(file), echoLog: true });
  await backend.ready;
  const host = await startWebHost({
    invoke: backend.invoke,
    staticDir: values['static-dir'] ?? path.resolve(here, '../../out/renderer'),
    port,
  });
  process.stderr.write(`红会基层台账 浏览器版已启动，数据文件：${file}\n请在本机浏览器中打开下面的地址（按 Ctrl+C 停止）：\n`);
  process.stdout.write(`${host.url}\n`);
  const stop = async () => {
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof AppError ? error.message : `启动失败：${(error as Error).message}`}\n`);
  process.exit(1);
});
