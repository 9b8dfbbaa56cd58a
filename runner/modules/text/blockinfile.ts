// blockinfile: a block of lines between marker lines, inserted, updated or removed as a whole.
import { FerryError } from '../../errors.js';
import { defineModule } from '../types.js';
import { planBlock } from './blockinfile-plan.js';
import { editTextFile, fileOf, pathOrDest, textFileProperties } from './edit.js';

/** The blockinfile module. */
export const blockinfileModule = defineModule({
  name: 'blockinfile',
  description: 'Insert, update or remove a block of lines between marker lines',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...textFileProperties,
      state: { enum: ['present', 'absent'], default: 'present' },
      block: { type: 'string', default: '', description: 'the lines; empty removes the block' },
      marker: { type: 'string', default: '# {mark} ANSIBLE MANAGED BLOCK', description: '{mark} becomes marker_begin or marker_end' },
      marker_begin: { type: 'string', default: 'BEGIN' },
      marker_end: { type: 'string', default: 'END' },
      insertafter: { type: 'string', description: 'EOF or a pattern: a new block goes after its last match' },
      insertbefore: { type: 'string', description: 'BOF or a pattern: a new block goes before its last match' },
      create: { type: 'boolean', default: false, description: 'create a missing file' },
    },
    oneOf: pathOrDest,
  },
  supportsCheck: true,
  supportsDiff: true,
  async run(args, ctx) {
    if (args.insertafter !== undefined && args.insertbefore !== undefined) throw new FerryError('blockinfile: give insertafter or insertbefore, not both');
    const file = fileOf(args);
    return editTextFile(ctx, {
      ...file,
      whenMissing: args.state === 'absent' ? { ok: `File ${file.path} not present` } : args.create ? 'create' : 'fail',
      edit: (before) => planBlock(before, args),
    });
  },
});
