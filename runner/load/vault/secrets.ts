// The vault passwords of this run (`--vault-password-file`, `--vault-id`, `--ask-vault-pass`), set once
// by the CLI before anything loads; YAML reading decrypts `!vault` values and vault files with them.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { FerryError } from '../../errors.js';

/** One vault password and the vault id it is known by. */
export interface VaultSecret {
  label?: string;
  password: string;
}

let current: readonly VaultSecret[] = [];

/** Sets the passwords every later YAML read decrypts with (an empty list: vault values are refused). */
export function setVaultSecrets(secrets: readonly VaultSecret[]): void {
  current = secrets;
}

/** The passwords of this run. */
export function vaultSecrets(): readonly VaultSecret[] {
  return current;
}

/** Reads a password file, or runs it when it is executable (as Ansible does) and takes its output. */
export function readPasswordFile(path: string, label?: string): VaultSecret {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new FerryError(`vault password file ${path} is not a regular file`);
    text = isExecutable(path) ? execFileSync(path, label ? ['--vault-id', label] : [], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }) : readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof FerryError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new FerryError(`cannot read vault password file ${path}: ${code === 'ENOENT' ? 'file not found' : code ?? 'the script failed'}`, { cause: err });
  }
  const password = text.replace(/\r?\n$/, '').trim();
  if (password === '') throw new FerryError(`vault password file ${path} is empty`);
  return { ...(label ? { label } : {}), password };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const opened = new Set<string>();

/** Records a decrypted value, so that output masks it like any secret. */
export function rememberDecrypted(plaintext: string): void {
  opened.add(plaintext);
  for (const line of plaintext.split('\n')) if (line.trim().length >= 4) opened.add(line.trim());
}

/** Every value decrypted so far in this process. */
export function decryptedValues(): readonly string[] {
  return [...opened];
}
