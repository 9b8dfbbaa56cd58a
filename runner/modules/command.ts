// command: runs a program without a shell. A free-form string is split like Ansible's
// (shlex) and every word is quoted, so `;`, `|`, `>` and `$x` reach the program literally.
import { FerryError } from '../errors.js';
import { argvToCommand, shq } from '../transport/shell-quote.js';
import { splitCommandLine } from '../transport/shell-split.js';
import { commandResult } from './support/command-result.js';
import { guardProperties, guardSkipReason } from './support/guards.js';
import { runCommand } from './support/run.js';
import { defineModule, ok } from './types.js';

/** The command module. */
export const commandModule = defineModule({
  name: 'command',
  description: 'Run a program with arguments, without a shell',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      cmd: { type: 'string', description: 'the command line, split into words like a shell would, but with no shell syntax' },
      argv: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'the program and its arguments, as a list' },
      ...guardProperties,
    },
    oneOf: [{ required: ['cmd'] }, { required: ['argv'] }],
  },
  freeForm: 'cmd',
  supportsCheck: false,
  supportsDiff: false,
  detachable: true,
  async run(args, ctx) {
    const argv = args.argv ?? splitCommandLine(args.cmd ?? '');
    if (argv.length === 0) throw new FerryError('command: nothing to run (empty cmd)');
    const skip = await guardSkipReason(ctx, args);
    if (skip) return ok({ msg: skip, skipped_by_guard: true });
    const line = argvToCommand(argv);
    const command = args.chdir ? `cd -- ${shq(args.chdir)} && exec ${line}` : line;
    const started = Date.now();
    return commandResult(ctx, line, await runCommand(ctx, command, { stdin: args.stdin }), started);
  },
});
