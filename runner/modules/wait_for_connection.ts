// wait_for_connection: waits until the host can be logged in to and runs a command, as Ansible's
// (a host booting, a VM being created). Each attempt drops the old connection and opens a new one,
// bounded by connect_timeout; a refused host key is not retried (it is no "not up yet").
import { ConnectError, HostKeyError } from '../errors.js';
import { defineModule, fail, ok, type ModuleContext } from './types.js';

const waitForConnectionArgsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    connect_timeout: { type: 'number', exclusiveMinimum: 0, default: 5, description: 'seconds for one attempt' },
    delay: { type: 'number', minimum: 0, default: 0, description: 'seconds before the first attempt' },
    sleep: { type: 'number', minimum: 0, default: 1, description: 'seconds between attempts' },
    timeout: { type: 'number', minimum: 0, default: 600, description: 'seconds to wait in all' },
  },
} as const;

/** Sleeps `ms`, or less when the run is aborted. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}

/** One attempt: a new connection that runs `true` (with become, as Ansible's ping would), within `ms`. */
async function attempt(ctx: ModuleContext, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectError(ctx.host, `no answer within ${ms / 1000} s`)), ms);
  });
  try {
    const t = await Promise.race([ctx.reconnect!(), deadline]);
    const r = await Promise.race([t.exec('true', { become: ctx.become, signal: ctx.signal, timeoutMs: ms }), deadline]);
    if (r.rc !== 0) throw new ConnectError(ctx.host, `logged in, but a command failed (rc ${r.rc}): ${r.stderr.trim().split('\n').at(-1) ?? ''}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The wait_for_connection module. */
export const waitForConnectionModule = defineModule({
  name: 'wait_for_connection',
  description: 'Wait until the host can be logged in to and runs a command (a fresh connection each attempt)',
  argsSchema: waitForConnectionArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  reconnects: true,
  async run(args, ctx) {
    const started = Date.now();
    const end = started + args.timeout * 1000;
    if (args.delay > 0) await pause(args.delay * 1000, ctx.signal);
    let last = '';
    let said = false;
    for (;;) {
      if (ctx.signal.aborted) return fail(`${ctx.host}: wait_for_connection stopped (the run was interrupted)`);
      try {
        await attempt(ctx, args.connect_timeout * 1000);
        return ok({ elapsed: Math.round((Date.now() - started) / 1000), msg: `${ctx.host} answered after ${((Date.now() - started) / 1000).toFixed(1)} s` });
      } catch (err) {
        if (err instanceof HostKeyError) return fail(err.message);
        last = err instanceof Error ? err.message : String(err);
      }
      if (Date.now() + args.sleep * 1000 >= end) break;
      if (!said) {
        ctx.progress(`waiting up to ${args.timeout} s for ${ctx.host} to answer (${last})`);
        said = true;
      }
      await pause(args.sleep * 1000, ctx.signal);
    }
    return fail(`timed out waiting for connection to ${ctx.host} after ${args.timeout} s: ${last}`, { elapsed: Math.round((Date.now() - started) / 1000) });
  },
});
