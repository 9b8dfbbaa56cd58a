// Modules that run what the playbook gives as a command: raw (a line as it is), script (a local script).
import type { Module } from '../types.js';
import { rawModule } from './raw.js';
import { scriptModule } from './script.js';

/** The exec modules. */
export const execModules: Module[] = [rawModule, scriptModule];
