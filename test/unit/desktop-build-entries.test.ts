import { expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { BUNDLED_BACKEND_WORKER } from '../../src-main/core/api/backend-thread';
import { BUNDLED_WORKER } from '../../src-main/core/import/read/in-worker';

// The desktop build must emit each worker thread under the file name the code starts it by
// (workerEntry looks for it next to the main bundle); a renamed entry would only fail on a
// clerk's machine, where Electron runs.
it('emits the backend thread and the import reader as the entries the code starts', () => {
  const main = (config as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main;
  const entries = Object.keys(main.build.rollupOptions.input).map((name) => `${name}.js`);
  expect(entries).toEqual(expect.arrayContaining(['index.js', BUNDLED_BACKEND_WORKER, BUNDLED_WORKER]));
});
