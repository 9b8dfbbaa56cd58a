// Ansible Vault 1.1 / 1.2 (AES256): PBKDF2-SHA256 (10,000 rounds) gives the AES-256-CTR key, the
// HMAC-SHA256 key and the IV; the HMAC is checked before anything is decrypted. Plaintext is
// returned to the caller only, never put in a message.
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { type VaultSecret, rememberDecrypted } from './secrets.js';

/** A vault value that cannot be opened; the message never holds any plaintext. */
export class VaultError extends Error {
  override name = 'VaultError';
}

/** True when `text` is a vault envelope (`$ANSIBLE_VAULT;1.1;AES256`...). */
export function isVaultText(text: string): boolean {
  return text.trimStart().startsWith('$ANSIBLE_VAULT;');
}

interface Envelope {
  version: string;
  label?: string;
  salt: Buffer;
  hmac: Buffer;
  ciphertext: Buffer;
}

function parseEnvelope(text: string): Envelope {
  const [header, ...body] = text.trim().split(/\r?\n/);
  const [magic, version, cipher, label] = header.trim().split(';');
  if (magic !== '$ANSIBLE_VAULT' || !['1.1', '1.2'].includes(version ?? '')) throw new VaultError(`unsupported vault header '${header.slice(0, 40)}' (ferry reads 1.1 and 1.2)`);
  if (cipher !== 'AES256') throw new VaultError(`unsupported vault cipher '${cipher}' (ferry reads AES256)`);
  const hex = body.join('').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})+$/i.test(hex)) throw new VaultError('the vault body is not hex (a truncated or edited vault value?)');
  const parts = Buffer.from(hex, 'hex').toString('latin1').split('\n');
  if (parts.length !== 3 || !parts.every((p) => /^([0-9a-f]{2})+$/i.test(p))) throw new VaultError('the vault body is malformed (a truncated or edited vault value?)');
  const [salt, hmac, ciphertext] = parts.map((p) => Buffer.from(p, 'hex'));
  return { version: version!, ...(label ? { label } : {}), salt, hmac, ciphertext };
}

function tryOpen(env: Envelope, password: string): Buffer | undefined {
  const derived = pbkdf2Sync(Buffer.from(password, 'utf8'), env.salt, 10_000, 80, 'sha256');
  const hmac = createHmac('sha256', derived.subarray(32, 64)).update(env.ciphertext).digest();
  if (hmac.length !== env.hmac.length || !timingSafeEqual(hmac, env.hmac)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', derived.subarray(0, 32), derived.subarray(64, 80));
  const padded = Buffer.concat([decipher.update(env.ciphertext), decipher.final()]);
  const pad = padded.length > 0 ? padded[padded.length - 1] : 0;
  if (pad < 1 || pad > 16 || pad > padded.length) throw new VaultError('the vault value decrypts to bad padding');
  return padded.subarray(0, padded.length - pad);
}

/** Decrypts a vault envelope with the first secret that opens it (its own label's first). */
export function decryptVault(text: string, secrets: readonly VaultSecret[]): string {
  const env = parseEnvelope(text);
  if (secrets.length === 0) throw new VaultError('encrypted with Ansible Vault, but no vault password was given (use --vault-password-file, --vault-id or --ask-vault-pass)');
  const ordered = [...secrets.filter((s) => env.label !== undefined && s.label === env.label), ...secrets.filter((s) => env.label === undefined || s.label !== env.label)];
  for (const s of ordered) {
    const plain = tryOpen(env, s.password);
    if (plain) {
      const text = plain.toString('utf8');
      rememberDecrypted(text);
      return text;
    }
  }
  const ids = secrets.map((s) => s.label ?? 'default').join(', ');
  throw new VaultError(`no vault password given opens this value${env.label ? ` (vault id '${env.label}')` : ''}; tried vault id(s): ${ids}`);
}
