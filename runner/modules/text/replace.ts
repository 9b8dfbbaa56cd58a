// replace: every match of a pattern in a file replaced (Python's re.sub, multiline), optionally
// only in the part after `after` and before `before`.
import { substitute } from '../../template/helpers/regex.js';
import { defineModule } from '../types.js';
import { editTextFile, fileOf, pathOrDest, textFileProperties, type Edit } from './edit.js';
import { compilePattern, RE2JS } from './pattern.js';

/** The arguments the plan reads. */
export interface ReplaceArgs {
  regexp: string;
  replace: string;
  after?: string;
  before?: string;
}

/** The new text, as Ansible's replace computes it (pure). */
export function planReplace(text: string, args: ReplaceArgs): Edit {
  let start = 0;
  let end = text.length;
  if (args.after || args.before) {
    const section = `${args.after ?? ''}(?P<subsection>${args.after && args.before ? '.*?' : '.*'})${args.before ?? ''}`;
    const m = compilePattern(section, args.after ? 'after' : 'before', RE2JS.DOTALL).matcher(text);
    if (!m.find()) return { after: text, msg: `Pattern for before/after params did not match the given file: ${section}` };
    start = m.start('subsection');
    end = m.end('subsection');
  }
  const part = text.slice(start, end);
  const r = substitute(compilePattern(args.regexp, 'regexp', RE2JS.MULTILINE), part, args.replace);
  if (r.count === 0 || r.text === part) return { after: text, msg: '' };
  return { after: text.slice(0, start) + r.text + text.slice(end), msg: `${r.count} replacements made` };
}

/** The replace module. */
export const replaceModule = defineModule({
  name: 'replace',
  description: 'Replace every match of a pattern in a file (Python re.sub syntax, as RE2 reads it)',
  argsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['regexp'],
    properties: {
      ...textFileProperties,
      regexp: { type: 'string', minLength: 1, description: 'the pattern, multiline (^ and $ match at each line)' },
      replace: { type: 'string', default: '', description: 'the replacement; \\1 and \\g<name> refer to groups' },
      after: { type: 'string', description: 'only replace after the first match of this pattern' },
      before: { type: 'string', description: 'only replace before this pattern' },
    },
    oneOf: pathOrDest,
  },
  supportsCheck: true,
  supportsDiff: true,
  async run(args, ctx) {
    return editTextFile(ctx, { ...fileOf(args), whenMissing: 'fail', edit: (before) => planReplace(before ?? '', args) });
  },
});
