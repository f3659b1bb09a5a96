// Builds (once per source state) the esbuild bundle that bin/ledger.mjs runs: the CLI as one CommonJS
// file (compiled from V8's code cache, see runCliBundle) and the import reader's worker as ESM next
// to it. Loading the TypeScript through tsx costs ~1.5 s per
// command; loading the same code as one pre-built file, with the pure-JS packages inside it, spares
// both the transform and the CommonJS loader's walk through node_modules.
//
// The cache entry's name is a fingerprint of the sources' paths, sizes and mtimes, so an edited source
// gets a new entry on the next run. An entry is built in a private temporary folder and renamed into
// place whole, and its manifest lists the size of every file, so a concurrent first run or an
// interrupted build never yields a half-written entry that is then used.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Module from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const MANIFEST = 'manifest.json';
/** V8's code cache of ledger.cjs, written by the first run that needs it (not in the manifest). */
const CODE_CACHE = 'ledger.cjs.v8cache';
/** BUNDLED_WORKER in src-main/core/import/read/in-worker.ts, without its .js. */
const BUNDLED_WORKER_NAME = 'import-read-worker';
/** Bumped when the bundle's layout or build options change, so old entries are not reused. */
const LAYOUT = 2;
/** Superseded entries of the same checkout are removed once this old: a running command may still be
 *  using one (the worker file is loaded mid-import). */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

export const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where entries live: node_modules/.cache, the usual place for tool caches. It must be below the
 *  checkout: the bundle requires its external packages (better-sqlite3, exceljs) from where it sits. */
export function cacheBase(root = defaultRoot) {
  return path.join(root, 'node_modules', '.cache', 'hongh-ledger-cli');
}

/** Everything a bundle's content depends on; a change to any of these must produce a new entry. */
function fingerprintInputs(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  walk(path.join(root, 'src-main'));
  walk(path.join(root, 'resources', 'division-codes'));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.node.json']) {
    const full = path.join(root, f);
    if (fs.existsSync(full)) files.push(full);
  }
  files.push(fileURLToPath(import.meta.url));
  return files.sort();
}

export function fingerprint(root = defaultRoot) {
  const hash = crypto.createHash('sha256');
  hash.update(`layout ${LAYOUT}\nroot ${root}\nnode ${process.versions.modules}\n`);
  for (const file of fingerprintInputs(root)) {
    const st = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\t${st.size}\t${st.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 20);
}

/** The entry's folder name groups a checkout's entries (for pruning) and names its fingerprint. */
function entryName(root, print) {
  const rootKey = crypto.createHash('sha256').update(root).digest('hex').slice(0, 8);
  return `${rootKey}-${print}`;
}

/** True when every file the manifest lists is there with its recorded size. */
export function entryIsComplete(dir) {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
    if (manifest.layout !== LAYOUT || !manifest.files || typeof manifest.files !== 'object') return false;
    for (const [name, size] of Object.entries(manifest.files)) {
      if (fs.statSync(path.join(dir, name)).size !== size) return false;
    }
    return typeof manifest.files['ledger.cjs'] === 'number' && typeof manifest.files[`${BUNDLED_WORKER_NAME}.js`] === 'number';
  } catch {
    return false;
  }
}

