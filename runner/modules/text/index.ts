// Text-file modules: lineinfile, blockinfile, replace (shared reading, diff and writing in edit.ts).
import type { Module } from '../types.js';
import { blockinfileModule } from './blockinfile.js';
import { lineinfileModule } from './lineinfile.js';
import { replaceModule } from './replace.js';

/** The text-file modules. */
export const textModules: Module[] = [lineinfileModule, blockinfileModule, replaceModule];
