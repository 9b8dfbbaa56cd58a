// Modules that bring files from the host: slurp (into the result), fetch (to the operator's machine); and
// unarchive, which takes an archive to the host and extracts it there.
import type { Module } from '../types.js';
import { fetchModule } from './fetch.js';
import { slurpModule } from './slurp.js';
import { unarchiveModule } from './unarchive.js';

/** The transfer modules. */
export const transferModules: Module[] = [slurpModule, fetchModule, unarchiveModule];
