// Generated hostile inputs through the CLI (validate, render, inventory, play --check), in-process
// (starting the bin per case is too slow on a loaded CI machine): every case must end within its
// time budget, print no stack trace, and locate its rejection.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../runner/cli/io.js';
import { staticActions } from '../../runner/cli/actions/static.js';
import { runCli } from '../../runner/cli/program.js';

async function ferry(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const c = { out: '', err: '' };
  const io: CliIo = { cwd, env: {}, interactive: false, stdout: { write: (t: string) => (c.out += t), isTTY: false }, stderr: { write: (t: string) => (c.err += t) } };
  const started = Date.now();
  const code = await runCli(args, io, staticActions);
  return { code, stdout: c.out, stderr: c.err, ms: Date.now() - started };
}

const dir = mkdtempSync(join(tmpdir(), 'ferry-fuzz-'));
const file = (name: string, text: string): string => (writeFileSync(join(dir, name), text), join(dir, name));
const PWNED = join(dir, 'pwned');

interface Case {
  name: string;
  args: string[];
  /** A rejection (exit code not 0) is expected; its message must hold `file:line:col`. */
  rejected?: boolean;
  located?: RegExp;
}

const INV = file('inv.yml', 'all:\n  hosts:\n    localhost:\n      ansible_connection: local\n');
const GOOD = readFileSync(join(import.meta.dirname, '..', '..', 'playbooks', 'provision-etcd.yml'), 'utf8');
const cases: Case[] = [];
const validate = (name: string, playbook: string, extra: Partial<Case> = {}): void => {
  cases.push({ name, args: ['validate', file(`${name.replace(/\W+/g, '-')}.yml`, playbook), '-i', INV], rejected: true, ...extra });
};

