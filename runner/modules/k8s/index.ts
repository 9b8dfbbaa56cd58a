// The Kubernetes modules (k8s, storageos_cluster).
import type { Module } from '../types.js';
import { k8sModule } from './k8s.js';
import { storageosClusterModule } from './storageos.js';

/** Kubernetes modules. */
export const k8sModules: Module[] = [k8sModule, storageosClusterModule];
