// `npm start`: the desktop app on the user's default database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronBindingPath } from './electron-native-path.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const binary = findElectronBinary(root);

if (!binary) {
  process.stderr.write(
    [
      '未找到 Electron 程序文件，桌面版无法在本机启动。',
      'Electron binary not found (node_modules/electron/dist). It is normally downloaded from GitHub the first time',
      'Electron runs, which this machine cannot reach, so nothing was started and nothing was downloaded.',
      'To use the app here, run the same UI in a browser:  npm run start:web   (then open the printed URL).',
      'To get the desktop app, on a machine with internet run:  npx install-electron --no  (or set',
      'ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron of the version in package.json), then npm start again.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const run = (args, env = {}) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// better-sqlite3 in node_modules is built for Node (npm test); Electron needs its own ABI build,
// kept in .electron-native/ so that the two never overwrite each other.
if (!fs.existsSync(electronBindingPath(root))) run([path.join(root, 'scripts/rebuild-electron-native.mjs')]);
run([path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
const result = spawnSync(binary, ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, LEDGER_NATIVE_BINDING: electronBindingPath(root) } });
process.exit(result.status ?? 0);
