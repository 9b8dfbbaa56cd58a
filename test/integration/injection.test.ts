// Injection, on a real host: every string argument of every registered module (found from the
// modules' own schemas, so a new module is covered too, and refused here until it has base
// arguments) is given each hostile payload through a variable, and no payload may run: the marker
// files the payloads would create must be absent, on the host and on the control machine. The
// arguments that ARE the command (command's cmd/argv, shell's cmd and executable) are left out:
// running them is those modules' job. One `ferry play` of every case (one SSH connection), with
// etcd calls bounded to 0.3 s against an endpoint nothing listens on: under a minute.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { stringify } from 'yaml';
import { writtenArgsErrors } from '../../runner/modules/args.js';
import { modules } from '../../runner/modules/registry.js';
import type { Module } from '../../runner/modules/types.js';
import { describeRun, ferryCli } from '../helpers/ferry-cli.js';
import { sshRun, useLab, type LabHost } from '../helpers/lab.js';
import { labInventory, workspace, type Workspace } from '../helpers/lab-workspace.js';

/** Arguments that are a command by design. */
const COMMAND_ARGS: Record<string, string[]> = { command: ['cmd', 'argv'], shell: ['cmd', 'executable'], raw: ['cmd', 'executable'], script: ['cmd', 'executable'], reboot: ['reboot_command', 'boot_time_command', 'test_command'] };

/** The smallest valid arguments per module, so the payload argument is the one under test. */
function baseArgs(dir: string): Record<string, Record<string, unknown>> {
  // Nothing listens on port 1: each etcd call fails at once, and 0.3 s bounds one that would wait.
  const etcd = { endpoints: ['http://127.0.0.1:1'], call_timeout: 0.3 };
  const k8s = { kubeconfig: `${dir}/no-kubeconfig` };
  return {
    command: { cmd: 'true' },
    shell: { cmd: 'true' },
    copy: { content: 'x', dest: `${dir}/copy-dest` },
    template: { src: 't.hbs', dest: `${dir}/template-dest` },
    file: { path: `${dir}/file-path` },
    systemd: { name: 'ferry-no-such-unit' },
    lineinfile: { path: `${dir}/lineinfile`, line: 'x', create: true },
    blockinfile: { path: `${dir}/blockinfile`, block: 'x', create: true },
    replace: { path: `${dir}/owned`, regexp: 'x' },
    service: { name: 'ferry-no-such-unit', state: 'stopped' },
    slurp: { src: `${dir}/owned` },
    fetch: { src: `${dir}/owned`, dest: `${dir}/fetched` },
    raw: { cmd: 'true' },
    script: { cmd: 'script.sh' },
    user: { name: 'ferry-inj-user', state: 'absent' },
    group: { name: 'ferry-inj-group', state: 'absent' },
    wait_for: { path: `${dir}/wait-path`, timeout: 0 },
    assert: { that: 'true' },
    fail: {},
    debug: {},
    set_fact: { injection_fact: 1 },
    async_status: { jid: '1' },
    pause: { seconds: 0 },
    setup: {},
    ping: {},
    stat: { path: `${dir}/stat-path` },
    etcd_member: etcd,
    etcd_status: etcd,
    etcd_snapshot: { ...etcd, dest: `${dir}/snap.db` },
    etcd_leader: { ...etcd, target: 'http://127.0.0.1:2' },
    etcd_topology: {},
    etcd_lock: etcd,
    etcd_version: { binary: 'etcd Version: 3.4.23', cluster: '3.4.0' },
    k8s: { ...k8s, kind: 'ConfigMap', name: 'x', namespace: 'default', state: 'get' },
    storageos_cluster: { ...k8s, name: 'x', namespace: 'default', state: 'checked' },
    // Nothing listens on port 1 here either: the request fails at once.
    get_url: { url: 'http://127.0.0.1:1/x', dest: `${dir}/get_url-dest`, timeout: 1 },
    uri: { url: 'http://127.0.0.1:1/x', timeout: 1 },
    wait_for_connection: {},
    // reboot_command true: nothing reboots; msg's quoting is tested in test/modules/reboot.test.ts.
    reboot: { reboot_command: 'true', reboot_timeout: 1, connect_timeout: 1 },
    apt: { name: 'coreutils' },
    package: { name: 'coreutils' },
    unarchive: { src: `${dir}/owned.tar`, remote_src: true, dest: `${dir}/unarchive-dest` },
  };
}

