// The result of command and shell: Ansible's shape, failed on a non-zero or missing exit code.
import { tail } from '../../errors.js';
import { describeExit } from '../../transport/exit.js';
import type { ExecResult } from '../../transport/types.js';
import type { ModuleContext, ModuleResult } from '../types.js';

/** Builds the result; a failure's msg names host, command, how it ended and the tail of stderr. */
export function commandResult(ctx: ModuleContext, cmd: string, r: ExecResult, startedAt: number): ModuleResult {
  const failed = r.rc !== 0;
  const result: ModuleResult = {
    changed: true,
    failed,
    cmd,
    rc: r.rc,
    stdout: r.stdout.replace(/\n$/, ''),
    stderr: r.stderr.replace(/\n$/, ''),
    stdout_lines: r.stdout === '' ? [] : r.stdout.replace(/\n$/, '').split('\n'),
    delta_ms: Date.now() - startedAt,
  };
  if (failed) {
    const why = tail(r.stderr || r.stdout);
    result.msg = `${ctx.host}: \`${cmd}\` failed (${describeExit(r)})${why ? `:\n${why}` : ''}`;
  }
  if (r.signal) result.signal = r.signal;
  return result;
}
