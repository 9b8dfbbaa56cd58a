// etcd_snapshot: save a snapshot from exactly one endpoint to the operator's machine. The stream goes
// to disk chunk by chunk (constant memory, any size) through a private temp file (0600, O_EXCL |
// O_NOFOLLOW, in a 0700 folder) renamed into place once etcd's sha256 trailer matches; beside it a
// <dest>.source.json binds the file to its source: etcd cluster ID, member, revision, time.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { TaskError } from '../../errors.js';
import { openPrivateTemp, writePrivateFile, type PrivateTemp } from '../private-files.js';
import { fail, ok, type ArgsOf, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { connArgsProperties, connect } from './client.js';
import { etcdTaskError } from './errors.js';
import { hexId } from './members.js';
import { SnapshotDigest, type SnapshotCheck } from './snapshot-digest.js';

export { checkSnapshot, type SnapshotCheck } from './snapshot-digest.js';

/** Arguments of etcd_snapshot. */
const snapshotArgsSchema = {
  type: 'object',
  properties: {
    ...connArgsProperties,
    dest: { type: 'string', minLength: 1, description: "path on the operator's machine (relative to the playbook's directory)" },
    timeout: { type: 'number', exclusiveMinimum: 0, description: 'seconds the whole transfer may take (default 600)' },
  },
  required: ['endpoints', 'dest'],
  additionalProperties: false,
} as const;

/** Arguments of etcd_snapshot, as the module receives them. */
export type SnapshotArgs = ArgsOf<typeof snapshotArgsSchema>;

/** Where the snapshot came from. */
interface Origin {
  clusterId: string;
  memberId: string;
  revision: number;
}

/** Streams the snapshot into the temp file, pausing the gRPC stream while the disk catches up. */
async function download(ctx: ModuleContext, args: SnapshotArgs, endpoint: string, temp: PrivateTemp): Promise<Origin & { check: SnapshotCheck }> {
  const conn = await connect(ctx, args, endpoint);
  // etcd 3.4 sends no header in the stream: the revision just before is a lower bound.
  type Header = { header: { revision: string; cluster_id: string; member_id: string } };
  const before = await conn.call('revision', (c) => c.raw<Header>('KV', 'range', { key: Buffer.from([0]), count_only: true }));
  const out = createWriteStream('', { fd: temp.fd, autoClose: false });
  const digest = new SnapshotDigest();
  const stream = await conn.client.maintenance.snapshot({ deadline: Date.now() + (args.timeout ?? 600) * 1000 });
  const source = stream as unknown as Readable;
  const revision = await new Promise<number>((resolveRev, reject) => {
    let rev = -1;
    stream.on('data', (msg) => {
      if (rev < 0) rev = Number(msg.header?.revision ?? 0);
      digest.update(msg.blob);
      if (!out.write(msg.blob)) {
        source.pause();
        out.once('drain', () => source.resume());
      }
    });
    stream.on('error', (e) => reject(etcdTaskError(endpoint, 'snapshot', e, ctx.host)));
    out.on('error', (e) => reject(new TaskError(`writing the snapshot to ${temp.tmp}: ${e.message}`, { host: ctx.host, task: ctx.task }, { cause: e })));
    stream.on('end', () => out.end(() => resolveRev(rev > 0 ? rev : Number(before.header.revision))));
  });
  return { revision, clusterId: hexId(before.header.cluster_id), memberId: hexId(before.header.member_id), check: digest.result() };
}

/** `etcdctl snapshot status` when etcdctl is on PATH, as a second opinion that bolt can open it. */
async function etcdctlStatus(path: string): Promise<Record<string, unknown> | null> {
  try {
    const { stdout } = await promisify(execFile)('etcdctl', ['snapshot', 'status', path, '-w', 'json'], { env: { ...process.env, ETCDCTL_API: '3' }, timeout: 30000 });
    return JSON.parse(stdout) as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TaskError(`etcdctl snapshot status ${path} failed: ${((e as { stderr?: string }).stderr ?? String(e)).trim()}`, {});
  }
}

/** Runs etcd_snapshot. */
async function run(args: SnapshotArgs, ctx: ModuleContext): Promise<ModuleResult> {
  if (args.endpoints.length !== 1) return fail(`snapshot must target exactly one endpoint; got ${args.endpoints.length}`);
  const endpoint = args.endpoints[0]!;
  const dest = resolve(ctx.baseDir, args.dest);
  if (ctx.check) return ok({ msg: `would save a snapshot of ${endpoint} to ${dest}`, path: dest });
  const temp = openPrivateTemp(dest);
  try {
    const got = await download(ctx, args, endpoint, temp);
    const { check } = got;
    if (!check.trailerOk) return fail(`snapshot from ${endpoint} is damaged: its sha256 trailer does not match (${check.size} bytes)`);
    const status = await etcdctlStatus(temp.tmp);
    const revision = typeof status?.revision === 'number' ? status.revision : got.revision;
    const source = {
      etcd_cluster_id: got.clusterId, member_id: got.memberId, endpoint, revision, taken_at: new Date().toISOString(), size: check.size, sha256: check.sha256,
    };
    const sourcePath = `${dest}.source.json`;
    writePrivateFile(sourcePath, `${JSON.stringify(source, null, 2)}\n`);
    temp.commit();
    return ok({
      changed: true, msg: `saved ${check.size} bytes from ${endpoint} (etcd cluster ${got.clusterId}) at revision ${revision} to ${dest}`,
      path: dest, source_path: sourcePath, cluster_id: got.clusterId, size: check.size, sha256: check.sha256, revision, ...(status ? { etcdctl_status: status } : {}),
    });
  } finally {
    temp.discard();
  }
}

/** The etcd_snapshot module. */
export const etcdSnapshot: Module<SnapshotArgs> = {
  name: 'etcd_snapshot',
  description: "Saves a snapshot from exactly one etcd endpoint to the operator's machine and verifies it",
  argsSchema: snapshotArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
