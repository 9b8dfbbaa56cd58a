// The commands, called in-process with a captured io; exit codes and output text.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CliIo } from '../../runner/cli/io.js';
import { staticActions } from '../../runner/cli/actions/static.js';
import { runCli as run } from '../../runner/cli/program.js';
import { registerTestModules } from '../helpers/engine.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'execute');

interface Captured extends CliIo {
  out: string;
  err: string;
}

const runCli = (argv: string[], c: CliIo): Promise<number> => run(argv, c, staticActions);

function io(env: NodeJS.ProcessEnv = {}, cwd = FIX): Captured {
  const c: Captured = {
    out: '', err: '', cwd, env, interactive: false,
    stdout: { write: (t: string) => (c.out += t), isTTY: false },
    stderr: { write: (t: string) => (c.err += t) },
  };
  return c;
}

describe('cli', () => {
  let unregister: () => void;
  before(() => (unregister = registerTestModules()));
  after(() => unregister());

  it('play: runs the playbook over a local connection, plain lines and recap, exit 0', async () => {
    const c = io();
    const code = await runCli(['play', 'site.yaml', '-i', 'inventory.yaml'], c);
    assert.equal(code, 0, c.err);
    assert.match(c.out, /^changed: \[localhost\] say hello \(\d+ ms\)$/m);
    assert.match(c.out, /^localhost +: ok=2 +changed=1/m);
  });

  it('play --json: JSON lines, results then the recap; secrets masked', async () => {
    const c = io();
    const code = await runCli(['play', 'site.yaml', '-i', 'inventory.yaml', '--json', '-e', 'greeting=tok-fixture-secret'], c);
    assert.equal(code, 0, c.err);
    const lines = c.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; result?: { stdout?: string } });
    assert.deepEqual(lines.map((l) => l.kind), ['host_result', 'host_result', 'recap']);
    assert.ok(!c.out.includes('tok-fixture-secret'));
    assert.match(String(lines[0].result?.stdout), /\*{8} from localhost/);
  });

  it('play: a failed host gives exit 1, its message and no later task', async () => {
    const c = io();
    const code = await runCli(['play', 'failing.yaml', '-i', 'inventory.yaml'], c);
    assert.equal(code, 1);
    assert.match(c.out, /^failed: \[localhost\] break/m);
    assert.ok(!c.out.includes('unreachable-marker'));
  });

  it('validate: every problem as file:line:col, exit 1, no stack', async () => {
    const c = io();
    const code = await runCli(['validate', 'broken.yaml', '-i', 'inventory.yaml'], c);
    assert.equal(code, 1);
    assert.match(c.err, /broken\.yaml:\d+:\d+: .*nowhere/);
    assert.match(c.err, /broken\.yaml:\d+:\d+: .*test_cmdd/);
    assert.match(c.err, /broken\.yaml:\d+:\d+: .*whenn/);
    assert.ok(!c.err.includes('    at '));
  });

  it('validate: a valid playbook prints a summary, exit 0', async () => {
    const c = io();
    assert.equal(await runCli(['validate', 'site.yaml', '-i', 'inventory.yaml'], c), 0, c.err);
    assert.match(c.out, /^ok: site\.yaml: 1 play\(s\), 2 task\(s\)/);
  });

  it('render: prints the file the host would get', async () => {
    const c = io();
    assert.equal(await runCli(['render', 'motd.hbs', '-i', 'inventory.yaml', '--host', 'localhost', '-e', 'greeting=hi'], c), 0, c.err);
    assert.equal(c.out, 'Welcome to localhost: hi (web)\n');
  });

  it('inventory --list and --host mask every secret-named var unless --show-secrets', async () => {
    for (const view of [['--list'], ['--host', 'localhost']]) {
      const c = io();
      assert.equal(await runCli(['inventory', '-i', 'inventory.yaml', ...view, '-e', 'db_password=Hunter2-db-pw'], c), 0, c.err);
      assert.ok(!c.out.includes('tok-fixture-secret') && !c.out.includes('Hunter2-db-pw'), c.out);
      assert.match(c.out, /"api_token": "\*{8}"/);
      const shown = io();
      assert.equal(await runCli(['inventory', '-i', 'inventory.yaml', ...view, '--show-secrets'], shown), 0, shown.err);
      assert.match(shown.out, /"api_token": "tok-fixture-secret"/);
    }
  });

  it('render: the etcd templates from inventory.example.yaml, vars that refer to vars resolved', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const conf = io({}, root);
    const args = (t: string) => ['render', `templates/${t}`, '-i', 'inventory.example.yaml', '--host', 'etcd-new-1'];
    assert.equal(await runCli(args('etcd.conf.hbs'), conf), 0, conf.err);
    assert.match(conf.out, /^NODE_IP=192\.168\.152\.142$/m);
    assert.match(conf.out, /^NODE6_IP=192\.168\.150\.122$/m);
    const unit = io({}, root);
    assert.equal(await runCli(args('etcd3.service.hbs'), unit), 0, unit.err);
    assert.match(unit.out, /--initial-cluster etcd-\$\{NODE1_IP\}=http:\/\/\$\{NODE1_IP\}:\$\{PEERS_PORT\},.*NODE6_IP/);
  });

  it('render: a template whose list var is missing fails, naming the template, line and host', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const c = io({}, root);
    const code = await runCli(['render', 'templates/etcd.conf.hbs', '-i', 'test/fixtures/execute/inventory.yaml', '--host', 'localhost', '-e', 'etcd_node_ip=10.0.0.1'], c);
    assert.equal(code, 1);
    assert.match(c.err, /templates\/etcd\.conf\.hbs:\d+:\d+: variable "etcd_cluster_ips" is not defined \(in "#each".*\(host localhost\)/);
    assert.equal(c.out, '');
  });

  it('validate: every problem of the inventory and the playbook at once, as file:line:col, exit 1', async () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'cli', 'broken');
    const c = io({}, dir);
    assert.equal(await runCli(['validate', 'playbook.yml', '-i', 'inventory.yaml'], c), 1);
    const at = (file: string) => join(dir, file);
    assert.deepEqual(c.err.trimEnd().split('\n'), [
      `${at('inventory.yaml')}:8:21: 'ssh_host': "192.168.2020.40" is not a valid IP address or hostname`,
      `${at('inventory.yaml')}:9:21: 'ssh_port': 70000 is not a valid port (1-65535)`,
      `${at('inventory.yaml')}:11:25: 'ansible_host': "192.168.174.117.2379" is not a valid IP address or hostname`,
      `${at('inventory.yaml')}:17:7: unknown key 'varz' (did you mean 'vars'?)`,
      `${at('playbook.yml')}:2:10: play 'broken': hosts pattern 'etcd_nwe' matches no host in ${at('inventory.yaml')}`,
      `${at('playbook.yml')}:5:7: task 'typo module': unknown module 'comand' (did you mean 'command'?)`,
      `${at('playbook.yml')}:9:16: task 'bad args': systemd: 'state' must be one of: started, stopped, restarted, reloaded`,
      `${at('playbook.yml')}:12:14: task 'undefined var': variable "not_defined_anywhere" is not defined`,
      `${at('playbook.yml')}:15:14: task 'bad template syntax': template error: syntax error: unexpected end of template (is a block left open?)`,
      `${at('playbook.yml')}:18:7: task 'unknown key': unknown key 'whenn' (did you mean 'when'?)`,
      'ferry: 10 problem(s); nothing was run',
    ]);
    assert.equal(c.out, '');
  });

  it('inventory --list / --graph / --host', async () => {
    const list = io();
    assert.equal(await runCli(['inventory', '-i', 'inventory.yaml', '--list'], list), 0, list.err);
    const data = JSON.parse(list.out) as { _meta: { hostvars: Record<string, Record<string, unknown>> }; web: { hosts: string[] } };
    assert.deepEqual(data.web.hosts, ['localhost']);
    assert.equal(data._meta.hostvars.localhost.greeting, 'hello');
    const graph = io();
    await runCli(['inventory', '-i', 'inventory.yaml', '--graph'], graph);
    assert.equal(graph.out, '@all:\n  |--@ungrouped:\n  |--@web:\n  |  |--localhost\n');
    const host = io();
    await runCli(['inventory', '-i', 'inventory.yaml', '--host', 'localhost'], host);
    assert.equal((JSON.parse(host.out) as Record<string, unknown>).greeting, 'hello');
  });

  it('adhoc: arguments that fail the module\'s schema are refused before any host is contacted', async () => {
    const c = io();
    const code = await runCli(['adhoc', 'web', '-i', 'inventory.yaml', '-m', 'systemd', '-a', 'name=etcd3 state=runing enabeld=true'], c);
    assert.equal(code, 1);
    assert.equal(c.err.trim(), "ferry: -a: systemd: unknown key 'enabeld' (did you mean 'enabled'?); 'state' must be one of: started, stopped, restarted, reloaded");
    assert.equal(c.out, '');
  });

  it('adhoc: runs one module on the pattern, free-form args', async () => {
    const c = io();
    const code = await runCli(['adhoc', 'web', '-i', 'inventory.yaml', '-m', 'test_cmd', '-a', 'echo adhoc-ran'], c);
    assert.equal(code, 0, c.err);
    assert.match(c.out, /\[localhost\] adhoc-ran/);
  });

  it('usage errors exit 2; --help exits 0 with examples', async () => {
    const bad = io();
    assert.equal(await runCli(['play', 'site.yaml'], bad), 2);
    assert.match(bad.err, /required option '-i, --inventory <source>'/);
    const help = io();
    assert.equal(await runCli(['render', '--help'], help), 0);
    assert.match(help.out, /Examples:/);
  });

  it('a missing inventory is a diagnostic naming the file, no stack, exit 1', async () => {
    const c = io();
    assert.equal(await runCli(['play', 'site.yaml', '-i', 'missing.yaml'], c), 1);
    assert.deepEqual(c.err.trim().split('\n'), [`${join(FIX, 'missing.yaml')}:1:1: file not found`, 'ferry: 1 problem(s); nothing was run']);
  });

  it('--become-password-env naming an unset variable is refused before running', async () => {
    const c = io();
    assert.equal(await runCli(['play', 'site.yaml', '-i', 'inventory.yaml', '--become-password-env', 'NOPE_PW'], c), 1);
    assert.match(c.err, /NOPE_PW is not set/);
    assert.equal(c.out, '');
  });
});
