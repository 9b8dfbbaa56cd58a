// Runs `node bin/ferry.js play ...` as a child process, for tests and benchmarks that need the real CLI.
//
//   import { ferryPlay, startFerryPlay, taskStarted, recap, changedTotal } from '../helpers/ferry-run.js';
//   const r = await ferryPlay('playbooks/migrate-etcd.yml', {
//     inventory: inv, knownHosts: lab.knownHosts,     // --known-hosts
//     extraVars: { etcd_learners: false },            // one -e with a JSON mapping
//     check: true,                                    // --check
//     args: ['--limit', 'etcd_new'], env: { ... },    // more CLI args / env (merged over process.env)
//     killWhen: taskStarted(/Promote/, 'host4'),      // SIGKILL the run when a streamed event matches
//     onEvent: (e) => ..., echo: true,                // see each event; echo stdout/stderr live
//     timeoutMs: 300_000,                             // SIGKILL after this; result.timedOut
//     root: frozen,                                   // run bin/ferry.js of another tree (test/chaos/frozen-code.ts)
//   });
//   r.code, r.signal, r.killed, r.timedOut, r.stdout, r.stderr, r.events, r.durationMs
//   recap(r)?.hosts.host4.changed; changedTotal(r); failedResults(r)
//
// With `json` (default true) the run gets `--json -v`, so every engine event (play_start, task_start,
// host_start, host_result, progress, play_end, recap ...) is one parsed line in `events`, each with
// `at` (ms since the child started) added. `startFerryPlay` returns `{ result, kill, child, events }` for
// runs the test drives itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FerryEvent, HostCounts } from '../../runner/report/events.js';

/** Repository root (bin/ferry.js lives under it). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A parsed JSON line, with its arrival time. */
export type TimedEvent = FerryEvent & { at: number };

/** Options of one `ferry play` run. */
export interface FerryRunOptions {
  inventory: string;
  knownHosts?: string;
  check?: boolean;
  /** Passed as one `-e` JSON mapping (or as given, when an array of -e values). */
  extraVars?: Record<string, unknown> | string[];
  args?: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Where bin/ferry.js and dist/ are (default the repository): a frozen copy keeps a long run on one build. */
  root?: string;
  /** --json -v and parse events (default true); false gives the plain renderer's text. */
  json?: boolean;
  /** SIGKILL the child when this returns true for a streamed event. */
  killWhen?: (event: TimedEvent, events: TimedEvent[]) => boolean;
  onEvent?: (event: TimedEvent) => void;
  /** Copy the child's stdout/stderr to this process's as they come. */
  echo?: boolean;
  timeoutMs?: number;
}

/** What a run produced. */
export interface FerryRunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  killed: boolean;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  events: TimedEvent[];
  durationMs: number;
}

/** A started run: await `result`; `kill()` sends SIGKILL; `events` fills as they stream. */
export interface FerryRun {
  child: ChildProcess;
  events: TimedEvent[];
  result: Promise<FerryRunResult>;
  kill(): void;
}

/** The argv after `node`, for a play. */
export function playArgs(playbook: string, o: FerryRunOptions): string[] {
  const args = [join(o.root ?? REPO_ROOT, 'bin', 'ferry.js'), 'play', playbook, '-i', o.inventory];
  if (o.knownHosts) args.push('--known-hosts', o.knownHosts);
  if (o.check) args.push('--check');
  if (o.json ?? true) args.push('--json', '-v');
  if (Array.isArray(o.extraVars)) for (const e of o.extraVars) args.push('-e', e);
  else if (o.extraVars) args.push('-e', JSON.stringify(o.extraVars));
  return [...args, ...(o.args ?? [])];
}