/**
 * Payloads that would create `marker` if any part of them reached a shell or an option parser. Those
 * without quotes or newlines share one value (in any naive quoting one of them would run); a
 * newline, a quote that closes a quoting, and a leading dash each need their own.
 */
function payloads(marker: (n: number) => string, markerDir: string): string[] {
  return [
    `$(touch ${marker(1)})\`touch ${marker(2)}\`; touch ${marker(3)} && touch ${marker(4)} || touch ${marker(4)} | touch ${marker(5)}`,
    `x\ntouch ${marker(6)}`,
    `x' ; touch ${marker(7)} ; '`,
    `x" ; touch ${marker(8)} ; "`,
    // Leading dashes: any of ln/cp/mv/install reading this as an option would create a file in markerDir.
    `--target-directory=${markerDir}`,
    '--reference=/etc/passwd',
  ];
}

/** The string arguments of a module, from its schema (strings, or lists of strings: `list`). */
function stringArgs(module: Module): Array<{ name: string; list: boolean }> {
  const props = (module.argsSchema.properties ?? {}) as Record<string, { type?: unknown; items?: { type?: unknown }; anyOf?: Array<{ type?: unknown }> }>;
  const isString = (t: unknown) => t === 'string' || (Array.isArray(t) && t.includes('string'));
  return Object.entries(props)
    .filter(([name]) => !COMMAND_ARGS[module.name]?.includes(name))
    .filter(([, s]) => isString(s.type) || isString(s.items?.type) || (s.anyOf ?? []).some((b) => isString(b.type)))
    .map(([name, s]) => ({ name, list: s.type === 'array' }));
}

/** The base keys an argument replaces: the other choices of a oneOf of required sets that names it. */
function replacedBy(module: Module, arg: string): string[] {
  const choices = ((module.argsSchema as { oneOf?: Array<{ required?: string[] }> }).oneOf ?? []);
  if (!choices.some((c) => c.required?.includes(arg))) return [];
  return choices.flatMap((c) => c.required ?? []).filter((k) => k !== arg);
}

/** Where base arguments are missing or refused by their module's schema (each a line of the failure). */
function baseArgsProblems(bases: Record<string, Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const module of modules.values()) {
    const base = bases[module.name];
    if (!base) {
      problems.push(`${module.name}: no base arguments (add its smallest valid arguments to baseArgs() in test/integration/injection.test.ts, {} when it needs none)`);
      continue;
    }
    const errors = writtenArgsErrors(module, base);
    if (errors.length > 0) problems.push(`${module.name}: its base arguments are refused: ${errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  }
  return problems;
}

/** Every case: each string argument of each module, with each payload, as one task for one of `hosts` (in turn). */
function injectionTasks(work: string, markerDir: string, hosts: string[]): { tasks: unknown[]; args: number } {
  const bases = baseArgs(work);
  const tasks: unknown[] = [];
  let id = 0;
  const on = (): string => `eq inventory_hostname "${hosts[tasks.length % hosts.length]}"`;
  for (const module of modules.values()) {
    for (const arg of stringArgs(module)) {
      const n = ++id;
      const value = arg.list ? ['{{ payload }}'] : '{{ payload }}';
      // copy takes content or src, lineinfile path or dest...: the payload in one replaces the other.
      const replaced = replacedBy(module, arg.name);
      const base = Object.fromEntries(Object.entries(bases[module.name] ?? {}).filter(([k]) => !replaced.includes(k)));
      for (const [i, p] of payloads((k) => `${markerDir}/${n}-${k}`, markerDir).entries()) {
        tasks.push({ name: `${module.name} ${arg.name} #${i + 1}`, [module.name]: { ...base, [arg.name]: value }, vars: { payload: p }, when: on(), ignore_errors: true });
      }
    }
  }
  tasks.push({ name: 'owner as an option', file: { path: `${work}/owned`, owner: '{{ payload }}' }, vars: { payload: '--reference=/etc/passwd' }, ignore_errors: true });
  return { tasks, args: id };
}

