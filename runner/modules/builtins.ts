// Ansible's builtin modules beyond the core set, one folder per family, listed in one place so
// the registry names a single source for them.
import { accountModules } from './accounts/index.js';
import { execModules } from './exec/index.js';
import { packageModules } from './packages/index.js';
import { serviceModules } from './services/index.js';
import { textModules } from './text/index.js';
import { transferModules } from './transfer/index.js';
import type { Module } from './types.js';

/** The families, in the order `--help` lists them. */
export const builtinModules: Module[] = [...textModules, ...serviceModules, ...transferModules, ...execModules, ...accountModules, ...packageModules];
