// shell: runs a command line through a shell, so pipes, redirections and variables work.
import { shq } from '../transport/shell-quote.js';
import { commandResult } from './support/command-result.js';
import { guardProperties, guardSkipReason } from './support/guards.js';
import { runCommand } from './support/run.js';
import { defineModule, ok } from './types.js';

/** The shell module. Without `executable`, the login user's shell runs the line (sh under become). */
export const shellModule = defineModule({
  name: 'shell',
  description: 'Run a command line through a shell (pipes, redirections, variables)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['cmd'],
    properties: {
      cmd: { type: 'string', description: 'the shell command line' },
      executable: { type: 'string', description: 'shell to run it with, e.g. /bin/bash' },
      ...guardProperties,
    },
  },
  freeForm: 'cmd',
  supportsCheck: false,
  supportsDiff: false,
  detachable: true,
  async run(args, ctx) {
    const skip = await guardSkipReason(ctx, args);
    if (skip) return ok({ msg: skip, skipped_by_guard: true });
    let command = args.executable ? `${shq(args.executable)} -c ${shq(args.cmd)}` : args.cmd;
    // `&&`: a missing directory must stop the command, not run it elsewhere (node-ssh joins cwd with `;`).
    if (args.chdir) command = `cd -- ${shq(args.chdir)} && { ${command}\n}`;
    const started = Date.now();
    return commandResult(ctx, args.cmd, await runCommand(ctx, command, { stdin: args.stdin }), started);
  },
});
