// The installed `ferry` bin: builds, starts, prints help, and reports errors without stacks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'execute');

function ferry(...args: string[]): { code: number | null; out: string; err: string } {
  return ferryEnv({}, ...args);
}

function ferryEnv(env: Record<string, string>, ...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'ferry.js'), ...args], { cwd: FIX, encoding: 'utf8', env: { ...process.env, ...env } });
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
    const bundle = spawnSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(bundle.status, 0, bundle.stderr);
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

  it('runs from the bundle, compiled from the code cache the build wrote for this Node', () => {
    const r = ferryEnv({ FERRY_DEBUG_START: '1' }, 'validate', join(ROOT, 'playbooks', 'migrate-etcd.yml'), '-i', join(ROOT, 'inventory.example.yaml'));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, `ferry: running ${join(ROOT, 'dist', 'bundle', 'ferry.cjs')}, code cache used\n`);
    assert.match(r.out, /^ok: .*migrate-etcd\.yml: 9 play\(s\)/);
  });

  it("the bundle requires ssh2's native crypto binding where npm built it (else ssh2 falls back to JavaScript ciphers)", () => {
    const bundleDir = join(ROOT, 'dist', 'bundle');
    const addons = [...readFileSync(join(bundleDir, 'ferry.cjs'), 'latin1').matchAll(/require\("([^"]+\.node)"\)/g)].map((m) => m[1]);
    assert.ok(addons.some((a) => a.endsWith('/sshcrypto.node')), addons.join(', '));
    for (const a of addons) assert.ok(existsSync(join(bundleDir, a)), `${a} does not exist beside dist/bundle/`);
  });

  it("a module's code loads from the bundle on first use, and its failure is the task's (one FerryError class)", () => {
    // etcd_status (etcd3 and gRPC from node_modules) against a closed port: a failed task, not an internal error.
    const etcd = ferry('adhoc', 'localhost', '-i', 'localhost,', '-m', 'etcd_status', '-a', '{"endpoints":["http://127.0.0.1:1"]}');
    assert.match(etcd.out, /^failed: \[localhost\] etcd_status .*\n {2}http:\/\/127\.0\.0\.1:1: status: not reachable \(ECONNREFUSED\)$/m, etcd.out + etcd.err);
    assert.doesNotMatch(etcd.err, /unexpected|internal/);
    // k8s (the Kubernetes client, from its own CommonJS bundle) against a closed API port.
    const kc = join(mkdtempSync(join(tmpdir(), 'ferry-bin-')), 'kubeconfig');
    writeFileSync(kc, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\nusers: [{name: u, user: {token: t}}]\n');
    const k8s = ferry('adhoc', 'localhost', '-i', 'localhost,', '-m', 'k8s', '-a', JSON.stringify({ api_version: 'v1', kind: 'Pod', name: 'x', namespace: 'y', kubeconfig: kc }));
    assert.match(k8s.out, /^ {2}k8s: Pod y\/x: request to https:\/\/127\.0\.0\.1:1\/api\/v1 failed, reason: connect ECONNREFUSED 127\.0\.0\.1:1$/m, k8s.out + k8s.err);
    assert.doesNotMatch(k8s.err, /unexpected|internal/);
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
