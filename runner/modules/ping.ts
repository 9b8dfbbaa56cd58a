// ping: proves the host runs commands for ferry (login, shell, become when asked), as Ansible's
// ping proves its modules run; answers `ping: pong` (or `data`), and data "crash" fails as in Ansible.
import { runCommand } from './support/run.js';
import { defineModule, fail, ok } from './types.js';

/** The ping module. */
export const pingModule = defineModule({
  name: 'ping',
  description: 'Check that the host runs commands (login, shell, become); answers ping: pong',
  argsSchema: { type: 'object', additionalProperties: false, properties: { data: { type: 'string', default: 'pong', description: 'the answer; "crash" makes the task fail' } } },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const r = await runCommand(ctx, 'echo pong');
    if (r.rc !== 0 || r.stdout.trim() !== 'pong') return fail(`${ctx.host}: the host did not answer (rc ${r.rc}): ${r.stderr.trim()}`, { rc: r.rc });
    if (args.data === 'crash') return fail('boom (data: crash)');
    return ok({ ping: args.data });
  },
});
