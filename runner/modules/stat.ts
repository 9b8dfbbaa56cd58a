// stat: reads a path's facts (exists, kind, mode, owner, size, times, sha1) into `stat`, as Ansible's.
import { readFact } from './facts/fact.js';
import { fileStat } from './facts/file-stat.js';
import { defineModule, ok } from './types.js';

/** The stat module: changes nothing, so it runs in check mode too. */
export const statModule = defineModule({
  name: 'stat',
  description: 'Read a path: exists, isdir/isreg/islnk, mode, owner, size, mtime, sha1 checksum (into stat)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: { type: 'string', minLength: 1 },
      follow: { type: 'boolean', default: false, description: 'follow a final symlink' },
      get_checksum: { type: 'boolean', default: true, description: "a regular file's sha1" },
    },
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const stat = await readFact(ctx, fileStat(args.path, { follow: args.follow ?? false, checksum: args.get_checksum ?? true }));
    return ok({ stat, msg: stat.exists ? `${args.path} exists` : `${args.path} does not exist` });
  },
});
