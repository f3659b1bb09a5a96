import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/index.ts'),
          // The import file reader's worker thread, emitted as out/main/import-read-worker.js next to
          // index.js (see BUNDLED_WORKER in src-main/core/import/read/in-worker.ts).
          'import-read-worker': resolve(import.meta.dirname, 'src-main/core/import/read/worker.ts'),
          // The backend's thread (BUNDLED_BACKEND_WORKER in src-main/core/api/backend-thread.ts).
          'backend-worker': resolve(import.meta.dirname, 'src-main/core/api/backend-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file that requires nothing but 'electron'.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
