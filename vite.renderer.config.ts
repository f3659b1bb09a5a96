import fs from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';

// pdf.js (the in-app PDF evidence preview) fetches data files by name from a directory URL:
// CJK cMaps, the standard fonts, wasm image decoders and an ICC profile. They are copied into the
// build under pdfjs/ with their names unchanged, and served from there by the dev server, so a
// preview needs nothing but the app's own origin.
const pdfjsRoot = resolve(import.meta.dirname, 'node_modules/pdfjs-dist');
const pdfjsDirs = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];

function pdfjsAssets(): Plugin {
  return {
    name: 'ledger-pdfjs-assets',
    generateBundle() {
      for (const dir of pdfjsDirs) {
        for (const name of fs.readdirSync(resolve(pdfjsRoot, dir))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${name}`, source: fs.readFileSync(resolve(pdfjsRoot, dir, name)) });
        }
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs', (req, res, next) => {
        const [dir, name, ...rest] = (req.url ?? '').split('?')[0]!.split('/').filter(Boolean);
        // Only a plain file name inside one of the known folders; nothing else of node_modules.
        if (!dir || !name || rest.length > 0 || !pdfjsDirs.includes(dir) || !/^[\w.-]+$/.test(name)) return next();
        const file = resolve(pdfjsRoot, dir, name);
        if (!fs.existsSync(file)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'application/octet-stream');
        res.end(fs.readFileSync(file));
      });
    },
  };
}

// The renderer's build, shared by electron-vite (desktop) and `vite build` (the browser host),
// so both hosts serve the very same files.
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react(), pdfjsAssets()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
  },
};

export default rendererConfig;
