// The Kubernetes module (k8s).
import type { Module } from '../types.js';

/** Kubernetes modules. */
export const k8sModules: Module[] = [];
