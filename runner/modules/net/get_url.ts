// get_url: the host downloads a URL to a file, as Ansible's. The download lands in a temp file
// beside dest, is checked (checksum) and compared with dest there, and replaces dest atomically
// (mv) only when it differs, in one round trip; mode, owner and group then as the file module does.
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';
import { readFact } from '../facts/fact.js';
import { pathState } from '../facts/path-state.js';
import { attributeCommands, describeAttributeChanges, modeSchema, parseMode } from '../support/attributes.js';
import { commandFailed, mustSucceed } from '../support/run.js';
import { defineModule, fail, ok, type ModuleContext } from '../types.js';
import { checkUrl, curlConfig, curlExitReason, parseKeyLines } from './curl-config.js';

const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

const getUrlArgsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'dest'],
  properties: {
    url: { type: 'string', minLength: 1, description: 'http:// or https://' },
    dest: { type: 'string', minLength: 1, description: 'the file, or a directory to put the URL’s file name in' },
    checksum: { type: 'string', pattern: `^(${ALGORITHMS.join('|')}):[0-9a-fA-F]+$|\\{\\{`, description: '"<algorithm>:<hex digest>": a dest that matches is not downloaded again; a download that does not match fails' },
    force: { type: 'boolean', default: false, description: 'download even when dest exists (without a checksum, an existing dest is kept)' },
    backup: { type: 'boolean', default: false },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    timeout: { type: 'number', exclusiveMinimum: 0, default: 10, description: 'seconds for the whole request' },
    validate_certs: { type: 'boolean', default: true },
    url_username: { type: 'string' },
    url_password: { type: 'string', description: 'never shown, never on a command line' },
    force_basic_auth: { type: 'boolean', default: false },
    mode: modeSchema,
    owner: { type: 'string' },
    group: { type: 'string' },
  },
} as const;

/**
 * The download, as fixed text; every value reaches it as "$1".. or through curl's config on stdin.
 * Prints `key=value` lines: http, curl (its exit code), sha1/sha256/size of what came, and either
 * `mismatch=<digest>`, `same=1` (dest already held it) or `moved=1` (with `backup=` when kept).
 */
const DOWNLOAD = [
  'dest=$1 alg=$2 want=$3 backup=$4',
  'dir=$(dirname -- "$dest")',
  'tmp=$(mktemp -- "$dir/.ferry-get_url.XXXXXX") || exit 3',
  'trap \'rm -f -- "$tmp"\' EXIT',
  'code=$(curl --config - -o "$tmp" -w \'%{http_code}\'); rc=$?',
  'echo "http=$code"; echo "curl=$rc"; [ "$rc" = 0 ] || exit 0',
  'echo "sha1=$(sha1sum < "$tmp" | cut -d" " -f1)"; echo "sha256=$(sha256sum < "$tmp" | cut -d" " -f1)"; echo "size=$(wc -c < "$tmp")"',
  'if [ -n "$alg" ]; then got=$("${alg}sum" < "$tmp" | cut -d" " -f1); [ "$got" = "$want" ] || { echo "mismatch=$got"; exit 0; }; fi',
  'if [ -f "$dest" ] && cmp -s -- "$tmp" "$dest"; then echo same=1; exit 0; fi',
  'if [ -e "$dest" ]; then chmod --reference="$dest" -- "$tmp" 2>/dev/null; chown --reference="$dest" -- "$tmp" 2>/dev/null',
  'else m=$(umask); chmod "$(printf %o $(( 0666 & ~0$m )))" -- "$tmp"; fi',
  'if [ "$backup" = 1 ] && [ -f "$dest" ]; then b="$dest.$(date +%Y%m%dT%H%M%S)~"; cp -p -- "$dest" "$b" && echo "backup=$b"; fi',
  'mv -f -- "$tmp" "$dest" && echo moved=1',
].join('\n');

/** The download command for `dest`, checking `checksum` ("alg:hex") when given. */
export function downloadCommand(dest: string, checksum: string | undefined, backup: boolean): string {
  const [alg = '', want = ''] = checksum ? checksum.split(':') : [];
  return `bash -c ${shq(DOWNLOAD)} get_url ${[dest, alg, want.toLowerCase(), backup ? '1' : '0'].map(shq).join(' ')}`;
}

/** A digest of dest with the checksum's algorithm, or null when dest is not a regular file. */
async function digestOf(ctx: ModuleContext, path: string, alg: string): Promise<string | null> {
  return readFact(ctx, {
    command: `if [ -f ${shq(path)} ]; then ${alg}sum < ${shq(path)} | cut -d' ' -f1; else echo none; fi`,
    parse: (s) => (s.trim() === 'none' ? null : s.trim()),
  });
}

