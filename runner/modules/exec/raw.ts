// raw: the command line sent as it is to the login shell, as Ansible's raw (which exists for hosts
// without Python; ferry needs none anyway). It is the command by design: give it no untrusted text.
import { shq } from '../../transport/shell-quote.js';
import { commandResult } from '../support/command-result.js';
import { runCommand } from '../support/run.js';
import { defineModule } from '../types.js';

/** The raw module. */
export const rawModule = defineModule({
  name: 'raw',
  description: 'Send a command line as it is to the host (no checks, no guards)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['cmd'],
    properties: {
      cmd: { type: 'string', minLength: 1, description: 'the command line (free-form)' },
      executable: { type: 'string', description: 'shell to run it with, e.g. /bin/bash' },
    },
  },
  freeForm: 'cmd',
  supportsCheck: false,
  supportsDiff: false,
  async run(args, ctx) {
    const command = args.executable ? `${shq(args.executable)} -c ${shq(args.cmd)}` : args.cmd;
    const started = Date.now();
    return commandResult(ctx, args.cmd, await runCommand(ctx, command), started);
  },
});
