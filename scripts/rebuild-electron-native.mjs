// Builds better-sqlite3 for Electron's ABI into .electron-native/ without touching
// node_modules/better-sqlite3 (whose Node build `npm test` uses). Needs Electron's headers,
// so it runs on a machine that can reach electronjs.org (packaging and `npm start`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronVersion } from './electron-binary.mjs';
import { electronBindingPath } from './electron-native-path.mjs';

const root = path.resolve(import.meta.dirname, '..');
const work = path.join(root, '.electron-native/build/better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.dirname(work), { recursive: true });
fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), work, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});
const version = electronVersion(root);
process.stderr.write(`正在为 Electron ${version} 编译 better-sqlite3……\n`);
const nodeGyp = path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
const result = spawnSync(
  process.execPath,
  [fs.existsSync(nodeGyp) ? nodeGyp : 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
if (result.status !== 0) {
  process.stderr.write('为 Electron 编译 better-sqlite3 失败：需要能访问 electronjs.org 下载头文件，并安装 C++ 编译工具。\n');
  process.exit(result.status ?? 1);
}
fs.copyFileSync(path.join(work, 'build/Release/better_sqlite3.node'), electronBindingPath(root));
process.stderr.write(`已生成 ${electronBindingPath(root)}\n`);
