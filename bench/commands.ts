// Benchmark, not a test: 20 tasks of `command: true` on every lab host, three ways:
//   ferry in-process (runPlaybook), the `ferry` bin (wall time including start-up), and a plain
//   OpenSSH ControlMaster loop (20 sequential `ssh host true` per host, hosts in parallel).
// Needs a running lab (`npm run lab -- up --hosts 6`) and a build (`npm run build`).
//   npx tsx bench/commands.ts [--runs 5] [--tasks 20]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDir } from '../lab/config.js';
import { sshArgs } from '../lab/ssh.js';
import { loadState } from '../lab/state-file.js';
import { runPlaybook } from '../runner/execute/engine.js';
import { loadInventory } from '../runner/load/inventory.js';
import { loadPlaybook } from '../runner/load/playbook.js';

const ROOT = join(import.meta.dirname, '..');

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Runs a program to its end; rejects on a non-zero exit, with its stderr. */
function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b));
    child.stderr.on('data', (b: Buffer) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err.slice(-500)}`))));
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const runs = flag('runs', 5);
  const tasks = flag('tasks', 20);
  const state = loadState(labDir());
  if (!state?.inventory || state.hosts.length === 0) throw new Error(`no running lab in ${labDir()}: npm run lab -- up --hosts 6`);
  const hosts = state.hosts;
  const work = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  const book = join(work, 'commands.yaml');
  const list = Array.from({ length: tasks }, (_, i) => `    - name: true ${i + 1}\n      command: "true"\n`).join('');
  writeFileSync(book, `- hosts: lab\n  gather_facts: false\n  tasks:\n${list}`);
  const inventoryFile = state.inventory;

  const inProcess = async (): Promise<void> => {
    const inventory = loadInventory(inventoryFile);
    const playbook = loadPlaybook(book, { inventory, extraVars: {} });
    const recap = await runPlaybook(playbook, inventory, {}, () => {});
    if (!recap.ok) throw new Error(`ferry run failed: ${JSON.stringify(recap.hosts)}`);
  };
  const viaBin = (): Promise<string> => exec(process.execPath, [join(ROOT, 'bin', 'ferry.js'), 'play', book, '-i', inventoryFile]);
  let round = 0;
  const openssh = async (): Promise<void> => {
    round++;
    await Promise.all(hosts.map(async (h) => {
      const control = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${join(work, `cm-${h.name}-${round}`)}`, '-o', 'ControlPersist=60'];
      const args = [...sshArgs({ ip: h.ip, privateKey: state.privateKey!, knownHosts: state.knownHosts! }), ...control, h.ip, 'true'];
      for (let i = 0; i < tasks; i++) await exec('ssh', args);
    }));
  };
  const closeMasters = async (): Promise<void> => {
    // Each round's masters, by their control sockets (ControlPersist keeps them for 60 s otherwise).
    for (let r = 1; r <= round; r++) {
      await Promise.all(hosts.map((h) => exec('ssh', ['-o', `ControlPath=${join(work, `cm-${h.name}-${r}`)}`, '-O', 'exit', h.ip]).catch(() => {})));
    }
  };

  const methods: Array<[string, () => Promise<unknown>]> = [
    ['ferry, in-process runPlaybook', inProcess],
    ['ferry bin (node bin/ferry.js play)', viaBin],
    ['OpenSSH ControlMaster loop', openssh],
  ];
  const rows: Array<{ name: string; times: number[] }> = [];
  try {
    await inProcess(); // warm-up: module loading, the first connect's key parsing
    for (const [name, fn] of methods) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await timed(fn));
      rows.push({ name, times });
    }
  } finally {
    await closeMasters();
    rmSync(work, { recursive: true, force: true });
  }

  const commands = tasks * hosts.length;
  console.log(`\n${tasks} tasks of \`command: true\` on ${hosts.length} lab hosts (${commands} commands), ${runs} runs each; wall time\n`);
  const header = ['method', 'median', 'min', 'max', 'per task'];
  const lines = rows.map((r) => [r.name, ms(median(r.times)), ms(Math.min(...r.times)), ms(Math.max(...r.times)), ms(median(r.times) / tasks)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
  console.log('\nper task: median wall / tasks (each task is one command on every host, hosts in parallel)');
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`;
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
