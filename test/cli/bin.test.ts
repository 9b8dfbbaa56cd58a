// The installed `ferry` bin: builds, starts, prints help, and reports errors without stacks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'execute');

function ferry(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'ferry.js'), ...args], { cwd: FIX, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli: bin/ferry.js', function () {
  this.timeout(300_000);

  before(() => {
    // Builds like `npm run build`; other areas' type errors must not hide whether main.js was emitted.
    spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    assert.ok(existsSync(join(ROOT, 'dist', 'runner', 'cli', 'main.js')), 'build emitted dist/runner/cli/main.js');
    const pre = spawnSync(process.execPath, [join(ROOT, 'dist', 'runner', 'load', 'schemas', 'precompile.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(pre.status, 0, pre.stderr);
  });

  it('--version and -V print the version alone, exit 0', () => {
    for (const flag of ['--version', '-V']) assert.deepEqual(ferry(flag), { code: 0, out: '0.1.0\n', err: '' });
  });

  it('a built ferry runs with precompiled validators and lazily loaded modules', () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'runner', 'modules', 'manifest.json')));
    assert.ok(existsSync(join(ROOT, 'dist', 'runner', 'load', 'schemas', 'compiled', 'args.js')));
    // A wrong argument is found by the precompiled args validator at load, named at its position.
    const r = ferry('adhoc', 'all', '-i', 'inventory.yaml', '-m', 'wait_for', '-a', 'port=notaport');
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, "ferry: -a: wait_for: 'port' must be integer, not string\n");
  });

  it('--help lists every command, exit 0', () => {
    const r = ferry('--help');
    assert.equal(r.code, 0);
    for (const cmd of ['play', 'adhoc', 'inventory', 'validate', 'render']) assert.match(r.out, new RegExp(`^  ${cmd} `, 'm'));
  });

  it('validate on a broken playbook: file:line:col lines on stderr, exit 1', () => {
    const r = ferry('validate', 'broken.yaml', '-i', 'inventory.yaml');
    assert.equal(r.code, 1);
    assert.match(r.err, /broken\.yaml:\d+:\d+: /);
    assert.ok(!r.err.includes('    at '));
  });

  it('an unknown flag is a usage error, exit 2', () => {
    const r = ferry('play', 'site.yaml', '-i', 'inventory.yaml', '--bogus');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option '--bogus'/);
  });
});
