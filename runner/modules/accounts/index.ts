// Local accounts: user and group (getent facts, pure plans, useradd/usermod/groupadd commands).
import type { Module } from '../types.js';
import { groupModule } from './group.js';
import { userModule } from './user.js';

/** The account modules. */
export const accountModules: Module[] = [userModule, groupModule];
