// lineinfile: makes sure one line is in a file (or is not), replacing the line a regexp or
// search_string finds; Ansible's semantics (see lineinfile-plan.ts), with check mode and diff.
import { FerryError } from '../../errors.js';
import { defineModule } from '../types.js';
import { editTextFile, fileOf, pathOrDest, textFileProperties } from './edit.js';
import { planLine } from './lineinfile-plan.js';

/** The lineinfile module. */
export const lineinfileModule = defineModule({
  name: 'lineinfile',
  description: 'Ensure a line is in a file (replacing the line a regexp matches) or absent from it',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...textFileProperties,
      state: { enum: ['present', 'absent'], default: 'present' },
      line: { type: 'string', description: 'the line to put in (state present)' },
      regexp: { type: 'string', description: 'the line to replace or remove: the last that matches (Python syntax, as RE2 reads it)' },
      search_string: { type: 'string', description: 'the line to replace or remove: the last that contains this text' },
      insertafter: { type: 'string', description: 'EOF, BOF, or a pattern: a new line goes after its last match' },
      insertbefore: { type: 'string', description: 'BOF or a pattern: a new line goes before its last match' },
      backrefs: { type: 'boolean', default: false, description: 'expand \\1 in line from regexp; change nothing when it does not match' },
      firstmatch: { type: 'boolean', default: false, description: 'use the first match of regexp or insertafter/insertbefore, not the last' },
      create: { type: 'boolean', default: false, description: 'create a missing file' },
    },
    oneOf: pathOrDest,
  },
  supportsCheck: true,
  supportsDiff: true,
  async run(args, ctx) {
    if (args.state === 'present' && args.line === undefined) throw new FerryError('lineinfile: state present needs line');
    if (args.state === 'absent' && args.line === undefined && args.regexp === undefined && args.search_string === undefined) {
      throw new FerryError('lineinfile: state absent needs line, regexp or search_string');
    }
    if (args.regexp !== undefined && args.search_string !== undefined) throw new FerryError('lineinfile: give regexp or search_string, not both');
    if (args.insertafter !== undefined && args.insertbefore !== undefined) throw new FerryError('lineinfile: give insertafter or insertbefore, not both');
    if (args.backrefs && args.regexp === undefined) throw new FerryError('lineinfile: backrefs needs regexp');
    return editTextFile(ctx, {
      ...fileOf(args),
      whenMissing: args.state === 'absent' ? { ok: 'file not present' } : args.create ? 'create' : 'fail',
      edit: (before) => planLine(before, args),
    });
  },
});
