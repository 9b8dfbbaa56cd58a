// fetch: a file from the host to the operator's machine, at dest/<inventory_hostname>/<src> (or
// dest itself with flat), copied only when the sha1 differs. Written as a private file (0600 in
// 0700 folders, temp + rename): fetched files are often keys and configs holding secrets.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { FerryError } from '../../errors.js';
import { readFact } from '../facts/fact.js';
import { fileStat } from '../facts/file-stat.js';
import { writePrivateFile } from '../private-files.js';
import { defineModule, fail, ok, type ModuleContext } from '../types.js';

/** The local path the file goes to, as Ansible computes it; refuses a path that leaves dest (`..`). */
export function fetchDest(ctx: Pick<ModuleContext, 'host' | 'baseDir'>, src: string, dest: string, flat: boolean): string {
  const base = isAbsolute(dest) ? dest : resolve(ctx.baseDir, dest);
  let out: string;
  if (flat) {
    out = dest.endsWith('/') ? join(base, basename(src)) : base;
    if (!dest.endsWith('/') && existsSync(out) && statSync(out).isDirectory()) throw new FerryError(`fetch: dest ${dest} is an existing directory; end it with / to fetch into it`);
  } else {
    out = normalize(join(base, ctx.host, src));
    if (relative(base, out).startsWith('..')) throw new FerryError(`fetch: ${src} would be written outside ${dest}`);
  }
  return out;
}

const sha1 = (b: Buffer): string => createHash('sha1').update(b).digest('hex');

/** The fetch module. */
export const fetchModule = defineModule({
  name: 'fetch',
  description: "Copy a file from the host to dest/<host>/<src> on the operator's machine (flat: dest itself)",
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string', minLength: 1, description: 'the file on the host' },
      dest: { type: 'string', minLength: 1, description: 'local folder (or file, with flat), relative to the playbook' },
      flat: { type: 'boolean', default: false, description: 'write to dest itself (dest/ ending in a slash: dest/<basename>)' },
      fail_on_missing: { type: 'boolean', default: true },
      validate_checksum: { type: 'boolean', default: true, description: 'compare the copy with the remote sha1' },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const dest = fetchDest(ctx, args.src, args.dest, args.flat);
    const remote = await readFact(ctx, fileStat(args.src, { follow: true, checksum: true }));
    if (!remote.exists || remote.isdir) {
      const why = remote.exists ? 'remote file is a directory, fetch cannot work on directories' : `the remote file does not exist: ${args.src}`;
      return args.fail_on_missing ? fail(`${ctx.host}: ${why}`, { file: args.src }) : ok({ msg: `${why}, not transferring, ignored`, file: args.src });
    }
    const local = existsSync(dest) ? sha1(readFileSync(dest)) : undefined;
    if (local === remote.checksum) return ok({ dest, file: args.src, checksum: local, msg: `${dest} is up to date` });
    if (ctx.check) return ok({ changed: true, dest, file: args.src, checksum: remote.checksum, msg: `would fetch ${args.src} to ${dest}` });
    const data = await ctx.transport.getFile(args.src, { become: ctx.become });
    if (data === null) return fail(`${ctx.host}: ${args.src} went away while fetching it`);
    if (args.validate_checksum && sha1(data) !== remote.checksum) return fail(`${ctx.host}: checksum mismatch fetching ${args.src} (the file changed while it was read?)`, { file: args.src, dest });
    writePrivateFile(dest, data);
    return ok({ changed: true, dest, file: args.src, checksum: sha1(data), remote_checksum: remote.checksum, msg: `fetched ${args.src} to ${dest}` });
  },
});
