// storageos_cluster state=started: recreate the resource from its backup with the new members'
// addresses (in the style it had), then wait until the operator reports it Running.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ok, type ModuleResult } from '../types.js';
import { createObject, getObject, type KObject } from './api.js';
import { describeBackup, findBackup, readBackup, siblings, writeDerived } from './backup.js';
import { describeRef } from './discovery.js';
import { K8sError } from './errors.js';
import { objectDiff } from './k8s.js';
import { formatKvAddress, sameEndpoints } from './kv-address.js';
import { stripServerFields } from './objects.js';
import { kubectlCreate, type StorageosStep } from './storageos-args.js';
import { passedOver } from './storageos-stop.js';
import { waitForField, waitGone } from './wait.js';

const RUNNING = { field: 'status.phase', equals: 'Running' };

/** The object to create: the backup without server fields, with the new address. */
export function recreatedObject(backup: KObject, clientUrls: string[]): KObject {
  const original = backup.spec?.kvBackend?.address;
  if (typeof original !== 'string' || original === '') throw new Error('the backup has no spec.kvBackend.address');
  const obj = stripServerFields(backup);
  obj.spec.kvBackend.address = formatKvAddress(clientUrls, original);
  return obj;
}

// The backup named by backup_path, else the newest one bound to this cluster and resource; says which.
function chooseBackup(s: StorageosStep): { path: string; about: string } {
  const { args, ref } = s;
  if (args.backup_path) {
    const p = isAbsolute(args.backup_path) ? args.backup_path : resolve(s.ctx.baseDir, args.backup_path);
    if (!existsSync(p)) throw new K8sError(`k8s: ${describeRef(ref)}: backup ${p} does not exist`, 0, 'NoBackup');
    return { path: p, about: `${p} (given as backup_path)` };
  }
  const { found, others } = findBackup(s.backupDir, s.match);
  if (!found) {
    const of = s.match.clusterId ? ` for etcd cluster ${s.match.clusterId}` : '';
    throw new K8sError(`k8s: ${describeRef(ref)}: is gone and there is no backup of it${of} in ${s.backupDir}${passedOver(others)}`, 0, 'NoBackup');
  }
  return { path: found.path, about: describeBackup(found.path, found.source) };
}

async function waitRunning(s: StorageosStep, backup: string | undefined): Promise<KObject | undefined> {
  if (s.args.wait_running === false) return undefined;
  try {
    return await waitForField(s.ctx, s.client, s.ref, RUNNING, s.timing);
  } catch (err) {
    const now = await getObject(s.client, s.ref).catch(() => null);
    const why = now?.status?.message ? ` (operator: ${now.status.message})` : '';
    throw new K8sError(`${(err as Error).message}${why}${backup ? `; recreated from backup ${backup}` : ''}`, 0, 'Timeout', { cause: err });
  }
}

/** Recreates from the backup; idempotent (already there with the new address → ok, unchanged). */
export async function start(s: StorageosStep): Promise<ModuleResult> {
  const { ctx, ref, args } = s;
  const urls = args.kv_address_from;
  if (!urls || urls.length === 0) throw new Error('state=started needs `kv_address_from` (the new members\' client URLs)');
  let live = await getObject(s.client, ref);
  if (live?.metadata?.deletionTimestamp && !ctx.check) {
    await waitGone(ctx, s.client, ref, s.timing);
    live = null;
  }
  if (live) {
    const address = String(live.spec?.kvBackend?.address ?? '');
    if (!sameEndpoints(address, formatKvAddress(urls, address || 'x'))) {
      throw new K8sError(`k8s: ${describeRef(ref)}: exists with kvBackend.address ${address}, not the new members (${urls.join(', ')}); stop it first (state: stopped)`, 409, 'Exists');
    }
    const object = ctx.check ? live : (await waitRunning(s, undefined)) ?? live;
    return ok({ kv_address: address, object, msg: `${describeRef(ref)} already runs with the new address ${address}` });
  }
  const chosen = chooseBackup(s);
  const backup = chosen.path;
  const desired = recreatedObject(readBackup(backup), urls);
  const address = desired.spec.kvBackend.address;
  const diff = ctx.diff ? objectDiff(ref, null, desired) : undefined;
  if (ctx.check) return ok({ changed: true, backup_path: backup, kv_address: address, diff, msg: `would recreate ${describeRef(ref)} from ${chosen.about} with ${address}` });
  const files = siblings(backup);
  if (!existsSync(files.restore)) writeDerived(files.restore, stripServerFields(readBackup(backup)), `Restore-ready copy of ${backup} (the original address)`);
  writeDerived(files.recreate, desired, `${describeRef(ref)} with the new kvBackend.address, as ferry creates it`);
  ctx.progress(`${describeRef(ref)}: recreating from ${chosen.about} with kvBackend.address ${address}`);
  let created: KObject;
  try {
    created = await createObject(s.client, ref, desired);
  } catch (err) {
    throw new K8sError(
      `${(err as Error).message}\nrecreating ${describeRef(ref)} failed; StorageOS is NOT running. The backup is ${backup}.\n` +
      `Restore by hand with the new address: ${kubectlCreate(args, files.recreate)}\n` +
      `or exactly as it was (old address): ${kubectlCreate(args, files.restore)}`,
      err instanceof K8sError ? err.code : 0, 'RecreateFailed', { cause: err });
  }
  const running = await waitRunning(s, backup);
  return ok({ changed: true, backup_path: backup, kv_address: address, object: running ?? created, msg: `${describeRef(ref)} recreated from ${chosen.about} with ${address}` });
}
