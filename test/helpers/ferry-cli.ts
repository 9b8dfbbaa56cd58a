// Runs the built `ferry` bin the way a user does, and reads back what they would see.
//
//   const r = await ferryCli(['play', 'site.yaml', '-i', inv, '--json'], { cwd: dir, env: { PW: 'x' } });
//   r.code, r.stdout, r.stderr;                 // exit code and both streams, whole
//   r.events;                                   // the --json lines, parsed (non-JSON lines skipped)
//   hostResults(r, 'install unit');             // host → its host_result events of that task
//   recapOf(r).host1.changed;                   // the recap event's counts
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FerryEvent, HostCounts } from '../../runner/report/events.js';

/** The project root (this file lives in test/helpers/). */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The installed bin; it runs dist/, so `npm run build` must have run. */
export const FERRY_BIN = join(ROOT, 'bin', 'ferry.js');

/** What one `ferry` invocation gave back. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every stdout line that parsed as a JSON event (with --json). */
  events: FerryEvent[];
  durationMs: number;
}

type HostResult = Extract<FerryEvent, { kind: 'host_result' }>;

/** Runs `node bin/ferry.js ...args`; never rejects for a non-zero exit (only for a hang past timeoutMs). */
export function ferryCli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliRun> {
  if (!existsSync(join(ROOT, 'dist', 'runner', 'cli', 'main.js'))) throw new Error('ferry is not built: run `npm run build` first');
  const started = Date.now();
  const child = spawn(process.execPath, [FERRY_BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ferry ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms\n${Buffer.concat(out)}${Buffer.concat(err)}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      resolve({ code, stdout, stderr: Buffer.concat(err).toString('utf8'), events: parseEvents(stdout), durationMs: Date.now() - started });
    });
  });
}

/** The JSON-line events in `stdout`; other lines are ignored. */
export function parseEvents(stdout: string): FerryEvent[] {
  const events: FerryEvent[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const e = JSON.parse(line) as FerryEvent;
      if (e && typeof e.kind === 'string') events.push(e);
    } catch {
      // a plain line that happens to start with `{`
    }
  }
  return events;
}

/** host → the host_result events of `task` (every task when omitted), in order. */
export function hostResults(run: Pick<CliRun, 'events'>, task?: string): Map<string, HostResult[]> {
  const byHost = new Map<string, HostResult[]>();
  for (const e of run.events) {
    if (e.kind !== 'host_result' || (task !== undefined && e.task !== task)) continue;
    byHost.set(e.host, [...(byHost.get(e.host) ?? []), e]);
  }
  return byHost;
}

/** The recap's per-host counts; throws (with the output) when the run printed no recap. */
export function recapOf(run: CliRun): Record<string, HostCounts> {
  const recap = run.events.find((e) => e.kind === 'recap');
  if (!recap || recap.kind !== 'recap') throw new Error(`no recap event (exit ${run.code})\n${run.stdout}\n${run.stderr}`);
  return recap.hosts;
}

/** A one-line summary of a run for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}
