// ssh2's terse failures as sentences naming the host, the endpoint, the setting at fault and
// where that setting came from (an inventory var, a line of the ssh config).
import { ConnectError, HostKeyError } from '../errors.js';
import type { HostKeyDecision } from './host-key-policy.js';
import type { SshEndpoint } from './spec.js';

/** What went on while one endpoint was being logged into, for the message. */
export interface LoginContext {
  /** "db1" for the target, "db1 (jump host bastion:22)" for a hop. */
  label: string;
  endpoint: SshEndpoint;
  /** Where settings came from, by setting name (address, port, user, ...). */
  origins: Record<string, string>;
  decision?: HostKeyDecision;
  tried: string[];
}

/** ` (port from inventory var ssh_port)`-style notes for the settings named. */
export function originNote(origins: Record<string, string>, ...settings: string[]): string {
  const notes = settings.filter((s) => origins[s]).map((s) => `${s} from ${origins[s]}`);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/** The error for a failed login to one endpoint. */
export function explainLoginError(name: string, ctx: LoginContext, err: Error): ConnectError {
  const { endpoint: e, origins } = ctx;
  const where = `${e.user}@${e.address}:${e.port}`;
  const prefix = ctx.label === name ? '' : `${ctx.label.slice(name.length).trim()}: `;
  if (ctx.decision && !ctx.decision.accept) return new HostKeyError(name, prefix + ctx.decision.reason, { cause: err });
  if (err instanceof ConnectError) return err;
  const level = (err as { level?: string }).level;
  if (level === 'client-authentication' || /authentication methods failed/i.test(err.message)) {
    return new ConnectError(name, `${prefix}authentication failed for user ${e.user} at ${e.address}:${e.port}${originNote(origins, 'user')}; tried ${ctx.tried.join(', ') || 'nothing the server accepts'}`, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException).code;
  const detail = `${code && !err.message.includes(String(code)) ? `${code} ` : ''}${err.message}`;
  return new ConnectError(name, `${prefix}cannot connect to ${where}${originNote(origins, 'address', 'port')}: ${detail}`, { cause: err });
}
