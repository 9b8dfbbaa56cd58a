// copy: puts `content` or a local `src` file at `dest`, transferring only when the sha256
// differs, and fixing mode/owner/group only where they differ.
import { readFile } from 'node:fs/promises';
import { FerryError } from '../errors.js';
import { modeSchema, parseMode } from './support/attributes.js';
import { ensureContent } from './support/file-content.js';
import { destInDir, findLocalSource } from './support/local-source.js';
import { defineModule } from './types.js';

/** JSON Schema properties copy and template share. */
export const fileTargetProperties = {
  dest: { type: 'string', minLength: 1, description: 'absolute path on the host' },
  mode: modeSchema,
  owner: { type: 'string' },
  group: { type: 'string' },
  backup: { type: 'boolean', description: 'keep the old file as dest.<timestamp>~' },
} as const;

/** The copy module. */
export const copyModule = defineModule({
  name: 'copy',
  description: 'Copy content or a local file to the host; transfers only on a checksum difference',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['dest'],
    properties: {
      content: { type: 'string', description: 'the file content, given inline' },
      src: { type: 'string', description: 'local file, relative to the playbook directory' },
      ...fileTargetProperties,
    },
    oneOf: [{ required: ['content'] }, { required: ['src'] }],
  },
  supportsCheck: true,
  supportsDiff: true,
  async run(args, ctx) {
    let content: Buffer;
    let dest = args.dest;
    if (args.content !== undefined) {
      content = Buffer.from(args.content, 'utf8');
    } else if (args.src !== undefined) {
      content = await readFile(await findLocalSource(args.src, ctx.baseDir, 'files'));
      if (dest.endsWith('/')) dest = destInDir(dest, args.src);
    } else {
      throw new FerryError('copy: give content or src');
    }
    return ensureContent(ctx, { dest, content, mode: parseMode(args.mode), owner: args.owner, group: args.group, backup: args.backup });
  },
});