/** The get_url module. */
export const getUrlModule = defineModule({
  name: 'get_url',
  description: 'Download a URL on the host to a file (checksum, force, backup, headers, basic auth), replaced only when it differs',
  argsSchema: getUrlArgsSchema,
  argRoles: { secrets: ['url_password'] },
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const url = checkUrl(args.url);
    let dest = args.dest;
    const before = await readFact(ctx, pathState(dest));
    if (before.type === 'directory') {
      const name = decodeURIComponent(url.pathname.split('/').filter(Boolean).at(-1) ?? '');
      if (!name || name === '.' || name === '..' || name.includes('/')) throw new FerryError(`get_url: dest ${dest} is a directory and ${args.url} names no file to put in it`);
      dest = `${dest.replace(/\/+$/, '')}/${name}`;
    }
    const state = dest === args.dest ? before : await readFact(ctx, pathState(dest));
    if (state.type === 'directory' || state.type === 'other') return fail(`${ctx.host}: ${dest} is not a regular file`);
    const want = { mode: parseMode(args.mode), owner: args.owner, group: args.group };
    const checksum = args.checksum?.toLowerCase();
    // An existing dest is kept when its checksum matches, or (no checksum, no force) as it is.
    let keep = false;
    if (state.type === 'file' && checksum) keep = (await digestOf(ctx, dest, checksum.split(':')[0]!)) === checksum.split(':')[1];
    else if (state.type && !args.force) keep = true;
    if (keep) return settleAttributes(ctx, dest, want, { dest, url: args.url, msg: `${dest} already exists${checksum ? ' with that checksum' : ''}` }, false);
    if (ctx.check) return ok({ changed: true, dest, url: args.url, msg: `would download ${args.url} to ${dest}` });

    const timeout = args.timeout ?? 10;
    ctx.progress(`downloading ${args.url} to ${dest}`);
    const started = Date.now();
    const command = downloadCommand(dest, checksum, args.backup ?? false);
    const stdin = curlConfig({ url: args.url, headers: args.headers, user: args.url_username, password: args.url_password, forceBasicAuth: args.force_basic_auth, timeoutSeconds: timeout, validateCerts: args.validate_certs ?? true, followRedirects: true, failOnHttpError: true });
    const r = await ctx.transport.exec(command, { stdin, become: ctx.become, signal: ctx.signal, timeoutMs: timeout * 1000 + 30_000 });
    if (r.rc !== 0) throw commandFailed(ctx, `get_url ${args.url}`, r);
    const out = parseKeyLines(r.stdout);
    const elapsed = Math.round((Date.now() - started) / 100) / 10;
    const status = Number(out.http) || undefined;
    const facts = { dest, url: args.url, status_code: status, elapsed };
    if (out.curl !== '0') {
      const why = out.curl === '22' ? `HTTP Error ${status ?? ''}` : curlExitReason(Number(out.curl), r.stderr);
      return fail(`${ctx.host}: Request failed: ${args.url}: ${why}`, facts);
    }
    const fetched = { ...facts, checksum_src: out.sha1, checksum_dest: out.sha1, size: Number(out.size) };
    if (out.mismatch !== undefined) return fail(`${ctx.host}: The checksum for ${dest} did not match ${checksum}; it was: ${out.mismatch}`, fetched);
    const moved = out.moved === '1';
    return settleAttributes(ctx, dest, want, { ...fetched, ...(out.backup ? { backup_file: out.backup } : {}), msg: moved ? `downloaded ${args.url} to ${dest} (${out.size} bytes)` : `${dest} already held that content` }, moved);
  },
});

/** Applies mode/owner/group after the download (or to the kept file); `changed` when either changed something. */
async function settleAttributes(ctx: ModuleContext, dest: string, want: { mode?: string; owner?: string; group?: string }, result: Record<string, unknown>, changed: boolean) {
  const state = await readFact(ctx, pathState(dest));
  const commands = attributeCommands(dest, state, want);
  const changes = describeAttributeChanges(state, want);
  if (!ctx.check) for (const command of commands) await mustSucceed(ctx, command);
  const any = changed || commands.length > 0;
  return ok({ ...result, changed: any, ...(changes.length ? { msg: `${String(result.msg)}; ${changes.join(', ')}` } : {}) });
}
