// wait_for_connection: waits until the host can be logged in to and runs a command, as Ansible's
// (a host booting, a VM being created). Each attempt drops the old connection and opens a new one,
// bounded by connect_timeout; a refused host key is not retried (it is no "not up yet").
import { pause, pollFresh } from './support/reconnect.js';
import { defineModule, fail, ok } from './types.js';

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
    if (args.delay > 0) await pause(args.delay * 1000, ctx.signal);
    const why = await pollFresh(ctx, 'true', args, (r) => r.rc === 0 || `logged in, but a command failed (rc ${r.rc})`, 'to answer');
    const elapsed = Math.round((Date.now() - started) / 1000);
    if (why) return fail(why.startsWith('timed out') ? `timed out waiting for connection to ${ctx.host} after ${args.timeout} s: ${why.replace(/^timed out after [\d.]+ s: /, '')}` : why, { elapsed });
    return ok({ elapsed, msg: `${ctx.host} answered after ${((Date.now() - started) / 1000).toFixed(1)} s` });
  },
});
