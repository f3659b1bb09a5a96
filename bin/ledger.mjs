#!/usr/bin/env node
// The package's `ledger` bin: loads the TypeScript CLI through tsx, as `npm run ledger` does.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/ledger.ts');
