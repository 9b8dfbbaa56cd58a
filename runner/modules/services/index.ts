// Service modules beyond core systemd: service (systemd-backed, as Ansible on a systemd host).
import type { Module } from '../types.js';
import { serviceModule } from './service.js';

/** The service modules. */
export const serviceModules: Module[] = [serviceModule];
