// The core modules (ping, stat, command, shell, copy, template, file, systemd, wait_for, wait_for_connection, reboot, assert, fail, debug, set_fact, pause, setup).
import { assertModule } from './assert.js';
import { asyncStatusModule } from './async_status.js';
import { commandModule } from './command.js';
import { copyModule } from './copy.js';
import { debugModule } from './debug.js';
import { failModule } from './fail.js';
import { fileModule } from './file.js';
import { pauseModule } from './pause.js';
import { pingModule } from './ping.js';
import { rebootModule } from './reboot.js';
import { setFactModule } from './set_fact.js';
import { setupModule } from './setup.js';
import { statModule } from './stat.js';
import { shellModule } from './shell.js';
import { systemdModule } from './systemd.js';
import { templateModule } from './template.js';
import type { Module } from './types.js';
import { waitForModule } from './wait_for.js';
import { waitForConnectionModule } from './wait_for_connection.js';

/** Core modules, in the order `--help` lists them. */
export const coreModules: Module[] = [
  commandModule,
  shellModule,
  copyModule,
  templateModule,
  fileModule,
  systemdModule,
  waitForModule,
  waitForConnectionModule,
  rebootModule,
  assertModule,
  failModule,
  debugModule,
  setFactModule,
  pauseModule,
  setupModule,
  pingModule,
  statModule,
  asyncStatusModule,
];
