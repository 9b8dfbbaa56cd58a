// wait_for: polls a condition on the host (a TCP port open or closed, a path present or
// absent, optionally a regex in a file) in ONE remote loop, so each poll costs no round trip.
import { FerryError } from '../errors.js';
import { shq } from '../transport/shell-quote.js';
import { defineModule, fail, ok, type ArgsAsWritten } from './types.js';

/** The wait_for module's arguments. */
const waitForArgsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string', format: 'ferry-address', default: '127.0.0.1', description: 'an IP address or host name' },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    path: { type: 'string' },
    search_regex: { type: 'string', description: 'with path: wait until the file contains a match' },
    state: { enum: ['started', 'stopped', 'present', 'absent'], default: 'started' },
    timeout: { type: 'number', minimum: 0, default: 300, description: 'seconds' },
    delay: { type: 'number', minimum: 0, description: 'seconds before the first poll' },
    sleep: { type: 'number', exclusiveMinimum: 0, default: 0.25, description: 'seconds between polls' },
  },
  oneOf: [{ required: ['port'] }, { required: ['path'] }],
} as const;

type WaitForArgs = ArgsAsWritten<typeof waitForArgsSchema>;

/** The poll loop as fixed text: host, port, path, regex and times reach it only as positional
 * arguments ("$1"...), so no value is ever read as shell code; the numbers are checked again here. */
const WAIT_SCRIPT = [
  'kind=$1 negate=$2 target=$3 port=$4 regex=$5 timeout=$6 delay=$7 pause=$8',
  'case "$port:$timeout:$delay:$pause" in *[!0-9.:]*) echo "wait_for: not a number: $port $timeout $delay $pause" >&2; exit 2;; esac',
  // bash's /dev/tcp connects without any extra tool; `timeout` bounds a black-holed address.
  `probe() { case $kind in port) timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' probe "$target" "$port" 2>/dev/null;; regex) grep -qE -e "$regex" -- "$target" 2>/dev/null;; *) [ -e "$target" ];; esac; }`,
  'sleep "$delay"',
  'end=$(( $(date +%s) + timeout ))',
  'while :; do if probe; then met=1; else met=0; fi; [ "$met" != "$negate" ] && exit 0; [ "$(date +%s)" -ge "$end" ] && exit 1; sleep "$pause"; done',
].join('\n');

/** A number of seconds as plain decimal text (no exponent), for sleep and the deadline. */
function seconds(n: number): string {
  return String(Number(n.toFixed(3)));
}

/** The whole wait as one command: exit 0 when the condition is met, 1 at the timeout. */
export function waitCommand(args: WaitForArgs): string {
  const negate = args.state === 'stopped' || args.state === 'absent' ? '1' : '0';
  const kind = args.port !== undefined ? 'port' : args.search_regex !== undefined ? 'regex' : 'path';
  const target = args.port !== undefined ? (args.host ?? '127.0.0.1') : (args.path ?? '');
  const values = [kind, negate, target, String(args.port ?? 0), args.search_regex ?? '', String(Math.ceil(args.timeout ?? 300)), seconds(args.delay ?? 0), seconds(args.sleep ?? 0.25)];
  return `bash -c ${shq(WAIT_SCRIPT)} wait_for ${values.map(shq).join(' ')}`;
}

/** The wait_for module. */
export const waitForModule = defineModule({
  name: 'wait_for',
  description: 'Wait for a port to open or close, or a path to appear or go, polling on the host',
  argsSchema: waitForArgsSchema,
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
});
