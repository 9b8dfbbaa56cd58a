#!/usr/bin/env node
// The ferry command: compiled JavaScript only, so start-up stays small. A lone `--version` is
// answered from one small file, without loading the command tree (as commander would print it).
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
import(versionOnly ? '../dist/runner/cli/version.js' : '../dist/runner/cli/main.js').then((m) => {
  if (versionOnly) process.stdout.write(`${m.VERSION}\n`);
}, (err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist\/runner\/cli\/(main|version)\.js/.test(String(err.message))) {
    process.stderr.write('ferry: not built yet; run `npm ci` (or `npm run build`) first\n');
    process.exit(2);
  }
  throw err;
});
