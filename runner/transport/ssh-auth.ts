// How a login authenticates, tried in OpenSSH's order: ssh-agent, the key files (the explicit one,
// the ssh config's IdentityFile entries, or else ~/.ssh/id_ed25519, id_ecdsa, id_rsa), then the
// password (as `password` and as keyboard-interactive answers). Secrets never enter a message.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
import { ConnectError } from '../errors.js';
import type { SshEndpoint } from './spec.js';

/** The key files ssh tries when none is configured, in its order. */
export function defaultKeyFiles(home = homedir()): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(home, '.ssh', f));
}

/** Run-wide credentials: the agent socket, a key passphrase, a password from -k. */
export interface Credentials {
  /** ssh-agent socket; '' for none; defaults to $SSH_AUTH_SOCK. */
  agent?: string;
  /** Passphrase for encrypted key files (--key-passphrase-env, --ask-key-passphrase). */
  keyPassphrase?: string;
  /** Login password for hosts without their own (`-k/--ask-pass`). */
  password?: string;
}

/** The methods to try and, for messages, what each one is ("key file ~/.ssh/id_rsa"). */
export interface AuthPlan {
  methods: AnyAuthMethod[];
  labels: string[];
}

/** Builds the methods for `endpoint`; throws ConnectError when there is no way at all, or a key is unusable. */
export async function planAuth(name: string, endpoint: SshEndpoint, creds: Credentials, home = homedir()): Promise<AuthPlan> {
  const plan: AuthPlan = { methods: [], labels: [] };
  const username = endpoint.user;
  const agent = creds.agent ?? process.env.SSH_AUTH_SOCK ?? '';
  if (agent) add(plan, `ssh-agent ${agent}`, { type: 'agent', username, agent });
  const explicit = [endpoint.privateKeyFile, ...(endpoint.identityFiles ?? [])].filter((f): f is string => !!f);
  const files = explicit.length > 0 ? explicit : defaultKeyFiles(home);
  let encrypted: ConnectError | undefined;
  for (const file of [...new Set(files)]) {
    try {
      const key = await loadKey(name, file, creds.keyPassphrase, explicit.includes(file));
      if (key !== 'skip') add(plan, `key file ${file}`, { type: 'publickey', username, key });
    } catch (err) {
      // An encrypted default key without a passphrase is passed over when other methods remain.
      if (explicit.length > 0 || !(err instanceof EncryptedKeyError)) throw err;
      encrypted ??= err;
    }
  }
  const password = endpoint.password ?? creds.password;
  if (password !== undefined) {
    add(plan, 'password', { type: 'password', username, password });
    add(plan, 'keyboard-interactive password', {
      type: 'keyboard-interactive', username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    });
  }
  if (plan.methods.length === 0) {
    if (encrypted) throw encrypted;
    throw new ConnectError(name,
      `no way to authenticate as ${username}: no key file (ssh_private_key_file, IdentityFile, or ${defaultKeyFiles(home).join(', ')}), ` +
      'no ssh-agent (SSH_AUTH_SOCK is unset) and no password (ansible_password, --ask-pass)');
  }
  return plan;
}

/** ssh2's authHandler over the plan; records in `tried` what was offered, for the failure message. */
export function authHandler(plan: AuthPlan, tried: string[]): AuthHandlerMiddleware {
  let next = 0;
  return (_left, _partial, done) => {
    const method = plan.methods[next];
    if (!method) return done(false as never);
    tried.push(plan.labels[next++]!);
    done(method);
  };
}

class EncryptedKeyError extends ConnectError {}

function add(plan: AuthPlan, label: string, method: AnyAuthMethod): void {
  plan.methods.push(method);
  plan.labels.push(label);
}

// A configured key must be readable and usable; a default key that is absent is skipped, as ssh does.
async function loadKey(name: string, file: string, passphrase: string | undefined, configured: boolean): Promise<ParsedKey | 'skip'> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!configured && code === 'ENOENT') return 'skip';
    throw new ConnectError(name, `cannot read private key file ${file}: ${code ?? (err as Error).message}`, { cause: err });
  }
  const parsed = ssh2.utils.parseKey(data, passphrase);
  // The parsed (decrypted) key goes to ssh2, so the passphrase is needed only here.
  if (!(parsed instanceof Error)) return parsed;
  if (/encrypted/i.test(parsed.message) && passphrase === undefined) {
    throw new EncryptedKeyError(name, `private key file ${file} is encrypted: give its passphrase with --key-passphrase-env VAR or --ask-key-passphrase, or load it into ssh-agent`);
  }
  if (passphrase !== undefined && /decrypt|passphrase|bad/i.test(parsed.message)) {
    throw new ConnectError(name, `private key file ${file}: the passphrase given does not decrypt it`);
  }
  throw new ConnectError(name, `private key file ${file} is not a key ssh can use: ${parsed.message}`);
}
