// environment, remote_user, connection, become_method su and async/poll as the engine runs them:
// real commands through the local transport (the shell really sees the exported values, the job
// really runs detached), and the specs the pool is asked for (which user, which connection).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPlaybook } from '../../runner/execute/engine.js';
import type { RunOptions } from '../../runner/execute/types.js';
import { loadInventory } from '../../runner/load/inventory.js';
import { loadPlaybook } from '../../runner/load/playbook.js';
import type { FerryEvent } from '../../runner/report/events.js';
import { LocalTransport } from '../../runner/transport/local.js';
import { MemoryTransport } from '../../runner/transport/memory.js';
import type { ConnectionSpec } from '../../runner/transport/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'ferry-taskkw-'));
const INVENTORY = join(dir, 'inv.yaml');
writeFileSync(INVENTORY, 'all:\n  hosts:\n    here:\n      ansible_connection: local\n    far:\n      ansible_host: 192.0.2.1\n    named:\n      ansible_host: 192.0.2.2\n      ansible_user: fromvar\n');

async function run(yaml: string, options: RunOptions = {}) {
  const file = join(dir, `pb-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, yaml);
  const inventory = loadInventory(INVENTORY);
  const playbook = loadPlaybook(file, { inventory });
  const events: FerryEvent[] = [];
  const recap = await runPlaybook(playbook, inventory, options, (e) => events.push(e));
  const results = (task: string) => events.flatMap((e) => (e.kind === 'host_result' && e.task === task ? [e] : []));
  return { recap, events, results };
}

// Specs the pool asks for, answered by the real local transport (or a memory one for ssh specs).
function recording(specs: Array<[string, ConnectionSpec]>): RunOptions {
  return { connect: async (name, spec) => (specs.push([name, spec]), spec.type === 'local' ? new LocalTransport(name) : new MemoryTransport(name, { replies: [{ match: '', stdout: 'remote\n' }] })) };
}

describe('execute: environment, remote_user, connection, become_method, async', function () {
  this.timeout(20_000);
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('environment: play < block < task, merged; values reach the shell as data, Python-printed as Ansible does', async () => {
    const { results } = await run(`
- hosts: here
  gather_facts: false
  environment: { PLAY_V: play, OVER: play }
  tasks:
    - block:
        - name: show
          shell: 'echo "$PLAY_V|$OVER|$B|$T|$NUL|$BOOL|$NUM|$Q"'
          environment: { T: "{{ inventory_hostname }}", OVER: task, BOOL: true, NUM: 5, NUL: null, Q: "it's $HOME \`id\`" }
      environment: { B: block }
`);
    assert.equal(results('show')[0]!.result.stdout, "play|task|block|here|None|True|5|it's $HOME `id`");
  });

  it('environment from a template must be a mapping; a bad name is refused at load with its location', async () => {
    const { results } = await run('- hosts: here\n  gather_facts: false\n  vars: { e: [1] }\n  tasks:\n    - name: t\n      command: "true"\n      environment: "{{ e }}"\n');
    assert.match(String(results('t')[0]!.result.msg), /environment must be a mapping, got a list/);
    await assert.rejects(run('- hosts: here\n  tasks:\n    - command: "true"\n      environment: { "bad-name": 1 }\n'), /:4:\d+: .*environment/);
  });

  it('remote_user: task > play, below an inventory ansible_user, as in Ansible; one connection per user', async () => {
    const specs: Array<[string, ConnectionSpec]> = [];
    await run('- hosts: far:named\n  gather_facts: false\n  remote_user: playuser\n  tasks:\n    - command: "true"\n    - command: "true"\n      remote_user: "u-{{ inventory_hostname }}"\n', recording(specs));
    const users = specs.map(([n, s]) => `${n}:${s.type === 'ssh' ? s.user : 'local'}`).sort();
    assert.deepEqual(users, ['far:playuser', 'far:u-far', 'named:fromvar', 'named:fromvar']);
  });

  it('connection: local runs on the controller for that task only; ansible_connection still wins', async () => {
    const specs: Array<[string, ConnectionSpec]> = [];
    const { results } = await run('- hosts: far\n  gather_facts: false\n  tasks:\n    - name: l\n      command: hostname\n      connection: local\n    - name: r\n      command: hostname\n', recording(specs));
    assert.equal(results('l')[0]!.result.stdout, (await new LocalTransport().exec('hostname')).stdout.trim());
    assert.equal(results('r')[0]!.result.stdout, 'remote');
    assert.deepEqual(specs.map(([, s]) => s.type), ['local', 'ssh']);
    const kept: Array<[string, ConnectionSpec]> = [];
    await run('- hosts: here\n  gather_facts: false\n  connection: ssh\n  tasks:\n    - command: "true"\n', recording(kept));
    assert.deepEqual(kept.map(([, s]) => s.type), ['local']);
  });

  it('async with poll > 0: a task over its time fails the host, the command killed; in time it is ok', async () => {
    const started = Date.now();
    const { results, recap } = await run('- hosts: here\n  gather_facts: false\n  tasks:\n    - name: quick\n      command: "true"\n      async: 5\n      poll: 1\n    - name: slow\n      command: sleep 30\n      async: 1\n      poll: 1\n');
    assert.equal(results('quick')[0]!.status, 'changed');
    assert.equal(results('slow')[0]!.result.msg, 'async task did not complete within the requested time - 1s');
    assert.equal(recap.hosts.here!.failed, 1);
    assert.ok(Date.now() - started < 10_000, 'the slow command was not cut at its async time');
  });

  it('async with poll: 0 returns a job id at once; async_status follows it until it finishes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'ferry-asynchome-'));
    const oldHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const started = Date.now();
      const { results } = await run(`
- hosts: here
  gather_facts: false
  tasks:
    - name: start
      shell: sleep 1; echo done; echo oops >&2; exit 3
      async: 20
      poll: 0
      register: job
    - name: early
      async_status: { jid: "{{ job.ansible_job_id }}" }
      register: early
    - name: wait
      async_status: { jid: "{{ job.ansible_job_id }}" }
      register: r
      until: r.finished
      retries: 20
      delay: 0.3
      ignore_errors: true
    - name: unknown
      async_status: { jid: "1.2" }
      ignore_errors: true
`);
      const start = results('start')[0]!.result;
      assert.match(String(start.ansible_job_id), /^\d+\.\d+$/);
      assert.deepEqual([start.started, start.finished, start.changed], [1, 0, true]);
      assert.equal(results('early')[0]!.result.finished, 0);
      const done = results('wait')[0]!.result;
      assert.deepEqual([done.finished, done.rc, done.stdout, done.stderr, done.failed], [1, 3, 'done', 'oops', true]);
      assert.ok(Date.now() - started < 8000);
      assert.match(String(results('unknown')[0]!.result.msg), /could not find job 1\.2/);
    } finally {
      process.env.HOME = oldHome;
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('poll without async, and poll: 0 on a module that is not one command, are refused where written', async () => {
    await assert.rejects(run('- hosts: here\n  tasks:\n    - command: "true"\n      poll: 5\n'), /:4:7: task 'command': poll needs async/);
    await assert.rejects(run('- hosts: here\n  tasks:\n    - copy: { content: x, dest: /tmp/x }\n      async: 5\n      poll: 0\n'), /:5:7: task 'copy': poll: 0 runs a detached job, which ferry does for command and shell only, not copy/);
  });

  it('become_method su runs su (no password: a root login); with a become password it is refused, the password unprinted', async () => {
    const sent: string[] = [];
    const memory = await run('- hosts: far\n  gather_facts: false\n  become: true\n  become_method: su\n  tasks:\n    - name: t\n      command: id\n      become_user: postgres\n', {
      connect: async (name) => {
        const t = new MemoryTransport(name, { replies: [{ match: '', stdout: 'ok\n' }] });
        const exec = t.exec.bind(t);
        t.exec = (c, o) => (sent.push(`${o?.become?.method}:${o?.become?.user}`), exec(c, o));
        return t;
      },
    });
    assert.equal(memory.results('t')[0]!.status, 'changed');
    assert.deepEqual(sent, ['su:postgres']);
    const refused = await run('- hosts: here\n  gather_facts: false\n  become: true\n  become_method: su\n  tasks:\n    - name: t\n      command: id\n', { becomePassword: 'S3cret-su' });
    const msg = String(refused.results('t')[0]!.result.msg);
    assert.match(msg, /become_method su with a become password: su reads passwords only from a terminal/);
    assert.ok(!JSON.stringify(refused.events).includes('S3cret-su'));
  });
});
