#!/usr/bin/env node
// The ferry command. A lone `--version` is answered from one small file. Everything else runs from the
// bundle the build makes (dist/bundle/ferry.cjs, see build/bundle.mjs), compiled with V8's code cache
// when the cache fits this Node; without a bundle, from the compiled files (dist/runner/cli/main.js).
const args = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);

function notBuilt(err) {
  if (err && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'ENOENT')) {
    process.stderr.write('ferry: not built yet; run `npm ci` (or `npm run build`) first\n');
    process.exit(2);
  }
  throw err;
}

/** Runs the bundle; false when there is none. Node's modules are imported here, not for `--version`. */
async function runBundle() {
  const [{ readFileSync, renameSync, writeFileSync }, { createRequire }, { fileURLToPath }, { Script }] = await Promise.all([
    import('node:fs'), import('node:module'), import('node:url'), import('node:vm'),
  ]);
  const file = new URL('bundle/ferry.cjs', dist);
  let source;
  try {
    // The build writes ASCII only (non-ASCII escaped), so one byte is one character: latin1 reads it faster.
    source = readFileSync(file, 'latin1');
  } catch {
    return false;
  }
  const cacheFile = new URL('bundle/ferry.cjs.cache', dist);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache: V8 compiles as it goes
  }
  // What the bundle's code asks of its host: where dist/ is, and a dynamic import (a module's code by
  // URL is served from the bundle's own table; anything else, such as the Kubernetes client, by Node).
  globalThis.__ferryDist = dist.href;
  let table = {};
  globalThis.__ferryImport = (url) => {
    const s = String(url);
    const own = s.startsWith(dist.href) ? table[s.slice(dist.href.length)] : undefined;
    return own ? own() : import(s);
  };
  const path = fileURLToPath(file);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: path, cachedData });
  if (process.env.FERRY_DEBUG_START === '1') {
    const cache = cachedData ? (script.cachedDataRejected ? 'rejected by this Node' : 'used') : 'absent';
    process.stderr.write(`ferry: running ${path}, code cache ${cache}\n`);
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(path), module, path, fileURLToPath(new URL('.', file)));
  table = module.exports.byUrl;
  if (process.env.FERRY_WRITE_CODE_CACHE === '1') {
    // The build's warm-up run: keep what V8 compiled, once the command is done.
    process.on('exit', () => {
      const tmp = new URL(`bundle/ferry.cjs.cache.${process.pid}`, dist);
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    });
  }
  module.exports.start().catch((err) => {
    process.stderr.write(`ferry: ${err?.stack ?? err}\n`);
    process.exit(3);
  });
  return true;
}

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  import('../dist/runner/cli/version.js').then((m) => process.stdout.write(`${m.VERSION}\n`), notBuilt);
} else if (!(await runBundle())) {
  import('../dist/runner/cli/main.js').catch(notBuilt);
}
