// slurp: a file from the host, base64-encoded in `content`, as Ansible's (b64decode reads it).
import { defineModule, fail, ok } from '../types.js';

/** Files larger than this are refused: slurp holds the whole file in memory and in the result. */
export const MAX_SLURP_BYTES = 64 * 1024 * 1024;

/** The slurp module: reads only, so it runs in check mode too. */
export const slurpModule = defineModule({
  name: 'slurp',
  description: 'Read a file from the host into content (base64), as Ansible does',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      src: { type: 'string', minLength: 1, description: 'the file on the host' },
      path: { type: 'string', minLength: 1, description: "Ansible's other name for src" },
    },
    oneOf: [{ required: ['src'] }, { required: ['path'] }],
  },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const src = (args.src ?? args.path)!;
    const data = await ctx.transport.getFile(src, { become: ctx.become });
    if (data === null) return fail(`${ctx.host}: file not found: ${src}`);
    if (data.length > MAX_SLURP_BYTES) return fail(`${ctx.host}: ${src} is ${data.length} bytes; slurp reads at most ${MAX_SLURP_BYTES} (use fetch)`);
    return ok({ content: data.toString('base64'), encoding: 'base64', source: src });
  },
});
