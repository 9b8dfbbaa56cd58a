// The README stays true: its two commands come first, every module has a row, every npm script it names exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modules } from '../../runner/modules/registry.js';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);

describe('README', () => {
  it('starts with the demo and the test command, in the first code block', () => {
    const first = /```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    assert.match(first, /^npm ci && npm run demo\b/m);
    assert.match(first, /^npm ci && npm test\b/m);
  });

  it('has a row in the modules table for every registered module', () => {
    const missing = [...modules.keys()].filter((name) => !readme.includes(`| \`${name}\` |`));
    assert.deepEqual(missing, []);
  });

  it('names only npm scripts that package.json defines', () => {
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    assert.ok(named.length > 0);
    assert.deepEqual(named.filter((s) => !scripts.includes(s)), []);
  });

  it('has no section left as a placeholder', () => {
    assert.deepEqual(readme.match(/^[A-Z-]+-SECTION$/gm) ?? [], []);
  });
});
