// The shared heart of copy and template: make `dest` hold exactly `content` with the wanted
// attributes, comparing sha256 checksums first so an unchanged file is never transferred.
import { createHash } from 'node:crypto';
import { shq } from '../../transport/shell-quote.js';
import { readFact } from '../facts/fact.js';
import { normalizeMode, pathState, type PathState } from '../facts/path-state.js';
import { resolveMode } from './mode.js';
import { fail, ok, type FileDiff, type ModuleContext, type ModuleResult } from '../types.js';
import { attributeCommands, describeAttributeChanges, type Attributes } from './attributes.js';
import { mustSucceed } from './run.js';

/** What copy/template want on the host. */
export interface ContentSpec extends Attributes {
  dest: string;
  content: Buffer;
  /** Keep the old file as `dest.<timestamp>~` before replacing it. */
  backup?: boolean;
}

/** Diffs are shown only for text of a readable size. */
const MAX_DIFF_BYTES = 256 * 1024;

/** Brings `dest` to `spec`; in check mode only reports what would change. */
export async function ensureContent(ctx: ModuleContext, spec: ContentSpec): Promise<ModuleResult> {
  const sha256 = createHash('sha256').update(spec.content).digest('hex');
  const state = await readFact(ctx, pathState(spec.dest, { checksum: true }));
  if (state.type === 'directory' || state.type === 'other') {
    return fail(`${ctx.host}: ${spec.dest} is a ${state.type === 'directory' ? 'directory' : 'special file'}, not a regular file`);
  }
  const contentChanged = state.type !== 'file' || state.sha256 !== sha256;
  // putFile sets the wanted mode (or keeps the old mode and owner); what is left differs afterwards.
  const mode = spec.mode === undefined ? undefined : resolveMode(spec.mode, state.mode, false);
  const afterPut: PathState = contentChanged ? { type: 'file', mode: mode ? normalizeMode(mode) : (state.mode ?? '644'), owner: state.owner, group: state.group } : state;
  const attrCommands = attributeCommands(spec.dest, afterPut, spec);
  const changed = contentChanged || attrCommands.length > 0;
  const result = ok({ changed, dest: spec.dest, checksum: sha256 });
  if (ctx.diff && contentChanged) {
    const diff = await textDiff(ctx, spec, state.type === 'file');
    if (diff) result.diff = [diff];
  }
  result.msg = !changed
    ? `${spec.dest} is up to date`
    : state.type
      ? [contentChanged ? 'content changed' : undefined, ...describeAttributeChanges(state, spec)].filter(Boolean).join(', ')
      : `${spec.dest} created`;
  if (!changed || ctx.check) return result;
  if (contentChanged) {
    if (spec.backup && state.type === 'file') {
      const backup = `${spec.dest}.${new Date().toISOString().replace(/[:.]/g, '')}~`;
      await mustSucceed(ctx, `cp -p -- ${shq(spec.dest)} ${shq(backup)}`);
      result.backup_file = backup;
    }
    await ctx.transport.putFile(spec.dest, spec.content, { mode, become: ctx.become });
  }
  for (const command of attrCommands) await mustSucceed(ctx, command);
  return result;
}

async function textDiff(ctx: ModuleContext, spec: ContentSpec, existed: boolean): Promise<FileDiff | undefined> {
  if (!isText(spec.content)) return undefined;
  const before = existed ? await ctx.transport.getFile(spec.dest, { become: ctx.become }) : Buffer.alloc(0);
  if (before && !isText(before)) return undefined;
  return { path: spec.dest, before: (before ?? Buffer.alloc(0)).toString('utf8'), after: spec.content.toString('utf8') };
}

function isText(b: Buffer): boolean {
  return b.length <= MAX_DIFF_BYTES && !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b);
}
