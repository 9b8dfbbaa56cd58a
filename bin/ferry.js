#!/usr/bin/env node
// The ferry command: compiled JavaScript only, so start-up stays small.
import('../dist/runner/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/runner/cli/main.js')) {
    process.stderr.write('ferry: not built yet; run `npm ci` (or `npm run build`) first\n');
    process.exit(2);
  }
  throw err;
});
