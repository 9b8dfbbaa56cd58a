// template: renders a Handlebars file for this host (file mode: strict, no control characters
// from variables) and makes `dest` hold the result, like copy. Gives a diff under --diff.
import { readFile } from 'node:fs/promises';
import { fileTargetProperties } from './copy.js';
import { parseMode } from './support/attributes.js';
import { ensureContent } from './support/file-content.js';
import { findLocalSource } from './support/local-source.js';
import { defineModule } from './types.js';

/** The template module. `src` is looked up in the playbook dir, its templates/, then ./templates/. */
export const templateModule = defineModule({
  name: 'template',
  description: 'Render a Handlebars template for the host and write it to dest (idempotent, diff)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['src', 'dest'],
    properties: {
      src: { type: 'string', description: 'template file: playbook dir, then templates/ beside it, then ./templates/' },
      ...fileTargetProperties,
    },
  },
  supportsCheck: true,
  supportsDiff: true,
  argRoles: { templateFiles: ['src'] },
  async run(args, ctx) {
    const path = await findLocalSource(args.src, ctx.baseDir, 'templates');
    const rendered = ctx.render(await readFile(path, 'utf8'), path);
    const result = await ensureContent(ctx, {
      dest: args.dest,
      content: Buffer.from(rendered, 'utf8'),
      mode: parseMode(args.mode),
      owner: args.owner,
      group: args.group,
      backup: args.backup,
    });
    return { ...result, src: path };
  },
});
