// Arguments of `storageos_cluster`, and what both of its states share.
import type { ArgsOf, ModuleContext } from '../types.js';
import { DEFAULT_WAIT, connectionProperties } from './args.js';
import type { K8sClient } from './client.js';
import { resolveResource, type ResourceRef } from './discovery.js';
import { isAbsolute, resolve } from 'node:path';
import type { WaitTiming } from './wait.js';
import type { BackupMatch } from './backup.js';

/** JSON Schema of what `storageos_cluster` accepts. */
export const storageosArgsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'namespace', 'state'],
  properties: {
    name: { type: 'string', minLength: 1 },
    namespace: { type: 'string', minLength: 1 },
    state: { enum: ['checked', 'stopped', 'started'], description: 'checked: preflight, changes nothing; stopped: back up and delete; started: recreate' },
    etcd_cluster_id: { type: 'string', description: 'the etcd cluster (hex ID) being migrated: backups are bound to it, and only its own are used' },
    backup_dir: { type: 'string', description: 'where backups go (and are looked for); relative to the playbook directory' },
    backup_path: { type: 'string', description: 'started: recreate from this file instead of the newest backup' },
    kv_address_from: { type: 'array', items: { type: 'string' }, minItems: 1, description: "the new members' client URLs; required for started, optional for stopped (skip if already there)" },
    wait_running: { type: 'boolean', description: 'started: wait for status.phase Running (default true)' },
    api_version: { type: 'string' },
    ...connectionProperties,
  },
} as const;

/** What `storageos_cluster` accepts, derived from its schema. */
export type StorageosArgs = ArgsOf<typeof storageosArgsSchema>;

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
