#!/usr/bin/env node
// The package's `ledger` bin. It runs the CLI pre-bundled by esbuild (scripts/cli-bundle.mjs: built on
// first use and whenever a source changes, kept in node_modules/.cache/hongh-ledger-cli), which starts
// several times faster than transforming the TypeScript through tsx. Without esbuild, or when the
// sources do not build, it loads the TypeScript through tsx as before, so a broken edit shows tsx's
// own error.
async function bundled() {
  try {
    const { ensureCliBundle, runCliBundle } = await import('../scripts/cli-bundle.mjs');
    const dir = await ensureCliBundle();
    return dir ? () => runCliBundle(dir) : null;
  } catch {
    return null;
  }
}

const run = await bundled();
if (run) {
  run();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src-main/cli/ledger.ts');
}
