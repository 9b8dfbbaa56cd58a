// No literal `{{...}}` reaches a host: render and play fail on a var that does not render.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../runner/cli/io.js';
import { staticActions } from '../../runner/cli/actions/static.js';
import { runCli } from '../../runner/cli/program.js';
import { inventory, play, runTest, task } from '../helpers/engine.js';

function io(cwd: string): CliIo & { out: string; err: string } {
  const c = {
    out: '', err: '', cwd, env: {}, interactive: false,
    stdout: { write: (t: string) => (c.out += t), isTTY: false },
    stderr: { write: (t: string) => (c.err += t) },
  };
  return c;
}

describe('vars that do not render', () => {
  it('render: an inventory var naming an undefined variable is an error at the use, naming the definition', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-unres-'));
    writeFileSync(join(dir, 'inv.yml'), 'all:\n  vars:\n    node_ip: "{{ssh_hostt}}"\n  hosts:\n    h1:\n      ssh_host: 10.0.0.1\n');
    writeFileSync(join(dir, 'conf.hbs'), '# conf\nNODE_IP={{node_ip}}\n');
    const c = io(dir);
    const code = await runCli(['render', 'conf.hbs', '-i', 'inv.yml', '--host', 'h1'], c, staticActions);
    assert.notEqual(code, 0);
    assert.doesNotMatch(c.out, /ssh_hostt/);
    assert.match(c.err, new RegExp(`conf.hbs:2:9: variable "node_ip" \\(defined at ${join(dir, 'inv.yml')}:3:14\\) does not render: variable "ssh_hostt" is not defined \\(host h1\\)`));
  });

  it('play: a var naming an undefined variable fails the task instead of sending its text', async () => {
    const r = await runTest([play([task('show', 'test_echo', { url: '{{ url }}', inline: 'get {{url}}', helper: '{{upper url}}' })], { vars: { url: 'http://{{nosuch}}' } })], inventory({ a: {} }));
    const res = r.results('show')[0];
    assert.equal(res.status, 'failed');
    assert.match(String(res.result.msg), /variable "url" (\(defined at [^)]*\) )?does not render: variable "nosuch" is not defined/);
    assert.ok(!JSON.stringify(r.events).includes('http://{{nosuch}}"'), 'the raw text never reaches a module');
  });

  it('play: a var that refers to a var registered later renders once it exists', async () => {
    const r = await runTest([play([
      task('reg', 'test_fact', { port: 2379 }),
      task('show', 'test_echo', { url: '{{ url }}' }),
    ], { vars: { url: 'http://{{ ip }}:{{ port }}', ip: '{{ host_ip }}' } })], inventory({ a: { host_ip: '10.0.0.9' } }));
    assert.equal(r.results('show')[0].result.url, 'http://10.0.0.9:2379');
  });
});