// Truncations of a real playbook at several points.
for (const at of [7, 40, 133, 400, 901, 1500]) validate(`truncated at ${at}`, GOOD.slice(0, at), { rejected: false });
// Wrong types where structure is expected.
for (const [key, value] of [['hosts', '5'], ['tasks', '"x"'], ['vars', '[1, 2]'], ['serial', '{a: 1}'], ['become', '"maybe"'], ['vars_files', '{a: 1}']]) {
  validate(`wrong type ${key}`, `- hosts: all\n  ${key}: ${value}\n${key === 'tasks' ? '' : '  tasks: []\n'}`);
}
// Hostile YAML.
const bomb = ['- hosts: all', '  vars:', '    a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((l, i) => `    ${l}: &${l} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`), '  tasks: []', ''].join('\n');
validate('alias bomb', bomb);
validate('self-referential alias', '- hosts: all\n  vars: &x\n    a: *x\n  tasks: []\n');
// The same alias where `play` reads YAML too: refused before anything runs, located.
const selfRef = { vars: '- hosts: all\n  vars: &x\n    a: *x\n  tasks: []\n', task: '- hosts: all\n  tasks:\n    - &t\n      debug: { msg: *t }\n' };
for (const [where, text] of Object.entries(selfRef)) cases.push({ name: `play: self-referential alias in ${where}`, args: ['play', file(`self-ref-${where}.yml`, text), '-i', INV, '--check'], rejected: true });
validate('self-referential alias in a vars file', `- hosts: all\n  vars_files: [${file('self-ref-vars.yml', 'a: &a\n  b: *a\n')}]\n  tasks: []\n`);
cases.push({ name: 'self-referential alias in the inventory', args: ['validate', file('ok2.yml', '- hosts: all\n  tasks: []\n'), '-i', file('self-ref-inv.yml', 'all:\n  hosts:\n    h: &h\n      z: *h\n')], rejected: true });
// hostvars holds itself (each host's vars hold hostvars): shown as one mapping per host, no crash.
cases.push({ name: 'debug var=hostvars, json hostvars', args: ['play', file('hostvars.yml', '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: var=hostvars\n    - debug: { msg: "{{json hostvars}} {{to_nice_json hostvars}} {{hostvars}}" }\n'), '-i', INV] });
validate('deep flow nesting', `- hosts: all\n  vars: { a: ${'['.repeat(10000)}${']'.repeat(10000)} }\n  tasks: []\n`);
validate('control characters', '- hosts: all\n  tasks:\n    - debug: { msg: "a\u0000b\u001b[31m" }\n', { rejected: false });
validate('duplicate keys', '- hosts: all\n  hosts: all\n  tasks: []\n');
// Device files and FIFOs wherever a file is read.
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
for (const dev of ['/dev/zero', '/dev/urandom', fifo]) {
  validate(`vars_files ${dev}`, `- hosts: all\n  vars_files: [${dev}]\n  tasks: []\n`);
  validate(`import_tasks ${dev}`, `- hosts: all\n  tasks:\n    - import_tasks: ${dev}\n`);
  cases.push({ name: `inventory ${dev}`, args: ['inventory', '-i', dev, '--list'], rejected: true });
  cases.push({ name: `-e @${dev}`, args: ['validate', file('ok.yml', '- hosts: all\n  tasks: []\n'), '-i', INV, '-e', `@${dev}`], rejected: true });
  cases.push({ name: `render ${dev}`, args: ['render', dev, '-i', INV, '--host', 'localhost'], rejected: true, located: /cannot read template \S+: the template is a/ });
}
// Deep nesting and huge collections in templates.
const render = (name: string, template: string, located?: RegExp): void => {
  cases.push({ name, args: ['render', file(`${name.replace(/\W+/g, '-')}.hbs`, template), '-i', INV, '--host', 'localhost'], rejected: true, ...(located ? { located } : {}) });
};
render('10,000-deep blocks', `${'{{#if a}}'.repeat(10000)}${'{{/if}}'.repeat(10000)}`);
render('10,000-deep sub-expressions', `{{len ${'(concat '.repeat(10000)}1${')'.repeat(10000)}}}`);
render('range of a billion', '{{len (range 0 1000000000)}}', /range: 1000000000 items is over the limit/);
render('5 MB template', 'x'.repeat(5 * 1024 * 1024), /the template is \d+ bytes, over the limit/);
// Host patterns.
validate('backtracking glob', '- hosts: "*a*a*a*a*a*a*a*a*a*a*a*ab"\n  tasks: []\n');
validate('unclosed [ in a pattern', '- hosts: "web[1"\n  tasks: []\n');
// An import diamond 25 levels deep (2^25 expansions without a limit).
for (let i = 0; i < 25; i++) file(`d${i}.yml`, `- import_tasks: d${i + 1}.yml\n- import_tasks: d${i + 1}.yml\n`);
file('d25.yml', '- debug: { msg: leaf }\n');
validate('import diamond', '- hosts: all\n  tasks:\n    - import_tasks: d0.yml\n');
// Injection payloads in values: rendered, never run (play --check on localhost).
for (const payload of ['$(touch PWNED)', '`touch PWNED`', '; touch PWNED', '\ntouch PWNED', '--reference=/etc/passwd']) {
  const p = payload.replace('PWNED', PWNED);
  cases.push({
    name: `payload ${JSON.stringify(payload)}`,
    args: ['play', file('inject.yml', `- hosts: localhost\n  gather_facts: false\n  vars:\n    v: ${JSON.stringify(p)}\n  tasks:\n    - debug: { msg: "{{v}}" }\n    - file: { path: "${dir}/f-{{v}}", state: touch }\n`), '-i', INV, '--check'],
  });
}

const STACK = /^\s+at .+:\d+:\d+\)?$|unexpected error|RangeError|Maximum call stack|heap out of memory/m;

describe('fuzz: hostile input through the CLI', function () {
  this.timeout(110_000);
  after(() => rmSync(dir, { recursive: true, force: true }));
  it(`${cases.length} generated cases: no stack trace, no hang, no out-of-memory, every rejection located`, async () => {
    const problems: string[] = [];
    const queue = [...cases];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const r = await ferry(c.args, dir);
        if (r.ms > 15_000) problems.push(`${c.name}: took ${r.ms} ms`);
        const out = r.stdout + r.stderr;
        if (STACK.test(out)) problems.push(`${c.name}: stack trace or crash:\n${out.slice(0, 400)}`);
        if (r.code > 2) problems.push(`${c.name}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
        if (c.rejected && r.code === 0) problems.push(`${c.name}: accepted`);
        if (r.code !== 0 && !(c.located ?? /\S+:\d+:\d+: /).test(r.stderr)) problems.push(`${c.name}: rejection not located: ${r.stderr.slice(0, 300)}`);
      }
    };
    await worker();
    assert.ok(!existsSync(PWNED), 'an injection payload ran');
    assert.deepEqual(problems, []);
  });
});
