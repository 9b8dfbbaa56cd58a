// The `environment` keyword at the transport: every command a task runs starts by exporting its
// variables, each value single-quoted, so a value is data and never shell syntax. The export sits
// inside the command become wraps (sudo resets the environment), as Ansible's module call does.
import { overrideExec } from './exec-override.js';
import { shq } from './shell-quote.js';
import type { Transport } from './types.js';

/** `export A='x' B='y'; ` for `env` (names already checked by the loader's schema). */
export function exportPrefix(env: Readonly<Record<string, string>>): string {
  const words = Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`);
  return words.length > 0 ? `export ${words.join(' ')}; ` : '';
}

/** `transport` with `env` exported before every command it runs; the same transport when env is empty. */
export function withEnvironment(transport: Transport, env: Readonly<Record<string, string>>): Transport {
  const prefix = exportPrefix(env);
  if (prefix === '') return transport;
  return overrideExec(transport, (command, options) => transport.exec(prefix + command, options));
}
