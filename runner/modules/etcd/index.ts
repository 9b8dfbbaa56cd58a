// The etcd modules (etcd_member, etcd_status, etcd_snapshot, etcd_leader).
import type { Module } from '../types.js';

/** etcd modules. */
export const etcdModules: Module[] = [];
