// file: a path's existence and kind (file, directory, link, absent, touch) and its mode and
// owner, changed only where the host differs.
import { FerryError } from '../errors.js';
import { shq } from '../transport/shell-quote.js';
import { readFact } from './facts/fact.js';
import { pathState, type PathState } from './facts/path-state.js';
import { isSymbolic } from './support/mode.js';
import { attributeCommands, describeAttributeChanges, modeSchema, parseMode, type Attributes } from './support/attributes.js';
import { mustSucceed } from './support/run.js';
import { defineModule, fail, ok, type ArgsOf, type ModuleContext, type ModuleResult } from './types.js';

/** The file module's arguments. */
const fileArgsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: { type: 'string', minLength: 1 },
    state: { enum: ['file', 'directory', 'absent', 'link', 'touch'], default: 'file' },
    src: { type: 'string', description: 'link target, for state: link' },
    mode: modeSchema,
    owner: { type: 'string' },
    group: { type: 'string' },
    recurse: { type: 'boolean', description: 'apply owner/group/mode to a directory tree' },
  },
} as const;

type FileStateArg = ArgsOf<typeof fileArgsSchema>['state'];

/** The file module. `touch` creates a missing file and leaves an existing one alone (reruns report ok). */
export const fileModule = defineModule({
  name: 'file',
  description: 'Ensure a path is a file, directory, symlink or absent, with mode and owner',
  argsSchema: fileArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const state = args.state;
    if (state === 'link' && !args.src) throw new FerryError('file: state link needs src (the link target)');
    if (args.recurse && state !== 'directory') throw new FerryError('file: recurse works only with state directory');
    const want: Attributes = { mode: parseMode(args.mode), owner: args.owner, group: args.group };
    const current = await readFact(ctx, pathState(args.path));
    const plan = planPath(args.path, state, current, args.src);
    if ('error' in plan) return fail(`${ctx.host}: ${plan.error}`, { path: args.path });
    const after: PathState = plan.commands.length ? { ...current, type: plan.type, mode: undefined, owner: undefined, group: undefined } : current;
    const attrs = state === 'absent' || state === 'link' ? [] : attributeCommands(args.path, after, want, args.recurse);
    const recursive = args.recurse && attrs.length === 0 ? await recursiveDifferences(ctx, args.path, want) : [];
    const commands = [...plan.commands, ...attrs, ...recursive];
    const notes = [plan.note, ...(plan.commands.length || state === 'absent' ? [] : describeAttributeChanges(current, want)), recursive.length ? 'attributes below changed' : undefined];
    const result: ModuleResult = ok({ changed: commands.length > 0, path: args.path, state, msg: notes.filter(Boolean).join(', ') || `${args.path} is as wanted` });
    if (ctx.check) return result;
    for (const command of commands) await mustSucceed(ctx, command);
    return result;
  },
});

type Plan = { commands: string[]; type?: PathState['type']; note?: string } | { error: string };

/** The commands that give `path` the wanted kind (pure). */
export function planPath(path: string, state: FileStateArg, current: PathState, src?: string): Plan {
  const p = shq(path);
  switch (state) {
    case 'absent':
      return current.type ? { commands: [`rm -rf -- ${p}`], note: `${path} removed` } : { commands: [] };
    case 'directory':
      if (current.type === 'directory') return { commands: [] };
      if (current.type) return { error: `${path} exists and is a ${current.type}, not a directory` };
      return { commands: [`mkdir -p -- ${p}`], type: 'directory', note: `${path} created` };
    case 'file':
      if (current.type === 'file') return { commands: [] };
      if (!current.type) return { error: `${path} does not exist (use state: touch to create it)` };
      return { error: `${path} is a ${current.type}, not a file` };
    case 'touch':
      if (current.type) return { commands: [] };
      return { commands: [`touch -- ${p}`], type: 'file', note: `${path} created` };
    case 'link':
      if (current.type === 'link' && current.linkTarget === src) return { commands: [] };
      if (current.type === 'directory') return { error: `${path} is a directory; remove it before making a link there` };
      return { commands: [`ln -sfn -- ${shq(src!)} ${p}`], type: 'link', note: `${path} → ${src}` };
  }
}

/** With recurse, whether anything below the directory differs, found by one `find`. */
async function recursiveDifferences(ctx: ModuleContext, path: string, want: Attributes): Promise<string[]> {
  const tests = [
    want.owner !== undefined ? `! -user ${shq(want.owner)}` : undefined,
    want.group !== undefined ? `! -group ${shq(want.group)}` : undefined,
    want.mode !== undefined ? modeTest(want.mode) : undefined,
  ].filter(Boolean);
  if (tests.length === 0) return [];
  // find has no `--`: a path that starts with `-` would be read as an expression, so it gets `./`.
  const start = path.startsWith('-') ? `./${path}` : path;
  const r = await ctx.transport.exec(`find ${shq(start)} \\( ${tests.join(' -o ')} \\) -print -quit`, { become: ctx.become, signal: ctx.signal });
  if (r.rc !== 0 || r.stdout.trim() === '') return [];
  return attributeCommands(path, {}, want, true);
}

// find's test for "mode differs"; a symbolic mode other than pure additions cannot be tested: always apply it.
function modeTest(mode: string): string {
  if (!isSymbolic(mode)) return `! -perm ${mode}`;
  return /^[ugoa]*\+[rwxXst]*(,[ugoa]*\+[rwxXst]*)*$/.test(mode) ? `! -perm -${shq(mode)}` : '-true';
}
