import os from 'node:os';
import path from 'node:path';

export const productName = '红会基层台账';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') resolves to for
 * this product name, so the CLI, the browser host and the desktop app share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', productName);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), productName);
}

export function defaultDbFile(): string {
  return path.join(defaultDataDir(), 'ledger.sqlite');
}
