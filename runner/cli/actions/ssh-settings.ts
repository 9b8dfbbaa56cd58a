// The SSH flags → the engine's run-wide SSH settings, asking for secrets where the flags say so.
import { resolve } from 'node:path';
import { FerryError } from '../../errors.js';
import type { SshRunOptions } from '../../execute/types.js';
import type { CliIo } from '../io.js';

/** The parsed SSH flags of `play` and `adhoc`. */
export interface SshFlags {
  timeout?: number;
  sessionTimeout?: number;
  sshConfig?: string;
  askPass?: boolean;
  passwordEnv?: string;
  keyPassphraseEnv?: string;
  askKeyPassphrase?: boolean;
}

/** The run's SSH settings; secrets come from the environment or a hidden prompt, never from argv. */
export async function sshSettings(flags: SshFlags, io: CliIo): Promise<SshRunOptions> {
  const password = await secret(io, flags.passwordEnv, flags.askPass, 'SSH password: ', '--password-env', '--ask-pass');
  const keyPassphrase = await secret(io, flags.keyPassphraseEnv, flags.askKeyPassphrase, 'Key passphrase: ', '--key-passphrase-env', '--ask-key-passphrase');
  return {
    ...(flags.timeout ? { connectTimeoutMs: flags.timeout * 1000 } : {}),
    ...(flags.sessionTimeout ? { sessionTimeoutMs: flags.sessionTimeout * 1000 } : {}),
    ...(flags.sshConfig ? { configFile: resolve(io.cwd, flags.sshConfig) } : {}),
    ...(password === undefined ? {} : { password }),
    ...(keyPassphrase === undefined ? {} : { keyPassphrase }),
  };
}

async function secret(io: CliIo, envVar: string | undefined, ask: boolean | undefined, question: string, envFlag: string, askFlag: string): Promise<string | undefined> {
  if (envVar) {
    const value = io.env[envVar];
    if (value === undefined) throw new FerryError(`${envFlag}: environment variable ${envVar} is not set`);
    return value;
  }
  if (!ask) return undefined;
  if (!io.interactive || !io.ask) throw new FerryError(`${askFlag} needs a terminal; use ${envFlag} VAR instead`);
  return io.ask(question, true);
}
