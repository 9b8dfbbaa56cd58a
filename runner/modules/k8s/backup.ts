// Backup files of a StorageOSCluster on the operator's machine. Four files share one stem:
//   <stem>.source.json   what the backup belongs to: the etcd cluster ID, the object's uid and
//                        resourceVersion, its kvBackend.address and the time (written first);
//   <stem>.yaml          the object exactly as the server returned it (the record; written last,
//                        so its presence means the backup is complete);
//   <stem>.restore.yaml  the same without server-set fields: `kubectl create -f` brings it back
//                        as it was (`kubectl apply` on the exact copy fails on uid/resourceVersion);
//   <stem>.recreate.yaml what ferry is about to create (new address), written before it tries.
// All are private files (0600 in a 0700 folder, never through a symlink): the spec may name secrets.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { writePrivateFile } from '../private-files.js';
import type { KObject } from './api.js';
import { stripServerFields, toYaml } from './objects.js';
// '_' cannot occur in Kubernetes names, so namespace and name never run into each other.
function prefix(namespace: string, name: string): string {
  return `storageoscluster_${namespace}_${name}_`;
}

/** A sortable UTC timestamp for file names: 20250102T030405123Z. */
export function fileTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** The backup path for an object taken at `when`. */
export function backupPath(dir: string, namespace: string, name: string, when: Date): string {
  return join(dir, `${prefix(namespace, name)}${fileTimestamp(when)}.yaml`);
}

/** The sibling files of a backup. */
export function siblings(path: string): { restore: string; recreate: string; source: string } {
  const stem = path.replace(/\.yaml$/, '');
  return { restore: `${stem}.restore.yaml`, recreate: `${stem}.recreate.yaml`, source: `${stem}.source.json` };
}

/** What a backup belongs to, recorded beside it. */
export interface BackupSource {
  /** The etcd cluster (hex ID) whose migration took it; null when the task was given none. */
  etcd_cluster_id: string | null;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: string;
  kv_address: string;
  taken_at: string;
}

/** Writes the source record, the restore-ready copy and then the exact backup; returns the paths. */
export function writeBackup(dir: string, obj: KObject, when: Date, note: string, clusterId: string | null): { path: string; restore: string; source: BackupSource } {
  const path = backupPath(dir, obj.metadata.namespace, obj.metadata.name, when);
  const files = siblings(path);
  const source: BackupSource = {
    etcd_cluster_id: clusterId, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: String(obj.metadata.uid ?? ''),
    resourceVersion: String(obj.metadata.resourceVersion ?? ''), kv_address: String(obj.spec?.kvBackend?.address ?? ''), taken_at: when.toISOString(),
  };
  writePrivateFile(files.source, `${JSON.stringify(source, null, 2)}\n`);
  const { restore } = files;
  writePrivateFile(restore, `# ${note}\n# Restore-ready (server fields removed): kubectl create -f ${restore}\n${toYaml(stripServerFields(obj))}`);
  writePrivateFile(path, `# ${note}\n# Exact copy from the API server; to restore use ${restore}\n${toYaml(obj)}`);
  return { path, restore, source };
}

/** Writes a derived file (restore-ready or recreate copy) next to a backup. */
export function writeDerived(path: string, obj: KObject, note: string): void {
  writePrivateFile(path, `# ${note}\n${toYaml(obj)}`);
}

/** Reads a backup file back into an object. */
export function readBackup(path: string): KObject {
  const obj = parse(readFileSync(path, 'utf8'));
  if (!obj?.spec || !obj?.metadata?.name) throw new Error(`${path} does not hold a StorageOSCluster`);
  return obj;
}

/** Which backups to use: this resource, of this etcd cluster, and (while it terminates) this very object. */
export interface BackupMatch {
  namespace: string;
  name: string;
  clusterId?: string | null;
  uid?: string;
}

/** The newest complete backup that matches, with its source; `others` says why the rest were passed over. */
export function findBackup(dir: string, m: BackupMatch): { found: { path: string; source: BackupSource } | null; others: string[] } {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return { found: null, others: [] };
  }
  const re = new RegExp(`^${prefix(m.namespace, m.name).replace(/[.]/g, '\\.')}\\d{8}T\\d{9}Z\\.yaml$`);
  const others: string[] = [];
  for (const f of files.filter((x) => re.test(x)).sort().reverse()) {
    const path = join(dir, f);
    const why = mismatch(path, m);
    if (typeof why === 'string') others.push(`${f}: ${why}`);
    else return { found: { path, source: why }, others };
  }
  return { found: null, others };
}

// The source record when the backup matches, else why it does not.
function mismatch(path: string, m: BackupMatch): BackupSource | string {
  const { source: sourcePath } = siblings(path);
  if (!existsSync(sourcePath)) return 'no source record (not written by this version of ferry)';
  let source: BackupSource;
  try {
    source = JSON.parse(readFileSync(sourcePath, 'utf8')) as BackupSource;
  } catch {
    return `unreadable source record ${sourcePath}`;
  }
  if (m.clusterId && source.etcd_cluster_id !== m.clusterId) return `taken for etcd cluster ${String(source.etcd_cluster_id)}, not ${m.clusterId}`;
  if (m.uid && source.uid !== m.uid) return `of object uid ${source.uid}, not the live one (${m.uid})`;
  return source;
}

/** One line naming a backup and what it belongs to. */
export function describeBackup(path: string, s: BackupSource): string {
  return `${path} (uid ${s.uid}, resourceVersion ${s.resourceVersion}, etcd cluster ${String(s.etcd_cluster_id)}, taken ${s.taken_at})`;
}
