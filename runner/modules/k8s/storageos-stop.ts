// storageos_cluster state=stopped: back the resource up, delete it, wait until it is gone
// (the operator refuses a new cluster while the old one terminates).
import { ok, type ModuleResult } from '../types.js';
import { deleteObject, getObject } from './api.js';
import { backupPath, describeBackup, findBackup, writeBackup } from './backup.js';
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
  // While it terminates, only a backup of this very object (its uid) is the one taken before the delete.
  const { found, others } = findBackup(s.backupDir, { ...s.match, uid: live?.metadata?.uid });
  const newest = found?.path ?? null;
  if (!live) {
    if (!found) {
      throw new K8sError(`k8s: ${describeRef(ref)}: does not exist and there is no backup of it${s.match.clusterId ? ` for etcd cluster ${s.match.clusterId}` : ''} in ${s.backupDir}: nothing to stop and nothing to recreate it from${passedOver(others)}`, 404, 'NotFound');
    }
    return ok({ backup_path: found.path, backup_source: found.source, msg: `${describeRef(ref)} is already gone; backup: ${describeBackup(found.path, found.source)}` });
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
    path = writeBackup(s.backupDir, live, when, `Backup of ${describeRef(ref)} by ferry at ${when.toISOString()} (kvBackend.address ${address})`, s.match.clusterId ?? null).path;
    ctx.progress(`${describeRef(ref)}: backup written to ${path}`);
  }
  if (!live.metadata?.deletionTimestamp) await deleteObject(s.client, ref);
  ctx.progress(`${describeRef(ref)}: deleted; waiting until it is gone`);
  await waitGone(ctx, s.client, ref, s.timing);
  return ok({ changed: true, backup_path: path, diff, msg: `${describeRef(ref)} backed up to ${path} and deleted` });
}

/** The backups passed over and why, for an error message. */
export function passedOver(others: string[]): string {
  return others.length ? `; passed over: ${others.join('; ')}` : '';
}
