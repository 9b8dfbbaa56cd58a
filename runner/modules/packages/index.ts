// Package managers: apt, and package (the generic name, which uses apt).
import type { Module } from '../types.js';
import { aptModule } from './apt.js';
import { packageModule } from './package.js';

/** The package modules. */
export const packageModules: Module[] = [aptModule, packageModule];
