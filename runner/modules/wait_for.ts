// wait_for: polls a condition on the host (a TCP port open or closed, a path present or
// absent, optionally a regex in a file) in ONE remote loop, so each poll costs no round trip.
import { FerryError } from '../errors.js';
import { shq } from '../transport/shell-quote.js';
import { fail, ok, type Module } from './types.js';

interface WaitForArgs {
  host?: string;
  port?: number;
  path?: string;
  search_regex?: string;
  state?: 'started' | 'stopped' | 'present' | 'absent';
  timeout?: number;
  delay?: number;
  sleep?: number;
}

/** The shell test for the condition: exits 0 when the port accepts / the path exists (and matches). */
export function conditionCommand(args: WaitForArgs): string {
  if (args.port !== undefined) {
    const host = args.host ?? '127.0.0.1';
    // bash's /dev/tcp connects without any extra tool; `timeout` bounds a black-holed address.
    return `timeout 2 bash -c ${shq(`exec 3<>/dev/tcp/${host}/${args.port}`)} 2>/dev/null`;
  }
  const p = shq(args.path!);
  return args.search_regex ? `grep -qE -- ${shq(args.search_regex)} ${p} 2>/dev/null` : `[ -e ${p} ]`;
}

/** The whole wait as one command: exit 0 when the condition is met, 1 at the timeout. */
export function waitCommand(args: WaitForArgs): string {
  const negate = args.state === 'stopped' || args.state === 'absent';
  const timeout = args.timeout ?? 300;
  const lines = [
    args.delay ? `sleep ${args.delay}` : undefined,
    `end=$(( $(date +%s) + ${Math.ceil(timeout)} ))`,
    `while :; do if ${negate ? '! ' : ''}${conditionCommand(args)}; then exit 0; fi; [ "$(date +%s)" -ge "$end" ] && exit 1; sleep ${args.sleep ?? 0.25}; done`,
  ];
  return lines.filter(Boolean).join('; ');
}

/** The wait_for module. */
export const waitForModule: Module<WaitForArgs> = {
  name: 'wait_for',
  description: 'Wait for a port to open or close, or a path to appear or go, polling on the host',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      path: { type: 'string' },
      search_regex: { type: 'string', description: 'with path: wait until the file contains a match' },
      state: { enum: ['started', 'stopped', 'present', 'absent'], default: 'started' },
      timeout: { type: 'number', minimum: 0, default: 300, description: 'seconds' },
      delay: { type: 'number', minimum: 0, description: 'seconds before the first poll' },
      sleep: { type: 'number', exclusiveMinimum: 0, default: 0.25, description: 'seconds between polls' },
    },
    oneOf: [{ required: ['port'] }, { required: ['path'] }],
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    if ((args.port === undefined) === (args.path === undefined)) throw new FerryError('wait_for: give either port or path');
    const state = args.state ?? 'started';
    const what = args.port !== undefined ? `port ${args.port} on ${args.host ?? '127.0.0.1'}` : `path ${args.path}${args.search_regex ? ` to match /${args.search_regex}/` : ''}`;
    const timeout = args.timeout ?? 300;
    ctx.progress(`waiting for ${what} to be ${state} (timeout ${timeout} s)`);
    const started = Date.now();
    const r = await ctx.transport.exec(waitCommand(args), {
      become: ctx.become,
      signal: ctx.signal,
      timeoutMs: ((args.delay ?? 0) + timeout) * 1000 + 10_000,
    });
    const elapsed = Math.round((Date.now() - started) / 100) / 10;
    if (r.rc === 0) return ok({ elapsed, msg: `${what} is ${state} after ${elapsed} s` });
    if (r.rc === 1) return fail(`${ctx.host}: timeout after ${timeout} s waiting for ${what} to be ${state}`, { elapsed });
    return fail(`${ctx.host}: wait_for could not poll ${what} (rc ${r.rc ?? r.signal}): ${r.stderr.trim()}`, { elapsed });
  },
};
