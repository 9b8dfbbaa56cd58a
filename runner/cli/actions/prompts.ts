// Questions to the operator: the become password and --step confirmations.
import { FerryError } from '../../errors.js';
import type { StepAnswer } from '../../execute/types.js';
import type { CliIo } from '../io.js';

/** The sudo password from --become-password-env or --ask-become-pass, if either was given. */
export async function becomePassword(opts: { becomePasswordEnv?: string; askBecomePass?: boolean }, io: CliIo): Promise<string | undefined> {
  if (opts.becomePasswordEnv) {
    const value = io.env[opts.becomePasswordEnv];
    if (value === undefined) throw new FerryError(`--become-password-env: environment variable ${opts.becomePasswordEnv} is not set`);
    return value;
  }
  if (!opts.askBecomePass) return undefined;
  if (!io.interactive || !io.ask) throw new FerryError('--ask-become-pass needs a terminal; use --become-password-env VAR instead');
  return io.ask('BECOME password: ', true);
}

/** The --step callback: asks `(y)es/(n)o/(c)ontinue` for each task. */
export function stepPrompt(io: CliIo): (play: string, task: string) => Promise<StepAnswer> {
  if (!io.interactive || !io.ask) throw new FerryError('--step needs a terminal to ask on');
  const ask = io.ask.bind(io);
  return async (play, task) => {
    for (;;) {
      const answer = (await ask(`Perform task [${play}] ${task}? (y)es/(n)o/(c)ontinue: `)).trim().toLowerCase();
      if (answer === 'y' || answer === 'yes' || answer === '') return 'yes';
      if (answer === 'n' || answer === 'no') return 'no';
      if (answer === 'c' || answer === 'continue') return 'continue';
    }
  };
}
