// The ferry bin as an operator runs it: compiled JavaScript, start-up included.
import { join } from 'node:path';
import type { Program } from './exec.js';

/** The project root (bench/lib/ is two levels down). */
export const ROOT = join(import.meta.dirname, '..', '..');

/** `node bin/ferry.js ARGS`. */
export function ferryBin(args: string[]): Program {
  return { cmd: process.execPath, args: [join(ROOT, 'bin', 'ferry.js'), ...args], cwd: ROOT };
}
