import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBundle, entryIsComplete } from '../../scripts/cli-bundle.mjs';

// The cache of bin/ledger.mjs's bundle, built against a copy of the sources (inside the checkout,
// so that the copy resolves the same node_modules) and a private cache folder.
const repo = path.resolve(import.meta.dirname, '../..');
let root: string;
let base: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(repo, '.tmp-cli-bundle-'));
  base = path.join(root, 'cache');
  for (const part of ['src-main', 'resources/division-codes', 'package.json']) {
    fs.cpSync(path.join(repo, part), path.join(root, part), { recursive: true });
  }
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs a bundle entry the way bin/ledger.mjs does, with the given command line. */
function runEntry(dir: string, ...args: string[]) {
  const script = `import { runCliBundle } from ${JSON.stringify(pathToFileURL(path.join(repo, 'scripts/cli-bundle.mjs')).href)}; runCliBundle(${JSON.stringify(dir)});`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, 'ledger', ...args], { encoding: 'utf8' });
}

const usageMarker = (dir: string) => /用法: ledger(\S*) <命令>/.exec(fs.readFileSync(path.join(dir, 'ledger.cjs'), 'utf8'))?.[1];

describe('the CLI bundle cache', () => {
  it('builds one complete entry under concurrent first runs, and runs it with and without a code cache', async () => {
    const dirs = await Promise.all([ensureCliBundle({ root, base }), ensureCliBundle({ root, base }), ensureCliBundle({ root, base })]);
    expect(new Set(dirs).size).toBe(1);
    const dir = dirs[0]!;
    expect(entryIsComplete(dir)).toBe(true);
    expect(fs.readdirSync(base).filter((name) => !name.startsWith('.'))).toEqual([path.basename(dir)]);
    expect(fs.readdirSync(dir).sort()).toEqual(['import-read-worker.js', 'ledger.cjs', 'manifest.json', 'package.json']);

    // --help records no code cache (it compiles little); a real command does.
    const codeCache = path.join(dir, 'ledger.cjs.v8cache');
    const help = runEntry(dir, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^用法: ledger <命令>/);
    expect(fs.existsSync(codeCache)).toBe(false);
    const unknown = runEntry(dir, 'nonsense', '--json');
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toEqual({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('未知命令“nonsense”') } });
    expect(fs.existsSync(codeCache)).toBe(true);
    expect(runEntry(dir, 'nonsense', '--json').stdout).toBe(unknown.stdout);
    expect(runEntry(dir, '--help').stdout).toBe(help.stdout);

    // A damaged code cache is rejected by V8 and replaced; the command's output is unchanged.
    fs.writeFileSync(codeCache, Buffer.from('not a code cache'));
    const damaged = runEntry(dir, 'nonsense', '--json');
    expect(damaged.status).toBe(1);
    expect(damaged.stdout).toBe(unknown.stdout);
    expect(fs.statSync(codeCache).size).toBeGreaterThan(1000);
  });

  it('rebuilds when a source changes, and never uses an entry whose files are incomplete', async () => {
    const before = (await ensureCliBundle({ root, base }))!;
    expect(usageMarker(before)).toBe('');

    const usageFile = path.join(root, 'src-main/cli/commands/index.ts');
    fs.writeFileSync(usageFile, fs.readFileSync(usageFile, 'utf8').replace('用法: ledger <命令>', '用法: ledger-edited <命令>'));
    const after = (await ensureCliBundle({ root, base }))!;
    expect(after).not.toBe(before);
    expect(usageMarker(after)).toBe('-edited');
    expect(runEntry(after, '--help').stdout).toMatch(/^用法: ledger-edited <命令>/);

    // A truncated bundle (an interrupted copy, a full disk) is rebuilt in place.
    const bundle = path.join(after, 'ledger.cjs');
    fs.truncateSync(bundle, 1000);
    expect(entryIsComplete(after)).toBe(false);
    expect(await ensureCliBundle({ root, base })).toBe(after);
    expect(entryIsComplete(after)).toBe(true);
    expect(usageMarker(after)).toBe('-edited');

    // So is a folder without its manifest (a build that never finished).
    fs.rmSync(path.join(after, 'manifest.json'));
    fs.writeFileSync(bundle, 'throw new Error("stale");');
    expect(await ensureCliBundle({ root, base })).toBe(after);
    expect(runEntry(after, '--help').status).toBe(0);
  });
});
