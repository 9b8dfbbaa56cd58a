// etcd_snapshot: save a snapshot from exactly one endpoint to the operator's machine, atomically
// (temp + rename), and check it: etcd appends the sha256 of the db to the stream, which must match.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TaskError } from '../../errors.js';
import { fail, ok, type Module, type ModuleContext, type ModuleResult } from '../types.js';
import { connArgsProperties, connect, type ConnArgs } from './client.js';
import { etcdTaskError } from './errors.js';

/** Arguments of etcd_snapshot. */
export interface SnapshotArgs extends ConnArgs {
  /** Path on the operator's machine (relative to the playbook's directory). */
  dest: string;
  /** Seconds the whole transfer may take (default 600). */
  timeout?: number;
}

/** What a snapshot file's own trailer says about it. */
export interface SnapshotCheck {
  size: number;
  sha256: string;
  /** True when the last 32 bytes are the sha256 of everything before them (etcd's trailer). */
  trailerOk: boolean;
}

/** Checks etcd's appended sha256 over the db bytes. */
export function checkSnapshot(data: Buffer): SnapshotCheck {
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (data.length <= 32) return { size: data.length, sha256, trailerOk: false };
  const body = data.subarray(0, data.length - 32);
  const trailer = data.subarray(data.length - 32);
  return { size: data.length, sha256, trailerOk: createHash('sha256').update(body).digest().equals(trailer) };
}

/** Streams the snapshot into `tmp`; resolves with the revision of the first header. */
async function download(ctx: ModuleContext, args: SnapshotArgs, endpoint: string, tmp: string): Promise<{ revision: number; data: Buffer }> {
  const conn = await connect(ctx, args, endpoint);
  // etcd 3.4 sends no header in the stream: the revision just before is a lower bound.
  const before = await conn.call('revision', (c) => c.raw<{ header: { revision: string } }>('KV', 'range', { key: Buffer.from([0]), count_only: true }));
  const file = await open(tmp, 'w', 0o600);
  const chunks: Buffer[] = [];
  try {
    const stream = await conn.client.maintenance.snapshot({ deadline: Date.now() + (args.timeout ?? 600) * 1000 });
    const revision = await new Promise<number>((resolveRev, reject) => {
      let rev = -1;
      stream.on('data', (msg) => {
        if (rev < 0) rev = Number(msg.header?.revision ?? 0);
        chunks.push(msg.blob);
      });
      stream.on('error', (e) => reject(etcdTaskError(endpoint, 'snapshot', e, ctx.host)));
      stream.on('end', () => resolveRev(rev > 0 ? rev : Number(before.header.revision)));
    });
    const data = Buffer.concat(chunks);
    await file.write(data);
    await file.sync();
    return { revision, data };
  } finally {
    await file.close();
  }
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
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.part-${process.pid}`;
  try {
    const { data, ...got } = await download(ctx, args, endpoint, tmp);
    let revision = got.revision;
    const check = checkSnapshot(data);
    if (!check.trailerOk) return fail(`snapshot from ${endpoint} is damaged: its sha256 trailer does not match (${check.size} bytes)`);
    const status = await etcdctlStatus(tmp);
    await rename(tmp, dest);
    if (typeof status?.revision === 'number') revision = status.revision;
    return ok({ changed: true, msg: `saved ${check.size} bytes from ${endpoint} at revision ${revision} to ${dest}`, path: dest, size: check.size, sha256: check.sha256, revision, ...(status ? { etcdctl_status: status } : {}) });
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The etcd_snapshot module. */
export const etcdSnapshot: Module<SnapshotArgs> = {
  name: 'etcd_snapshot',
  description: "Saves a snapshot from exactly one etcd endpoint to the operator's machine and verifies it",
  argsSchema: {
    type: 'object',
    properties: { ...connArgsProperties, dest: { type: 'string', minLength: 1 }, timeout: { type: 'number', exclusiveMinimum: 0 } },
    required: ['endpoints', 'dest'],
    additionalProperties: false,
  },
  supportsCheck: true,
  supportsDiff: false,
  controlSide: true,
  run,
};
