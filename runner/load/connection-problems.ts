// A bad connection setting, either thrown as the host's ConnectError (a run) or collected with
// every other one (validate), carrying what validate needs to locate it in a file.
import { ConnectError } from '../errors.js';

/** What is wrong with one setting, and the inventory var or ssh config line it came from. */
export interface ConnectionProblem {
  message: string;
  /** The inventory var holding the value, when it came from one. */
  varName?: string;
  value?: unknown;
  /** `file:line` in an ssh config, when it came from one. */
  configAt?: string;
}

/** The host a spec is built for, and where its problems go (absent: the first one throws). */
export interface Ctx {
  host: string;
  problems?: ConnectionProblem[];
}

/** Throws the problem as the host's ConnectError, or records it when validate collects them all. */
export function fail(ctx: Ctx, problem: ConnectionProblem): undefined {
  if (!ctx.problems) throw new ConnectError(ctx.host, problem.message);
  ctx.problems.push(problem);
  return undefined;
}