/** Starts `ferry play` and streams its events. */
export function startFerryPlay(playbook: string, o: FerryRunOptions): FerryRun {
  const started = Date.now();
  const child = spawn(process.execPath, playArgs(playbook, o), {
    cwd: o.cwd ?? o.root ?? REPO_ROOT,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: TimedEvent[] = [];
  let stdout = '';
  let stderr = '';
  let pending = '';
  let killed = false;
  let timedOut = false;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  const onLine = (line: string): void => {
    if (!(o.json ?? true) || !line.startsWith('{')) return;
    let ev: TimedEvent;
    try {
      ev = { ...(JSON.parse(line) as FerryEvent), at: Date.now() - started };
    } catch {
      return;
    }
    events.push(ev);
    o.onEvent?.(ev);
    if (o.killWhen?.(ev, events)) kill();
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (o.echo ?? process.env.FERRY_TEST_ECHO === '1') process.stdout.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) onLine(l);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (o.echo ?? process.env.FERRY_TEST_ECHO === '1') process.stderr.write(chunk);
  });
  const timer = o.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        kill();
      }, o.timeoutMs)
    : null;
  const result = new Promise<FerryRunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (pending) onLine(pending);
      resolve({ code, signal, killed, timedOut, stdout, stderr, events, durationMs: Date.now() - started });
    });
  });
  return { child, events, result, kill };
}

/** Runs `ferry play` to the end (or until killWhen/timeout) and returns what it produced. */
export function ferryPlay(playbook: string, o: FerryRunOptions): Promise<FerryRunResult> {
  return startFerryPlay(playbook, o).result;
}

/** Predicate for killWhen: a task whose name matches started on `host` (host_start event). */
export function taskStarted(task: string | RegExp, host?: string): (e: TimedEvent) => boolean {
  return (e) => e.kind === 'host_start' && matches(e.task, task) && (!host || e.host === host);
}

/** Predicate for killWhen: a task whose name matches finished on `host` with an optional status. */
export function taskFinished(task: string | RegExp, host?: string, status?: string): (e: TimedEvent) => boolean {
  return (e) => e.kind === 'host_result' && matches(e.task, task) && (!host || e.host === host) && (!status || e.status === status);
}

/** The run's recap event, if it got that far. */
export function recap(r: FerryRunResult): { hosts: Record<string, HostCounts>; ok: boolean; durationMs: number } | undefined {
  const e = r.events.find((x) => x.kind === 'recap');
  return e?.kind === 'recap' ? e : undefined;
}

/** Sum of `changed` over every host in the recap (NaN when there is no recap). */
export function changedTotal(r: FerryRunResult): number {
  const rc = recap(r);
  return rc ? Object.values(rc.hosts).reduce((n, h) => n + h.changed, 0) : NaN;
}

/** host_result events, optionally of one status. */
export function hostResults(r: FerryRunResult, status?: string): Extract<TimedEvent, { kind: 'host_result' }>[] {
  return r.events.filter((e): e is Extract<TimedEvent, { kind: 'host_result' }> => e.kind === 'host_result' && (!status || e.status === status));
}

/** Failed results as "host task: msg" lines, for assertion messages. */
export function failedResults(r: FerryRunResult): string {
  return hostResults(r, 'failed').map((e) => `${e.host} ${e.task}: ${String(e.result.msg ?? '')}`).join('\n') || r.stderr.slice(-2000);
}

/** What the user sees of a failed run: each failed result's message and stderr, then ferry's stderr. */
export function failureText(r: FerryRunResult): string {
  return `${hostResults(r, 'failed').map((e) => `${e.host}: ${String(e.result.msg ?? '')} ${String(e.result.stderr ?? '')}`).join('\n')}\n${r.stderr}`;
}

/** Wall time of each play (play_start → play_end), in order, from the events. */
export function playTimes(r: FerryRunResult): { play: string; ms: number }[] {
  const out: { play: string; ms: number }[] = [];
  let start: TimedEvent | undefined;
  for (const e of r.events) {
    if (e.kind === 'play_start') start = e;
    if (e.kind === 'play_end' && start?.kind === 'play_start') out.push({ play: e.play, ms: e.at - start.at });
  }
  return out;
}

function matches(s: string, p: string | RegExp): boolean {
  return typeof p === 'string' ? s === p : p.test(s);
}
