// The core modules (command, shell, copy, template, file, systemd, wait_for, assert, fail, debug, set_fact, pause).
import type { Module } from './types.js';

/** Core modules, in the order `--help` lists them. */
export const coreModules: Module[] = [];
