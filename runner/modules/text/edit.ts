// The shared heart of lineinfile, blockinfile and replace: read a text file, let the module
// compute the new text (a pure function), then show the diff, or in check mode stop there, or
// write it back (backup, validate, create, attributes) only when it differs.
import { posix } from 'node:path';
import { FerryError } from '../../errors.js';
import { argvToCommand, shq } from '../../transport/shell-quote.js';
import { splitCommandLine } from '../../transport/shell-split.js';
import { tempPathFor } from '../../transport/remote-files.js';
import { readFact } from '../facts/fact.js';
import { normalizeMode, pathState, type PathState } from '../facts/path-state.js';
import { attributeCommands, describeAttributeChanges, modeSchema, parseMode, type Attributes } from '../support/attributes.js';
import { resolveMode } from '../support/mode.js';
import { mustSucceed, runCommand } from '../support/run.js';
import { fail, ok, type ModuleContext, type ModuleResult } from '../types.js';

/** Schema properties every text module takes (path, its alias dest, backup, validate, attributes). */
export const textFileProperties = {
  path: { type: 'string', minLength: 1, description: 'the file on the host' },
  dest: { type: 'string', minLength: 1, description: "Ansible's older name for path" },
  backup: { type: 'boolean', default: false, description: 'keep the old file as path.<timestamp>~' },
  validate: { type: 'string', description: 'command that checks the new file before it is written; %s is its temp path' },
  mode: modeSchema,
  owner: { type: 'string' },
  group: { type: 'string' },
} as const;

/** path or dest, exactly one. */
export const pathOrDest = [{ required: ['path'] }, { required: ['dest'] }] as const;

/** The new text and what was done ("line added"); `after` equal to the old text means no change. */
export interface Edit {
  after: string;
  msg: string;
}

/** What a text module asks of the file. */
export interface EditSpec extends Attributes {
  path: string;
  backup?: boolean;
  validate?: string;
  /** What to do when the file is missing: fail (Ansible's rc 257), create it, or report ok with this msg. */
  whenMissing: 'fail' | 'create' | { ok: string };
  /** The new text from the old (null when the file does not exist). Pure. */
  edit(before: string | null): Edit;
}

/** Brings the file to `spec.edit`'s text; in check mode only reports what would change. */
export async function editTextFile(ctx: ModuleContext, spec: EditSpec): Promise<ModuleResult> {
  let path = spec.path;
  let state = await readFact(ctx, pathState(path));
  if (state.type === 'link') {
    // As Ansible: the file a symbolic link points to is edited, and the link stays.
    path = (await mustSucceed(ctx, `readlink -f -- ${shq(path)}`)).stdout.trim();
    state = await readFact(ctx, pathState(path));
  }
  if (state.type === 'directory') return fail(`${ctx.host}: path ${spec.path} is a directory`, { rc: 256 });
  if (state.type === 'other') return fail(`${ctx.host}: path ${spec.path} is not a regular file`, { rc: 256 });
  if (!state.type && spec.whenMissing === 'fail') return fail(`${ctx.host}: path ${spec.path} does not exist (create: true makes it)`, { rc: 257 });
  if (!state.type && typeof spec.whenMissing === 'object') return ok({ msg: spec.whenMissing.ok, path: spec.path });
  const before = state.type ? ((await ctx.transport.getFile(path, { become: ctx.become })) ?? Buffer.alloc(0)).toString('utf8') : null;
  const { after, msg } = spec.edit(before);
  const contentChanged = after !== before;
  const mode = spec.mode === undefined ? undefined : resolveMode(spec.mode, state.mode, false);
  const afterPut: PathState = contentChanged && !state.type ? { type: 'file', mode: mode ? normalizeMode(mode) : '644' } : state;
  const attrs = attributeCommands(path, afterPut, spec);
  const notes = [contentChanged ? msg : undefined, ...(state.type ? describeAttributeChanges(state, spec) : [])].filter(Boolean);
  const result = ok({ changed: contentChanged || attrs.length > 0, path: spec.path, msg: notes.join(', ') || `${spec.path} is as wanted` });
  if (ctx.diff && contentChanged) result.diff = [{ path: spec.path, before: before ?? '', after }];
  if (!result.changed || ctx.check) return result;
  if (contentChanged) {
    if (!state.type) await mustSucceed(ctx, `mkdir -p -- ${shq(posix.dirname(path))}`);
    if (spec.validate !== undefined) await validate(ctx, spec.validate, path, after);
    if (spec.backup && state.type) {
      result.backup_file = `${path}.${new Date().toISOString().replace(/[:.]/g, '')}~`;
      await mustSucceed(ctx, `cp -p -- ${shq(path)} ${shq(result.backup_file as string)}`);
    }
    await ctx.transport.putFile(path, after, { mode: state.type ? mode : (mode ?? '0644'), become: ctx.become });
  }
  for (const command of attrs) await mustSucceed(ctx, command);
  return result;
}

/** Runs `validate` on the new text in a temp file beside the target; it is split into words (no
 * shell), %s becomes the temp path, and a failure stops the write. */
async function validate(ctx: ModuleContext, command: string, path: string, text: string): Promise<void> {
  if (!command.includes('%s')) throw new FerryError(`validate must contain %s (the file to check): ${JSON.stringify(command)}`);
  const tmp = tempPathFor(path);
  const argv = splitCommandLine(command).map((w) => w.replaceAll('%s', tmp));
  await ctx.transport.putFile(tmp, text, { mode: '0600', become: ctx.become });
  const r = await runCommand(ctx, argvToCommand(argv));
  await runCommand(ctx, `rm -f -- ${shq(tmp)}`);
  const why = (r.stderr || r.stdout).trim();
  if (r.rc !== 0) throw new FerryError(`${ctx.host}: validate failed, ${path} left unchanged: ${command} (rc ${r.rc})${why ? `: ${why}` : ''}`);
}

/** The path argument (path or its alias dest) with the parsed mode: the spec fields every text module passes on. */
export function fileOf(args: { path?: string; dest?: string; mode?: unknown; owner?: string; group?: string; backup?: boolean; validate?: string }): Pick<EditSpec, 'path' | 'mode' | 'owner' | 'group' | 'backup' | 'validate'> {
  const path = args.path ?? args.dest;
  if (path === undefined) throw new FerryError('give path (or dest)');
  return { path, mode: parseMode(args.mode), owner: args.owner, group: args.group, backup: args.backup, validate: args.validate };
}
