// A transport seen through a different exec (environment exports, async deadlines and jobs):
// everything else is the transport's own, so files, tunnels and close are untouched.
import type { ExecOptions, ExecResult, Transport } from './types.js';

/** `transport` with its exec replaced by `exec`. */
export function overrideExec(transport: Transport, exec: (command: string, options?: ExecOptions) => Promise<ExecResult>): Transport {
  return new Proxy(transport, {
    get(target, prop, receiver) {
      if (prop === 'exec') return exec;
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
