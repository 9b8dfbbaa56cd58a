// storageos_cluster state=stopped: back the resource up, delete it, wait until it is gone
// (the operator refuses a new cluster while the old one terminates).
import { ok, type ModuleResult } from '../types.js';
import { deleteObject, getObject } from './api.js';
import { newestBackup, writeBackup, backupPath } from './backup.js';
import { describeRef } from './discovery.js';
import { K8sError } from './errors.js';
import { objectDiff } from './k8s.js';
import { formatKvAddress, sameEndpoints } from './kv-address.js';
import type { StorageosStep } from './storageos-args.js';
import { waitGone } from './wait.js';

/** Backs up, deletes and waits; idempotent (gone with a backup → ok, unchanged). */
export async function stop(s: StorageosStep): Promise<ModuleResult> {
  const { ctx, ref, args } = s;
  const live = await getObject(s.client, ref);
  const newest = newestBackup(s.backupDir, ref.namespace!, ref.name);
  if (!live) {
    if (!newest) {
      throw new K8sError(`k8s: ${describeRef(ref)}: does not exist and there is no backup of it in ${s.backupDir}: nothing to stop and nothing to recreate it from`, 404, 'NotFound');
    }
    return ok({ backup_path: newest, msg: `${describeRef(ref)} is already gone; backup: ${newest}` });
  }
  const address = live.spec?.kvBackend?.address;
  if (args.kv_address_from && typeof address === 'string' && !live.metadata?.deletionTimestamp
    && sameEndpoints(address, formatKvAddress(args.kv_address_from, address))) {
    // A rerun after the migration finished: stopping StorageOS again would be needless downtime.
    return ok({ backup_path: newest ?? undefined, msg: `${describeRef(ref)} already points at the new members (${address}); left running` });
  }
  const diff = ctx.diff ? objectDiff(ref, live, null) : undefined;
  if (ctx.check) {
    return ok({ changed: true, backup_path: backupPath(s.backupDir, ref.namespace!, ref.name, new Date()), diff, msg: `would back up and delete ${describeRef(ref)}` });
  }
  let path = newest;
  // Interrupted while it terminated: the backup taken before the delete is the one to keep.
  if (!live.metadata?.deletionTimestamp || !newest) {
    const when = new Date();
    path = writeBackup(s.backupDir, live, when, `Backup of ${describeRef(ref)} by ferry at ${when.toISOString()} (kvBackend.address ${address})`).path;
    ctx.progress(`${describeRef(ref)}: backup written to ${path}`);
  }
  if (!live.metadata?.deletionTimestamp) await deleteObject(s.client, ref);
  ctx.progress(`${describeRef(ref)}: deleted; waiting until it is gone`);
  await waitGone(ctx, s.client, ref, s.timing);
  return ok({ changed: true, backup_path: path, diff, msg: `${describeRef(ref)} backed up to ${path} and deleted` });
}
