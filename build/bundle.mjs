// Bundles the compiled CLI (dist/) into one file, dist/bundle/ferry.cjs, and writes V8's code cache
// for it (ferry.cjs.cache) by running `ferry validate` on the migration playbook once. Run by
// `npm run build` after tsc; bin/ferry.js loads the bundle (see there).
//
// Why: Node spent most of a cold `ferry validate` resolving, reading and compiling ~300 ES module
// files one by one (230 ms against 45 ms for `node -e 0`); one file with its code cache takes 145 ms.
// - Code reached only through a dynamic import (a command, a module's code, a compiled schema) stays
//   lazy: esbuild initialises it on first use.
// - Packages with a large tree of their own are read from node_modules when used (etcd3 and gRPC,
//   only for etcd tasks); a native addon (ssh2's crypto binding) is required by its path there.
// - @kubernetes/client-node is ES-module-only, and CommonJS cannot require that on Node 20: it gets a
//   bundle of its own (k8s-client.cjs), required only when a k8s task runs.
// - Code that finds files beside itself (`import.meta.url`) is given the URL it has in dist/, so the
//   manifest and the compiled schemas are found where the build wrote them; a dynamic import of such
//   a URL (a module's code, a compiled schema) is served from the bundle, so there is one copy of each
//   class (FerryError, ConnectError) in the process.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
const manifest = join(dist, 'runner', 'modules', 'manifest.json');

/** Packages required from node_modules at run time. */
const external = ['cpu-features', 'etcd3', '@grpc/*', 'ajv', 'ajv/*', 'ajv-formats', 'listr2'];

/** Files (relative to dist/) that code may import by a computed URL: each module's code, each compiled schema. */
const byUrl = [
  ...new Set(JSON.parse(readFileSync(manifest, 'utf8')).map((e) => `runner/modules/${e.file.replace(/^\.\//, '')}`)),
  'runner/load/schemas/compiled/args.js',
  'runner/load/schemas/compiled/loader.js',
];
for (const f of byUrl) if (!existsSync(join(dist, f))) throw new Error(`bundle: ${f} is not in dist/ (run tsc and the schema precompile first)`);

/** The bundle's entry: start(), and a loader for each file imported by URL. */
const entry = [
  `export { start } from ${JSON.stringify(join(dist, 'runner', 'cli', 'start.js'))};`,
  'export const byUrl = {',
  ...byUrl.map((f) => `  ${JSON.stringify(f)}: () => import(${JSON.stringify(join(dist, f))}),`),
  '};',
].join('\n');

/** dist/ files: `import.meta.url` becomes the file's URL in dist/, a computed import goes through the bundle's table. */
const placeInDist = {
  name: 'place-in-dist',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: './k8s-client.cjs', external: true }));
    // A native addon stays where npm built it, required by its path from dist/bundle/ (ssh2's crypto
    // binding: without it ssh2 falls back, silently, to ciphers in JavaScript).
    b.onResolve({ filter: /\.node$/ }, (args) => ({ path: `./${relative(out, join(args.resolveDir, args.path)).split('\\').join('/')}`, external: true }));
    b.onLoad({ filter: /[\\/]dist[\\/]runner[\\/].*\.js$/ }, (args) => {
      const rel = JSON.stringify(relative(dist, args.path).split('\\').join('/'));
      const text = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', `new URL(${rel}, globalThis.__ferryDist).href`)
        .replace(/\bimport\((?!['"])/g, 'globalThis.__ferryImport(');
      return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// Minified (names kept) and ASCII only: bin/ferry.js reads fewer bytes, as latin1, and V8 hashes less.
// `supported`: a literal import() becomes a require() (a vm.Script has no dynamic import of its own on
// Node 20 once its code cache is used); each such package is CommonJS, or has a CommonJS bundle here.
const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', supported: { 'dynamic-import': false }, minifyWhitespace: true, minifySyntax: true, charset: 'ascii', logLevel: 'warning', legalComments: 'none' };
rmSync(out, { recursive: true, force: true });
await build({
  ...common,
  stdin: { contents: entry, resolveDir: dist, sourcefile: 'ferry-entry.js', loader: 'js' },
  outfile: join(out, 'ferry.cjs'),
  external,
  plugins: [placeInDist],
});
await build({ ...common, entryPoints: [join(root, 'node_modules', '@kubernetes', 'client-node', 'dist', 'index.js')], outfile: join(out, 'k8s-client.cjs'), logLevel: 'error' });

// The code cache: V8 keeps what it compiled while validating the migration playbook.
const warm = spawnSync(process.execPath, [join(root, 'bin', 'ferry.js'), 'validate', join(root, 'playbooks', 'migrate-etcd.yml'), '-i', join(root, 'inventory.example.yaml')], {
  env: { ...process.env, FERRY_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
  // It takes well under a second; a hang must fail the build, not hold it.
  timeout: 120_000,
  killSignal: 'SIGKILL',
});
if (warm.status !== 0 || !existsSync(join(out, 'ferry.cjs.cache'))) {
  const how = warm.error ? warm.error.message : `exit ${warm.status}`;
  throw new Error(`bundle: the bundled ferry failed to validate the migration playbook (${how}):\n${warm.stdout}${warm.stderr}`);
}
