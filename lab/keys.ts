// The lab's SSH client key: ed25519, generated once in the lab dir and kept across runs.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { must } from './exec.js';

/** Paths and public line of the lab key. */
export interface LabKey {
  privateKey: string;
  publicKey: string;
}

/** Returns the lab key in `dir`, generating it if missing. */
export async function ensureLabKey(dir: string): Promise<LabKey> {
  const privateKey = join(dir, 'id_ed25519');
  if (!existsSync(privateKey) || !existsSync(`${privateKey}.pub`)) {
    mkdirSync(dir, { recursive: true });
    rmSync(privateKey, { force: true });
    rmSync(`${privateKey}.pub`, { force: true });
    await must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'ferry-lab', '-f', privateKey]);
  }
  return { privateKey, publicKey: readFileSync(`${privateKey}.pub`, 'utf8') };
}
