import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * How to start one of our worker threads from the module at `here` (the caller's import.meta.url).
 * In the electron-vite build the worker is an entry emitted next to the main bundle (`bundled`, see
 * electron.vite.config.ts), and in the `ledger` command's bundle (scripts/cli-bundle.mjs) one built
 * next to the CLI, so neither loads tsx; the caller's code may sit in a shared chunk one folder
 * down, hence both places. From source (vitest, tsx) it is the TypeScript file `source`, and a tiny
 * ESM bootstrap registers tsx first: on Node 20 `execArgv: ['--import', 'tsx']` does not apply the
 * loader to a worker's own entry (ERR_UNKNOWN_FILE_EXTENSION). Names go through variables so Vite
 * does not treat `new URL(…, import.meta.url)` as an asset to copy.
 */
export function workerEntry(here: string, source: string, bundled: string): { script: URL | string; eval: boolean } {
  if (here.endsWith('.ts')) {
    const tsxApi = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL(source, here).href;
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return { script: bootstrap, eval: true };
  }
  const candidates = [`./${bundled}`, `../${bundled}`].map((rel) => new URL(rel, here));
  return { script: candidates.find((u) => existsSync(fileURLToPath(u))) ?? (candidates[0] as URL), eval: false };
}
