// The `storageos_cluster` module: the StorageOS step of an etcd migration. `stopped` backs the
// StorageOSCluster up and deletes it; `started` recreates it pointed at the new etcd members.
import { fail, type Module } from '../types.js';
import { prepare, storageosArgsSchema, type StorageosArgs } from './storageos-args.js';
import { check } from './storageos-check.js';
import { start } from './storageos-start.js';
import { stop } from './storageos-stop.js';

export { recreatedObject } from './storageos-start.js';

/** The `storageos_cluster` module. */
export const storageosClusterModule: Module<StorageosArgs> = {
  name: 'storageos_cluster',
  description: 'Check (exists, or a bound backup shows an earlier run deleted it), stop (back up + delete + wait gone) or start (recreate from backup with new etcd addresses + wait Running) a StorageOSCluster',
  argsSchema: storageosArgsSchema,
  supportsCheck: true,
  supportsDiff: true,
  controlSide: true,
  async run(args, ctx) {
    try {
      const step = await prepare(args, ctx);
      if (args.state === 'checked') return await check(step);
      return await (args.state === 'stopped' ? stop(step) : start(step));
    } catch (err) {
      const msg = (err as Error).message;
      return fail(msg.startsWith('k8s: ') ? msg : `k8s: storageos_cluster ${args.namespace}/${args.name}: ${msg}`);
    }
  },
};