describe('injection test: every registered module is covered', () => {
  it('has base arguments, valid for its schema, for every module in the registry', () => {
    assert.deepEqual(baseArgsProblems(baseArgs('/tmp/x')), []);
  });
});

describe('injection: hostile values in every string argument of every module', function () {
  this.timeout(240_000);
  const lab = useLab({ hosts: 3 });
  let ws: Workspace;
  let hosts: LabHost[];
  let markerDir: string;
  let work: string;

  before(() => {
    ws = workspace('it-injection');
    hosts = lab.hosts.slice(0, 3);
    markerDir = `/tmp/ferry-inj-${ws.tag}`;
    work = `/tmp/ferry-inj-work-${ws.tag}`;
  });
  after(async () => {
    if (hosts) await Promise.all(hosts.map((h) => sshRun(h, `rm -rf ${markerDir} ${work}`)));
    rmSync(markerDir, { recursive: true, force: true });
    // fetch writes to the control machine, under the same work path.
    if (ws) rmSync(`/tmp/ferry-inj-work-${ws.tag}`, { recursive: true, force: true });
    ws?.remove();
  });

  it('runs none of the payloads, and an owner of "--reference=/etc/passwd" is refused as a user name', async () => {
    await Promise.all(hosts.map((h) => sshRun(h, `mkdir -p ${markerDir} ${work} && touch ${work}/owned && chown ops:ops ${work}/owned && mkdir -p ${work}/unarchive-dest && tar -cf ${work}/owned.tar -C ${work} owned`)));
    mkdirSync(markerDir, { recursive: true });
    // The cases are shared out over three hosts, each going at its own pace (strategy free).
    const { tasks, args } = injectionTasks(work, markerDir, hosts.map((h) => h.name));
    assert.ok(args > 30, `found only ${args} string arguments`);
    ws.write('templates/t.hbs', 'plain\n');
    ws.write('files/script.sh', '#!/bin/sh\ntrue\n');
    const inv = ws.write('inventory.yaml', labInventory(lab, hosts.map((h) => h.name)));
    const book = ws.write('site.yaml', stringify([{ hosts: 'targets', gather_facts: false, strategy: 'free', tasks }], { aliasDuplicateObjects: false }));
    const r = await ferryCli(['play', book, '-i', inv, '--json'], { cwd: ws.dir, timeoutMs: 200_000 });
    assert.ok(r.code === 0 || r.code === 2, describeRun(r));
    assert.doesNotMatch(r.stderr, /still open/, 'the run left a handle open (it would have hung without the exit guard)');
    const ran = r.events.filter((e) => e.kind === 'host_result' && e.status !== 'skipped');
    assert.equal(ran.length, tasks.length - 1 + hosts.length, 'every case ran to a result on its host');
    for (const h of hosts) {
      const onHost = await sshRun(h, `ls -A ${markerDir}; stat -c '%U:%G' ${work}/owned`);
      assert.equal(onHost.stdout, 'ops:ops\n', `payloads ran on ${h.name} (marker files listed): ${onHost.stdout}`);
    }
    assert.deepEqual(existsSync(markerDir) ? readdirSync(markerDir) : [], [], 'payloads ran on the control machine');
    console.log(`      ${tasks.length} cases (${args} string arguments × ${payloads(String, '').length} payloads) on ${hosts.length} hosts in ${(r.durationMs / 1000).toFixed(1)} s`);
  });
});
