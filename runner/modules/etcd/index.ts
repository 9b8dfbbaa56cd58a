// The etcd modules (etcd_member, etcd_status, etcd_snapshot, etcd_leader).
import type { Module } from '../types.js';
import { etcdLeader } from './leader.js';
import { etcdMember } from './member.js';
import { etcdSnapshot } from './snapshot.js';
import { etcdStatus } from './status.js';

/** etcd modules. */
export const etcdModules: Module[] = [etcdMember, etcdStatus, etcdSnapshot, etcdLeader];
