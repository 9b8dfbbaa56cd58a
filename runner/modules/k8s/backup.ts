// Backup files of a StorageOSCluster on the operator's machine. Three files share one stem:
//   <stem>.yaml          the object exactly as the server returned it (the record);
//   <stem>.restore.yaml  the same without server-set fields: `kubectl create -f` brings it back
//                        as it was (`kubectl apply` on the exact copy fails on uid/resourceVersion);
//   <stem>.recreate.yaml what ferry is about to create (new address), written before it tries.
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
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
export function siblings(path: string): { restore: string; recreate: string } {
  const stem = path.replace(/\.yaml$/, '');
  return { restore: `${stem}.restore.yaml`, recreate: `${stem}.recreate.yaml` };
}

// Written under a temporary name then renamed, so an interrupted write never leaves a
// half file that a rerun would take for the newest backup.
function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** Writes the exact backup and its restore-ready copy; returns both paths. */
export function writeBackup(dir: string, obj: KObject, when: Date, note: string): { path: string; restore: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = backupPath(dir, obj.metadata.namespace, obj.metadata.name, when);
  const { restore } = siblings(path);
  writeAtomic(restore, `# ${note}\n# Restore-ready (server fields removed): kubectl create -f ${restore}\n${toYaml(stripServerFields(obj))}`);
  writeAtomic(path, `# ${note}\n# Exact copy from the API server; to restore use ${restore}\n${toYaml(obj)}`);
  return { path, restore };
}

/** Writes a derived file (restore-ready or recreate copy) next to a backup. */
export function writeDerived(path: string, obj: KObject, note: string): void {
  writeAtomic(path, `# ${note}\n${toYaml(obj)}`);
}

/** Reads a backup file back into an object. */
export function readBackup(path: string): KObject {
  const obj = parse(readFileSync(path, 'utf8'));
  if (!obj?.spec || !obj?.metadata?.name) throw new Error(`${path} does not hold a StorageOSCluster`);
  return obj;
}

/** The newest backup of this object in `dir`, or null (derived files are not backups). */
export function newestBackup(dir: string, namespace: string, name: string): string | null {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return null;
  }
  const re = new RegExp(`^${prefix(namespace, name).replace(/[.]/g, '\\.')}\\d{8}T\\d{9}Z\\.yaml$`);
  const backups = files.filter((f) => re.test(f)).sort();
  return backups.length > 0 ? join(dir, backups[backups.length - 1]) : null;
}
