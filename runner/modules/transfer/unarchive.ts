// unarchive: a .tar(.gz/.bz2/.xz) or .zip archive extracted into an existing directory, only when
// its members differ from what dest holds (tar's own --compare; zip: kind, size and mtime), then
// owner, group and mode set on the members where they differ. A controller file goes to a private
// temp folder on the host first (removed after, also in check mode, as Ansible does).
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';
import { readFact } from '../facts/fact.js';
import { pathExists } from '../facts/path-exists.js';
import { pathState } from '../facts/path-state.js';
import { modeSchema, parseMode } from '../support/attributes.js';
import { findLocalSource } from '../support/local-source.js';
import { mustSucceed, runCommand } from '../support/run.js';
import { defineModule, fail, ok, type ArgsOf, type ModuleContext, type ModuleResult } from '../types.js';
import { archiveFormat, checkExtraOpts, extractCommand, forMembersCommand, listCommand, statMembersCommand, tarCompareCommand, UNZIP_PRESENT, type ArchiveFormat, type Selection } from './unarchive-commands.js';
import { attributeFixes, memberPath, parseMemberStats, parseTarList, parseZipInfo, tarDifferences, zipDifferences, type MemberAttributes } from './unarchive-state.js';

const names = { type: 'array', items: { type: 'string', minLength: 1 }, default: [] } as const;

/** The unarchive module's arguments. */
const unarchiveArgsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['src', 'dest'],
  properties: {
    src: { type: 'string', minLength: 1, description: 'the archive: a controller file (playbook dir, then files/), or on the host with remote_src' },
    dest: { type: 'string', minLength: 1, description: 'an existing directory on the host' },
    remote_src: { type: 'boolean', default: false, description: 'src is already on the host' },
    creates: { type: 'string', description: 'skip when this path exists on the host' },
    list_files: { type: 'boolean', default: false, description: 'return the members as `files`' },
    extra_opts: { ...names, description: 'options for tar or unzip, each one word, before the members' },
    include: { ...names, description: 'extract only these members' },
    exclude: { ...names, description: 'members (patterns) not to extract' },
    mode: modeSchema,
    owner: { type: 'string' },
    group: { type: 'string' },
  },
  not: { required: ['include', 'exclude'], properties: { include: { minItems: 1 }, exclude: { minItems: 1 } } },
  'x-message': 'takes include or exclude, not both',
} as const;

type UnarchiveArgs = ArgsOf<typeof unarchiveArgsSchema>;

/** The unarchive module. */
export const unarchiveModule = defineModule({
  name: 'unarchive',
  description: 'Extract a .tar(.gz/.bz2/.xz) or .zip archive into a directory, only when its members differ',
  argsSchema: unarchiveArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const format = archiveFormat(args.src);
    if (!format) throw new FerryError(`unarchive: cannot tell the format of ${args.src} from its name (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz, .zip)`);
    checkExtraOpts(format, args.extra_opts);
    if (args.creates !== undefined && (await readFact(ctx, pathExists(args.creates)))) return ok({ msg: `skipped, since ${args.creates} exists`, skipped_by_guard: true });
    const dest = await readFact(ctx, pathState(args.dest));
    if (dest.type !== 'directory') return fail(`${ctx.host}: dest ${args.dest} ${dest.type ? `is a ${dest.type}, not a directory` : 'does not exist'}; unarchive extracts only into an existing directory`, { dest: args.dest });
    if (format === 'zip' && !(await readFact(ctx, { command: UNZIP_PRESENT, parse: (o) => o.trim() === 'yes' }))) {
      return fail(`${ctx.host}: ${args.src} is a zip archive and the host has no \`unzip\` command (install unzip)`, { dest: args.dest });
    }
    if (args.remote_src) {
      if ((await readFact(ctx, pathState(args.src))).type !== 'file') return fail(`${ctx.host}: src ${args.src} is not a file on the host (remote_src)`, { src: args.src });
      return unarchive(ctx, args, format, args.src);
    }
    const content = await readFile(await findLocalSource(args.src, ctx.baseDir, 'files'));
    const dir = (await mustSucceed(ctx, 'mktemp -d "${TMPDIR:-/tmp}/ferry-unarchive.XXXXXXXX"')).stdout.trim();
    try {
      const remote = `${dir}/${basename(args.src)}`;
      await ctx.transport.putFile(remote, content, { mode: '0600', become: ctx.become });
      return await unarchive(ctx, args, format, remote);
    } finally {
      await runCommand(ctx, `rm -rf -- ${shq(dir)}`);
    }
  },
});

/** Compares, extracts when something differs (not in check mode), then fixes the members' attributes. */
async function unarchive(ctx: ModuleContext, args: UnarchiveArgs, format: ArchiveFormat, archive: string): Promise<ModuleResult> {
  const s: Selection = { archive, dest: args.dest, include: args.include, exclude: args.exclude, extraOpts: args.extra_opts };
  const want: MemberAttributes = { mode: parseMode(args.mode), owner: args.owner, group: args.group };
  const listing = await readFact(ctx, { command: listCommand(format, s), parse: (o) => o });
  const zipEntries = format === 'zip' ? parseZipInfo(listing) : [];
  const members = format === 'zip' ? zipEntries.map((e) => e.name) : parseTarList(listing);
  const paths = [...new Set(members.map(memberPath))];
  const differences = format === 'tar'
    ? await readFact(ctx, { command: tarCompareCommand(s), okRcs: [0, 1, 2], parse: (o, rc) => tarDifferences(o, rc, want) })
    : zipDifferences(zipEntries, await statMembers(ctx, args.dest, paths));
  const extract = differences.length > 0;
  const base = { dest: args.dest, src: args.src, ...(args.list_files ? { files: members } : {}) };
  if (extract && ctx.check) return ok({ changed: true, ...base, differences, msg: `would extract ${args.src} into ${args.dest} (${differences.length} member(s) differ)` });
  let extracted: Record<string, unknown> | undefined;
  if (extract) {
    const cmd = extractCommand(format, s);
    const r = await mustSucceed(ctx, cmd);
    extracted = { cmd, rc: r.rc, out: r.stdout, err: r.stderr };
  }
  const fixes = want.owner === undefined && want.group === undefined && want.mode === undefined ? [] : attributeFixes(await statMembers(ctx, args.dest, paths), want);
  if (!ctx.check) {
    for (const f of fixes) await mustSucceed(ctx, forMembersCommand(args.dest, f.program, f.flags, f.value), { stdin: nulList(f.names) });
  }
  const changed = extract || fixes.length > 0;
  const what = extract ? `extracted ${args.src} into ${args.dest}` : `${args.dest} already holds ${args.src}`;
  const attrs = fixes.length ? `; ${ctx.check ? 'would set' : 'set'} ${fixes.map((f) => `${f.program} ${f.value} on ${f.names.length}`).join(', ')}` : '';
  return ok({ changed, ...base, ...(extracted ? { extract_results: extracted } : {}), msg: `${what}${attrs}` });
}

/** Stats member paths under dest; those missing are left out. */
async function statMembers(ctx: ModuleContext, dest: string, paths: string[]): Promise<ReturnType<typeof parseMemberStats>> {
  const r = await ctx.transport.exec(statMembersCommand(dest), { become: ctx.become, signal: ctx.signal, stdin: nulList(paths) });
  if (r.rc !== 0) throw new FerryError(`unarchive: cannot read the members under ${dest}: ${r.stderr.trim()}`);
  return parseMemberStats(r.stdout);
}

function nulList(names: string[]): string {
  return names.map((n) => `${n}\0`).join('');
}
