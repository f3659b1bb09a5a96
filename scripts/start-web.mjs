// `npm run start:web -- [--db PATH] [--port N]`: the real UI on the real backend, in a browser.
import { register } from 'tsx/esm/api';
import { ensureRendererBuilt } from './renderer-build.mjs';

ensureRendererBuilt();
register();
await import('../src-main/web/main.ts');
