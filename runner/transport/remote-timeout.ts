// Timeouts enforced on the host itself. Closing an SSH channel does not stop its command, and
// sshd refuses "signal" requests for root logins (and a login user cannot signal a sudo'd
// process anyway), so GNU `timeout` kills the command's whole process group remotely.
import { shq } from './shell-quote.js';

/** Exit code of `timeout -s KILL` when it killed the command (it usually dies with its group: signal KILL). */
export const REMOTE_TIMEOUT_RC = 137;

/** Extra time the local backstop waits for the remote kill to report before dropping the channel. */
export const LOCAL_GRACE_MS = 1500;

/** Wraps `command` so the host kills it (and its children) after `ms`. */
export function withRemoteTimeout(command: string, ms: number): string {
  const seconds = Math.max(0.001, ms / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `timeout -s KILL ${seconds} sh -c ${shq(command)}`;
}

/** True when a result comes from the remote timeout firing rather than the command's own exit. */
export function remoteTimeoutFired(r: { rc: number | null; signal?: string }, elapsedMs: number, ms: number): boolean {
  const killed = r.rc === REMOTE_TIMEOUT_RC || r.signal === 'KILL' || r.signal === 'SIGKILL';
  return killed && elapsedMs >= ms * 0.95;
}
