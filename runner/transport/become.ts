// Wraps a command in sudo (or su) for become. The password goes on stdin (sudo -S), never into the
// command line, so it cannot show up in a process list, a result, an error or an event.
// `-k` makes sudo read the password line even when credentials are cached; otherwise that line
// would fall through to the command's own stdin (into a file written by putFile, say).
// Where sudo needs no password at all (NOPASSWD), the caller probes once (sudoProbeCommand)
// and drops the password, for the same reason.
import type { BecomeSpec } from './types.js';
import { FerryError } from '../errors.js';
import { shq } from './shell-quote.js';

/** A command ready to send, plus what must be written to its stdin first. */
export interface WrappedCommand {
  command: string;
  /** The password line sudo -S reads before the command's own stdin; absent without a password. */
  stdinPrefix?: string;
}

/** Wraps `command` to run as `become.user` through `sh -c`; returns it unchanged without become. */
export function wrapBecome(command: string, become?: BecomeSpec): WrappedCommand {
  if (!become) return { command };
  if (become.method === 'su') return { command: suCommand(command, become) };
  const inner = `sh -c ${shq(command)}`;
  if (become.password === undefined) {
    return { command: `sudo -n -H -u ${shq(become.user)} -- ${inner}` };
  }
  return { command: `sudo -S -k -p '' -H -u ${shq(become.user)} -- ${inner}`, stdinPrefix: `${become.password}\n` };
}

// su reads a password only from a terminal, so ferry runs it where none is asked (root to any user,
// as `become_user: postgres` from a root login); `-s /bin/sh` works for users whose shell is nologin.
function suCommand(command: string, become: BecomeSpec): string {
  if (become.password !== undefined) {
    throw new FerryError(`become_method su with a become password: su reads passwords only from a terminal, which ferry does not open; log in as root (su then asks none) or use sudo`);
  }
  return `su -s /bin/sh -c ${shq(command)} ${shq(become.user)}`;
}

/** A command that exits 0 when `user` can be reached with no sudo password at all. */
export function sudoProbeCommand(user: string): string {
  return `sudo -k -n -H -u ${shq(user)} -- true`;
}

/** Remembers per target user whether sudo needs a password, so the probe runs once per host. */
export class BecomeProbe {
  private readonly passwordless = new Map<string, Promise<boolean>>();

  constructor(private readonly run: (command: string) => Promise<{ rc: number | null }>) {}

  /** The become spec to actually use: without the password when sudo would not read it. */
  async effective(become?: BecomeSpec): Promise<BecomeSpec | undefined> {
    if (!become || become.password === undefined || become.method === 'su') return become;
    let known = this.passwordless.get(become.user);
    if (!known) {
      known = this.run(sudoProbeCommand(become.user)).then((r) => r.rc === 0);
      this.passwordless.set(become.user, known);
    }
    return (await known) ? { user: become.user } : become;
  }
}

/** Prepends the sudo password line, if any, to a command's stdin. */
export function becomeStdin(wrapped: WrappedCommand, stdin?: string | Buffer): Buffer | undefined {
  if (wrapped.stdinPrefix === undefined) return stdin === undefined ? undefined : Buffer.from(stdin);
  return Buffer.concat([Buffer.from(wrapped.stdinPrefix), stdin === undefined ? Buffer.alloc(0) : Buffer.from(stdin)]);
}

const NEEDS_PASSWORD = /sudo: (a password is required|a terminal is required)/;
const WRONG_PASSWORD = /sudo: (\d+ incorrect password attempts?|no password was provided|incorrect password)/;

/** Explains a sudo failure in words a user can act on, or returns undefined when sudo was not the cause. */
export function explainBecomeFailure(stderr: string, host: string, become?: BecomeSpec): string | undefined {
  if (!become) return undefined;
  if (NEEDS_PASSWORD.test(stderr) && become.password === undefined) {
    return `${host}: become to user ${become.user} needs a sudo password (sudo -n refused); pass a become password`;
  }
  if (WRONG_PASSWORD.test(stderr) || (become.password !== undefined && NEEDS_PASSWORD.test(stderr))) {
    return `${host}: sudo refused the become password for user ${become.user}`;
  }
  if (become.method === 'su' && /^su: /m.test(stderr)) {
    return `${host}: su to user ${become.user} failed (${/^su: (.*)$/m.exec(stderr)?.[1]}); ferry runs su only where it asks no password (a root login)`;
  }
  if (/is not in the sudoers file|is not allowed to execute/.test(stderr)) {
    return `${host}: the login user may not sudo to ${become.user}`;
  }
  return undefined;
}
