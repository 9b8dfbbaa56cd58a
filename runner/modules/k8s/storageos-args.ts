// Arguments of `storageos_cluster`, and what both of its states share.
import type { ArgsSchema, ModuleContext } from '../types.js';
import { DEFAULT_WAIT, connectionProperties } from './args.js';
import type { K8sClient } from './client.js';
import { resolveResource, type ResourceRef } from './discovery.js';
import { isAbsolute, resolve } from 'node:path';
import type { WaitTiming } from './wait.js';
import type { BackupMatch } from './backup.js';

/** What `storageos_cluster` accepts. */
export interface StorageosArgs {
  name: string;
  namespace: string;
  /** checked: preflight, changes nothing; stopped: back up and delete; started: recreate. */
  state: 'checked' | 'stopped' | 'started';
  /** The etcd cluster (hex ID) being migrated: backups are bound to it, and only its own are used. */
  etcd_cluster_id?: string;
  /** Where backups go (and are looked for); relative to the playbook directory. */
  backup_dir?: string;
  /** started: recreate from this file instead of the newest backup. */
  backup_path?: string;
  /** The new members' client URLs; required for started, optional for stopped (skip if already there). */
  kv_address_from?: string[];
  /** started: wait for status.phase Running (default true). */
  wait_running?: boolean;
  api_version?: string;
  wait_timeout?: number;
  wait_sleep?: number;
  kubeconfig?: string;
  context?: string;
}

/** JSON Schema of StorageosArgs. */
export const storageosArgsSchema: ArgsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'namespace', 'state'],
  properties: {
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string', minLength: 1 },
    state: { enum: ['checked', 'stopped', 'started'] },
    etcd_cluster_id: { type: 'string' },
    backup_dir: { type: 'string' },
    backup_path: { type: 'string' },
    kv_address_from: { type: 'array', items: { type: 'string' }, minItems: 1 },
    wait_running: { type: 'boolean' },
    api_version: { type: 'string' },
    ...connectionProperties,
  },
};

/** Everything a state needs: the client, the object's address, files and timing. */
export interface StorageosStep {
  ctx: ModuleContext;
  args: StorageosArgs;
  client: K8sClient;
  ref: ResourceRef;
  backupDir: string;
  timing: WaitTiming;
  /** Which backups belong to this step: this resource, of this etcd cluster. */
  match: BackupMatch;
}

/** Builds the step: client from the shared cache, StorageOSCluster found through discovery. */
export async function prepare(args: StorageosArgs, ctx: ModuleContext): Promise<StorageosStep> {
  // client.js pulls in @kubernetes/client-node (~0.8 s): load it when a k8s task runs, not at start-up.
  const { clientFor } = await import('./client.js');
  const client = await clientFor(ctx, { kubeconfig: args.kubeconfig, context: args.context });
  const ref = await resolveResource(client, {
    apiVersion: args.api_version ?? 'storageos.com/v1', kind: 'StorageOSCluster', name: args.name, namespace: args.namespace,
  });
  const dir = args.backup_dir || 'storageos-backups';
  return {
    ctx, args, client, ref,
    backupDir: isAbsolute(dir) ? dir : resolve(ctx.baseDir, dir),
    timing: { timeout: args.wait_timeout ?? DEFAULT_WAIT.timeout, sleep: args.wait_sleep ?? DEFAULT_WAIT.sleep },
    match: { namespace: ref.namespace!, name: ref.name, clusterId: args.etcd_cluster_id || null },
  };
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The kubectl command line that creates `file` with the same credentials the task used. */
export function kubectlCreate(args: Pick<StorageosArgs, 'kubeconfig' | 'context'>, file: string): string {
  return ['kubectl', ...(args.kubeconfig ? ['--kubeconfig', args.kubeconfig] : []),
    ...(args.context ? ['--context', args.context] : []), 'create', '-f', file].map(shellQuote).join(' ');
}
