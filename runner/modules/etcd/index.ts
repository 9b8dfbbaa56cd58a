// The etcd modules (etcd_member, etcd_status, etcd_snapshot, etcd_leader, etcd_topology, etcd_version, etcd_lock).
import type { Module } from '../types.js';
import { etcdLeader } from './leader.js';
import { etcdLock } from './lock.js';
import { etcdMember } from './member.js';
import { etcdSnapshot } from './snapshot.js';
import { etcdStatus } from './status.js';
import { etcdTopology } from './topology.js';
import { etcdVersion } from './version.js';

/** etcd modules. */
export const etcdModules: Module[] = [etcdMember, etcdStatus, etcdSnapshot, etcdLeader, etcdTopology, etcdVersion, etcdLock];
