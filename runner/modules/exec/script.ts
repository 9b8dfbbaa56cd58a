// script: a local script copied to a private temp folder on the host, run there with its
// arguments, and removed. As Ansible, the words after the script's path are its arguments, read
// by the shell; check mode runs nothing (changed when creates/removes say it would run, else skipped).
import { readFile } from 'node:fs/promises';
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';
import { commandResult } from '../support/command-result.js';
import { guardSkipReason } from '../support/guards.js';
import { findLocalSource } from '../support/local-source.js';
import { mustSucceed, runCommand } from '../support/run.js';
import { defineModule, ok } from '../types.js';

/** The script's path and the rest of the line (its arguments, as written). */
export function splitScriptLine(line: string): { path: string; rest: string } {
  const m = /^\s*(?:"([^"]+)"|'([^']+)'|(\S+))\s*(.*)$/s.exec(line);
  if (!m) throw new FerryError('script: no script given');
  return { path: (m[1] ?? m[2] ?? m[3])!, rest: m[4]! };
}

/** The script module. */
export const scriptModule = defineModule({
  name: 'script',
  description: 'Copy a local script to the host, run it there with its arguments, remove it',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['cmd'],
    properties: {
      cmd: { type: 'string', minLength: 1, description: 'local script path (playbook dir, then files/) and its arguments (free-form)' },
      executable: { type: 'string', description: 'program that runs the script, e.g. python3' },
      chdir: { type: 'string', description: 'directory to run it in' },
      creates: { type: 'string', description: 'skip when this path exists' },
      removes: { type: 'string', description: 'skip unless this path exists' },
    },
  },
  freeForm: 'cmd',
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const { path, rest } = splitScriptLine(args.cmd);
    const local = await findLocalSource(path, ctx.baseDir, 'files');
    const skip = await guardSkipReason(ctx, args);
    if (skip) return ok({ msg: skip, skipped_by_guard: true });
    if (ctx.check) {
      return args.creates || args.removes ? ok({ changed: true, msg: `would run ${path}` }) : ok({ skipped: true, msg: 'Check mode is not supported for this task.' });
    }
    const content = await readFile(local);
    const dir = (await mustSucceed(ctx, 'mktemp -d "${TMPDIR:-/tmp}/ferry-script.XXXXXXXX"')).stdout.trim();
    try {
      const remote = `${dir}/${path.split('/').pop()}`;
      await ctx.transport.putFile(remote, content, { mode: '0700', become: ctx.become });
      const run = `${args.executable ? `${shq(args.executable)} ` : ''}${shq(remote)}${rest ? ` ${rest}` : ''}`;
      const command = args.chdir ? `cd -- ${shq(args.chdir)} && ${run}` : run;
      const started = Date.now();
      return commandResult(ctx, args.cmd, await runCommand(ctx, command), started);
    } finally {
      await runCommand(ctx, `rm -rf -- ${shq(dir)}`);
    }
  },
});
