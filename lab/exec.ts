// Runs local commands for the lab, capturing output; failures become one clear message.
import { spawn } from 'node:child_process';
import { FerryError, tail } from '../runner/errors.js';

/** What a finished command left. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` without a shell; never throws for a non-zero exit. */
export function run(cmd: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: options.timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => resolvePromise({ code: 127, stdout, stderr: stderr + e.message }));
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Runs a command and throws a FerryError naming it, its exit code and its stderr's tail when it fails. */
export async function must(cmd: string, args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await run(cmd, args, options);
  if (r.code !== 0) {
    throw new FerryError(`lab: \`${[cmd, ...args].join(' ')}\` exited ${r.code}: ${tail(r.stderr || r.stdout, 3)}`);
  }
  return r.stdout;
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
