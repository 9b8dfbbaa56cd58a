// environment, remote_user, connection, become_method su and async/poll on real hosts, run by
// ansible-playbook and by ferry on the same playbook and inventory: each task's outcome compared.
// Its own script (npm run test:keywords-ansible): two full playbook runs, minutes on a loaded machine.
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { stringify } from 'yaml';
import { ansiblePlaybook } from '../helpers/ansible.js';
import { describeRun, ferryCli, hostResults } from '../helpers/ferry-cli.js';
import { useLab } from '../helpers/lab.js';
import { workspace, type Workspace } from '../helpers/lab-workspace.js';

const PLAYBOOK = `
- hosts: targets
  gather_facts: false
  environment: { PLAY_V: play, OVER: play }
  remote_user: ops
  tasks:
    - name: env
      shell: 'echo "$PLAY_V|$OVER|$T|$BOOL|$NUM|$NUL"'
      environment: { T: "{{ inventory_hostname }}", OVER: task, BOOL: true, NUM: 5, NUL: null }
    - name: env in a block
      block:
        - name: env inner
          shell: 'echo "$PLAY_V|$OVER|$B"'
      environment: { B: block, OVER: block }
    - name: user
      command: id -un
    - name: user task
      command: id -un
      remote_user: root
    - name: local
      command: cat /etc/hostname
      connection: local
    - name: su
      command: id -un
      remote_user: root
      become: true
      become_method: su
      become_user: ops
    - name: async in time
      command: echo in-time
      async: 30
      poll: 1
    - name: fire
      shell: sleep 1; echo fired
      async: 30
      poll: 0
      register: job
    - name: wait for it
      async_status: { jid: "{{ job.ansible_job_id }}" }
      register: job_result
      until: job_result.finished
      retries: 30
      delay: 1
    - name: too slow
      command: sleep 30
      async: 2
      poll: 1
      ignore_errors: true
`;

type Outcome = { stdout?: string; failed: boolean; msg?: string; finished?: number };

describe('task keywords on real hosts, against ansible-playbook', function () {
  this.timeout(300_000);
  const lab = useLab({ hosts: 6 });
  let ws: Workspace;
  let ferry: Map<string, Map<string, Outcome>>;
  let ansible: Map<string, Map<string, Outcome>>;
  let hosts: string[];

  before(async function () {
    this.timeout(900_000);
    ws = workspace('it-task-keywords');
    hosts = [lab.hosts[0]!.name, lab.hosts[1]!.name];
    const common = `-o UserKnownHostsFile=${lab.knownHosts} -o StrictHostKeyChecking=yes`;
    const entries = Object.fromEntries(hosts.map((n, i) => [n, {
      ansible_host: lab.hosts[i]!.ip, ansible_ssh_private_key_file: lab.privateKey, ansible_ssh_common_args: common,
      ...(i === 1 ? { ansible_user: 'root' } : {}),
    }]));
    const inv = ws.write('inv.yaml', stringify({ all: { children: { targets: { hosts: entries } } } }));
    const book = ws.write('keywords.yml', PLAYBOOK);
    ansible = spawnJson(['-i', inv, book]);
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir });
    assert.equal(r.code, 0, describeRun(r));
    ferry = new Map(['env', 'env inner', 'user', 'user task', 'local', 'su', 'async in time', 'fire', 'wait for it', 'too slow'].map((t) => [t,
      new Map([...hostResults(r, t)].map(([h, rs]) => { const x = rs[rs.length - 1]!.result; return [h, { stdout: x.stdout as string | undefined, failed: x.failed === true, msg: x.msg as string | undefined, finished: x.finished as number | undefined }]; }))]));

    function spawnJson(args: string[]): Map<string, Map<string, Outcome>> {
      process.env.ANSIBLE_STDOUT_CALLBACK = 'json';
      process.env.ANSIBLE_PYTHON_INTERPRETER = 'auto_silent';
      try {
        const out = ansiblePlaybook(args, ws.dir);
        assert.equal(out.code, 0, out.stdout + out.stderr);
        const json = JSON.parse(out.stdout.slice(out.stdout.indexOf('{'))) as { plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, Record<string, unknown>> }> }> };
        return new Map(json.plays[0]!.tasks.map((t) => [t.task.name, new Map(Object.entries(t.hosts).map(([h, x]) => [h, { stdout: x.stdout as string | undefined, failed: x.failed === true, msg: x.msg as string | undefined, finished: x.finished as number | undefined }]))]));
      } finally {
        delete process.env.ANSIBLE_STDOUT_CALLBACK;
        delete process.env.ANSIBLE_PYTHON_INTERPRETER;
      }
    }
  });
  after(() => ws?.remove());

  const same = (task: string, pick: (o: Outcome) => unknown, expected: (host: string) => unknown) => {
    for (const h of hosts) {
      const a = ansible.get(task)?.get(h);
      const f = ferry.get(task)?.get(h);
      assert.ok(a && f, `${task} on ${h}: ansible ${JSON.stringify(a)}, ferry ${JSON.stringify(f)}`);
      assert.deepEqual(pick(f), pick(a), `${task} on ${h}: ferry differs from ansible-playbook`);
      assert.deepEqual(pick(f), expected(h), `${task} on ${h}`);
    }
  };

  it('environment: play < block < task merged; true/null printed as Python prints them', () => {
    same('env', (o) => o.stdout, (h) => `play|task|${h}|True|5|None`);
    same('env inner', (o) => o.stdout, () => 'play|block|block');
  });

  it('remote_user: play and task keywords pick the login user; an inventory ansible_user wins over both', () => {
    same('user', (o) => o.stdout, (h) => (h === hosts[1] ? 'root' : 'ops'));
    same('user task', (o) => o.stdout, () => 'root');
  });

  it('connection: local runs the task on the controller', () => {
    same('local', (o) => o.stdout, () => hostname());
  });

  it('become_method su from a root login', () => {
    same('su', (o) => [o.stdout, o.failed], () => ['ops', false]);
  });

  it('async: poll > 0 waits, and fails the host when the time runs out; poll 0 + async_status follows the job', () => {
    same('async in time', (o) => [o.stdout, o.failed], () => ['in-time', false]);
    same('wait for it', (o) => [o.stdout, o.finished, o.failed], () => ['fired', 1, false]);
    same('too slow', (o) => [o.failed, o.msg], () => [true, 'async task did not complete within the requested time - 2s']);
  });
});