async function build(root, outdir) {
  const esbuild = await import('esbuild');
  const common = {
    absWorkingDir: root,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // better-sqlite3 loads its native binding relative to its own package; exceljs is loaded lazily
    // with createRequire by the code that writes or reads a sheet, and stays in node_modules.
    external: ['better-sqlite3', 'exceljs'],
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  };
  // The CLI is one CommonJS file so that it can be compiled from V8's code cache (runCliBundle): an
  // ES module cannot be on Node 20, and compiling ~3 MB of source is most of a command's start.
  await esbuild.build({
    ...common,
    entryPoints: { ledger: path.join(root, 'src-main/cli/ledger.ts') },
    format: 'cjs',
    // in-worker.ts finds the worker, and exceljs.ts its package, relative to the running file.
    define: { 'import.meta.url': '__ledgerModuleUrl' },
    banner: { js: "const __ledgerModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    outExtension: { '.js': '.cjs' },
  });
  // The worker, as in-worker.ts's BUNDLED_WORKER names it, next to the CLI that starts it.
  await esbuild.build({
    ...common,
    entryPoints: { [BUNDLED_WORKER_NAME]: path.join(root, 'src-main/core/import/read/worker.ts') },
    format: 'esm',
    // Bundled CommonJS packages call require() for Node's built-ins.
    banner: { js: "import { createRequire as __ledgerCreateRequire } from 'node:module'; const require = __ledgerCreateRequire(import.meta.url);" },
  });
  // The worker's .js is ESM wherever the cache sits, whatever package.json is above it.
  fs.writeFileSync(path.join(outdir, 'package.json'), '{"type":"module"}\n');
  const files = {};
  for (const name of fs.readdirSync(outdir)) files[name] = fs.statSync(path.join(outdir, name)).size;
  fs.writeFileSync(path.join(outdir, MANIFEST), JSON.stringify({ layout: LAYOUT, root, builtAt: new Date().toISOString(), files }, null, 2));
}

/** True for a command line that only prints the usage: its run compiles little beyond the top level,
 *  so a code cache recorded from it would leave a real command compiling most of what it runs. */
function onlyUsage(args) {
  return args.length === 0 || args.some((a) => a === '--help' || a === '-h');
}

/**
 * Runs the bundled CLI (as Node would run a CommonJS main module) compiled from V8's code cache when
 * there is a valid one; otherwise, as a real command's process exits, records the cache for the next
 * run, with the functions this run compiled. V8 checks the cache against the source and its own
 * version and rejects a stale or damaged one, which is then simply replaced.
 */
export function runCliBundle(dir, args = process.argv.slice(2)) {
  const file = path.join(dir, 'ledger.cjs');
  const cacheFile = path.join(dir, CODE_CACHE);
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if ((cachedData === undefined || script.cachedDataRejected) && !onlyUsage(args)) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        removeQuietly(tmp);
      }
    });
  }
  const module = { exports: {}, filename: file, id: '.', loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dir);
}

function removeQuietly(dir) {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    // Another process may be removing it too, or still holds it open (Windows): it is retried next build.
  }
}

/** Drops this checkout's superseded entries and leftovers of interrupted builds, once they are old. */
function prune(base, root, keep) {
  const prefix = entryName(root, '');
  const now = Date.now();
  for (const name of fs.readdirSync(base)) {
    if (name === keep) continue;
    const full = path.join(base, name);
    const ours = name.startsWith(prefix) || name.startsWith(`.tmp-${prefix}`) || name.startsWith(`.bad-${prefix}`);
    if (!ours) continue;
    try {
      if (now - fs.statSync(full).mtimeMs > PRUNE_AFTER_MS) removeQuietly(full);
    } catch {
      // Gone already.
    }
  }
}

/**
 * The folder holding ledger.cjs and import-read-worker.js for the sources as they are now, built if
 * needed; null when esbuild cannot be loaded (the caller falls back to tsx).
 */
export async function ensureCliBundle({ root = defaultRoot, base = cacheBase(root) } = {}) {
  const name = entryName(root, fingerprint(root));
  const dir = path.join(base, name);
  if (entryIsComplete(dir)) return dir;
  try {
    await import('esbuild');
  } catch {
    return null;
  }
  fs.mkdirSync(base, { recursive: true });
  const tmp = path.join(base, `.tmp-${name}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await build(root, tmp);
    try {
      fs.renameSync(tmp, dir);
    } catch (error) {
      // A concurrent first run got there first: its entry is as good as ours. Only a folder that is
      // still incomplete now (entries appear whole, by rename) is damaged, and is moved aside once.
      if (entryIsComplete(dir)) return dir;
      if (!fs.existsSync(dir)) throw error;
      const bad = path.join(base, `.bad-${name}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      try {
        fs.renameSync(dir, bad);
        removeQuietly(bad);
      } catch {
        // Someone else moved it first.
      }
      try {
        fs.renameSync(tmp, dir);
      } catch (again) {
        if (!entryIsComplete(dir)) throw again;
      }
    }
  } finally {
    removeQuietly(tmp);
  }
  prune(base, root, name);
  return dir;
}

// `node scripts/cli-bundle.mjs` (postinstall): builds ahead of the first command. Never fails the
// install: the command builds on first use, or falls back to tsx.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const dir = await ensureCliBundle();
    console.log(dir ? `ledger: 命令行程序已打包到 ${dir}` : 'ledger: 未找到 esbuild，命令行程序将通过 tsx 运行。');
  } catch (error) {
    console.warn(`ledger: 命令行程序预先打包失败（${error.message}），首次运行时会再试。`);
  }
}
