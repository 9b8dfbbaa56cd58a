// etcd_version: may this etcd binary join this cluster? etcd refuses a member older than the cluster
// version (no downgrade) and upgrades one minor at a time; anything else makes a mixed cluster that
// etcd would refuse or break later. A pure rule plus a module the preflight calls per new host.
import { fail, ok, type Module } from '../types.js';
import { parseVersion } from './topology-assess.js';

/** Arguments of etcd_version. */
export interface VersionArgs {
  /** The new host's binary output, e.g. `etcd Version: 3.4.23` (first line of `etcd --version`). */
  binary: string;
  /** The cluster's version (the lowest member version etcd reports). */
  cluster: string;
}

/** Why `binary` may not join a cluster at `cluster`, or null when it may (same minor, or one minor newer). */
export function versionProblem(binary: string, cluster: string): string | null {
  const b = parseVersion(/(\d+\.\d+(?:\.\d+)?)/.exec(binary)?.[1]);
  const c = parseVersion(cluster);
  if (!b) return `cannot read the etcd binary's version from "${binary.trim()}"`;
  if (!c) return `the cluster's etcd version is unknown ("${cluster}")`;
  const [bv, cv] = [b.join('.'), c.join('.')];
  if (b[0] !== c[0]) return `etcd ${bv} cannot join a cluster at ${cv}: a different major version`;
  if (b[1] < c[1]) return `etcd ${bv} is older than the cluster (${cv}): etcd refuses a member below the cluster version`;
  if (b[1] > c[1] + 1) return `etcd ${bv} is more than one minor version newer than the cluster (${cv}): etcd upgrades one minor at a time`;
  return null;
}

/** The etcd_version module. */
export const etcdVersion: Module<VersionArgs> = {
  name: 'etcd_version',
  description: "Refuses an etcd binary that may not join the cluster: older minor than the cluster's, or more than one minor newer",
  argsSchema: {
    type: 'object',
    properties: { binary: { type: 'string' }, cluster: { type: 'string' } },
    required: ['binary', 'cluster'],
    additionalProperties: false,
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  async run(args) {
    const problem = versionProblem(args.binary, args.cluster);
    return problem ? fail(`preflight: ${problem}`) : ok({ msg: `etcd ${args.binary.trim()} may join the cluster at ${args.cluster}` });
  },
};
