// The StorageOS step inside a chaos run (kind kill-storageos-gap): a StorageOSCluster on the
// stand-in API server pointing at the old members, and the check that it ends Running on the new ones.
import { join } from 'node:path';
import type { K8sStandIn } from '../k8s-standin/server.js';
import type { LabHost } from '../helpers/lab.js';
import { storageosCluster } from '../modules/k8s/standin-fixture.js';

const API = { apiVersion: 'storageos.com/v1', plural: 'storageosclusters', namespace: 'storageos' };

/** Seeds `name` pointing at `old`, and returns the playbook's `storageos` settings for it. */
export function seedStorageos(api: K8sStandIn, kubeconfig: string, dir: string, name: string, old: LabHost[]): Record<string, unknown> {
  api.seed(API.apiVersion, API.plural, API.namespace, storageosCluster(old.map((h) => `${h.ip}:2379`).join(','), name, API.namespace));
  return { enabled: true, name, namespace: API.namespace, kubeconfig, backup_dir: join(dir, 'storageos-backups'), wait_timeout: 60 };
}

/**
 * Removes the run's StorageOSCluster: the stand-in operator, like the real one, refuses a second
 * cluster, so one left by an earlier run would keep the next run's recreate Pending.
 */
export function removeStorageos(api: K8sStandIn, name: string): void {
  api.remove(API.apiVersion, API.plural, API.namespace, name);
}

/** What is wrong with the StorageOSCluster at the end: missing, not Running, or not pointing at exactly `fresh`. */
export function storageosProblems(api: K8sStandIn, name: string, fresh: LabHost[]): string[] {
  const cr = api.object(API.apiVersion, API.plural, API.namespace, name);
  if (!cr) return [`StorageOSCluster ${name} missing at the end`];
  const address = String(cr.spec?.kvBackend?.address ?? '');
  const want = fresh.map((h) => `${h.ip}:2379`).sort().join(',');
  const problems: string[] = [];
  if (address.split(',').sort().join(',') !== want) problems.push(`StorageOSCluster ${name} points at ${address}, not ${want}`);
  if (cr.status?.phase !== 'Running') problems.push(`StorageOSCluster ${name} is ${cr.status?.phase ?? 'without status'}`);
  return problems;
}
