// storageos_cluster state=checked: the migration's preflight. The StorageOSCluster must exist, or
// else a backup that this migration wrote for this etcd cluster must prove an earlier run deleted it:
// a misspelt name must stop the run before anything changes, not after the joins.
import { fail, ok, type ModuleResult } from '../types.js';
import { getObject } from './api.js';
import { describeBackup, findBackup } from './backup.js';
import { describeRef } from './discovery.js';
import type { StorageosStep } from './storageos-args.js';
import { passedOver } from './storageos-stop.js';

/** Reads the resource; fails when it is missing with no bound backup. Changes nothing. */
export async function check(s: StorageosStep): Promise<ModuleResult> {
  const { ref } = s;
  const live = await getObject(s.client, ref);
  if (live) {
    const address = String(live.spec?.kvBackend?.address ?? '');
    return ok({
      exists: true, uid: live.metadata?.uid, resource_version: live.metadata?.resourceVersion, kv_address: address,
      msg: `${describeRef(ref)} exists (uid ${String(live.metadata?.uid)}, kvBackend.address ${address})`,
    });
  }
  const { found, others } = findBackup(s.backupDir, s.match);
  if (!found) {
    const of = s.match.clusterId ? ` for etcd cluster ${s.match.clusterId}` : '';
    return fail(`k8s: ${describeRef(ref)} does not exist (check storageos.name and storageos.namespace), and no backup of it${of} in ${s.backupDir} shows that an earlier run deleted it${passedOver(others)}`);
  }
  return ok({
    exists: false, backup_path: found.path, backup_source: found.source,
    msg: `${describeRef(ref)} is gone: an earlier run of this migration deleted it; backup ${describeBackup(found.path, found.source)}`,
  });
}
