// Finds the Electron executable the way the `electron` package does, without its side effect:
// requiring 'electron' downloads the binary from GitHub when it is missing, which hangs or
// fails on machines without internet.
import fs from 'node:fs';
import path from 'node:path';

export function findElectronBinary(root) {
  const pkg = path.join(root, 'node_modules/electron');
  if (!fs.existsSync(pkg)) return null;
  const pathFile = path.join(pkg, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return fs.existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const binary = path.join(pkg, 'dist', relative);
  return fs.existsSync(binary) ? binary : null;
}

export function electronVersion(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}
