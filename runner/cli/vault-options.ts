// Vault flags, shared by every command: --vault-password-file, --vault-id, --ask-vault-pass.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FerryError } from '../errors.js';
import { type VaultSecret, readPasswordFile, setVaultSecrets } from '../load/vault/secrets.js';
import type { CliIo } from './io.js';
import { collect } from './options.js';

/** Adds the vault flags to `cmd`. */
export function addVaultOptions(cmd: Command): Command {
  return cmd
    .option('--vault-password-file <file>', 'file holding the vault password (run for it when executable); repeatable', collect, [])
    .option('--vault-id <[label@]source>', 'a vault id: label@file, a file, or label@prompt / prompt to ask; repeatable', collect, [])
    .option('--ask-vault-pass', 'ask for the vault password');
}

interface VaultFlags {
  vaultPasswordFile?: string[];
  vaultId?: string[];
  askVaultPass?: boolean;
}

/** Reads the passwords the flags name and makes them the run's (none given: vault values are refused). */
export async function loadVaultSecrets(flags: VaultFlags, io: CliIo): Promise<void> {
  const secrets: VaultSecret[] = [];
  const ask = async (label?: string): Promise<VaultSecret> => {
    if (!io.interactive || !io.ask) throw new FerryError('--ask-vault-pass / --vault-id prompt need a terminal; use --vault-password-file instead');
    const password = await io.ask(label ? `Vault password (${label}): ` : 'Vault password: ', true);
    return { ...(label ? { label } : {}), password };
  };
  for (const file of flags.vaultPasswordFile ?? []) secrets.push(readPasswordFile(resolve(io.cwd, file)));
  for (const id of flags.vaultId ?? []) {
    const at = id.indexOf('@');
    const label = at > 0 ? id.slice(0, at) : undefined;
    const source = at >= 0 ? id.slice(at + 1) : id;
    secrets.push(source === 'prompt' ? await ask(label) : readPasswordFile(resolve(io.cwd, source), label));
  }
  if (flags.askVaultPass) secrets.push(await ask());
  setVaultSecrets(secrets);
}
