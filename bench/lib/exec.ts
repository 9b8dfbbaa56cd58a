// Runs a benchmarked program to its end and times it; a failure names the program and its stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a timed run left: wall time, and (under GNU time) CPU of it and its children and peak RSS. */
export interface Timing {
  ms: number;
  cpuMs?: number;
  rssMb?: number;
}

/** How to run one program. */
export interface Program {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs a program without a shell; rejects on a non-zero exit with the tail of its output. */
export function exec(p: Program): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(p.cmd, p.args, { stdio: ['ignore', 'pipe', 'pipe'], env: p.env ?? process.env, cwd: p.cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out = (out + b).slice(-20_000)));
    child.stderr.on('data', (b: Buffer) => (err = (err + b).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`\`${p.cmd} ${p.args.slice(0, 4).join(' ')}\` exited ${code}: ${(err || out).slice(-800)}`))));
  });
}

/** Wall time of `work`, in milliseconds. */
export async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const started = process.hrtime.bigint();
  await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Runs a program under GNU time: wall time, user+system CPU of it and its children, peak RSS. */
export async function measured(p: Program): Promise<Timing> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-time-'));
  const file = join(dir, 'time');
  try {
    const t = await timed(() => exec({ ...p, cmd: '/usr/bin/time', args: ['-f', '%U %S %M', '-o', file, p.cmd, ...p.args] }));
    const [user, sys, rssKb] = readFileSync(file, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
    return { ms: t.ms, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median of a non-empty list. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
