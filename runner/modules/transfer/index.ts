// Modules that bring files from the host: slurp (into the result), fetch (to the operator's machine).
import type { Module } from '../types.js';
import { fetchModule } from './fetch.js';
import { slurpModule } from './slurp.js';

/** The transfer modules. */
export const transferModules: Module[] = [slurpModule, fetchModule];
