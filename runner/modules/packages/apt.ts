// apt: Debian packages present (optionally at a version), latest, or absent, as Ansible's apt. dpkg's
// state is read first; apt-get runs only for what differs (latest: apt-get's own simulation says
// whether an upgrade exists), non-interactively, keeping changed config files, waiting for the dpkg
// lock. Package names are checked against Debian's rules, so none can be read as an option.
import { FerryError } from '../../errors.js';
import { shq } from '../../transport/shell-quote.js';
import { readFact } from '../facts/fact.js';
import { mustSucceed } from '../support/run.js';
import { defineModule, fail, ok, type ModuleContext } from '../types.js';

/** `name`, `name=version` or `name:arch`, as Debian allows them (policy 5.6.1), plus `*` globs apt-get takes. */
const PACKAGE = /^[a-z0-9*][a-z0-9+.*-]*(:[a-z0-9-]+)?(=[A-Za-z0-9.+~:*-]+)?$/;

const aptArgsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: ['string', 'array'], items: { type: 'string' }, description: 'a package, a comma-separated list or a list; `pkg=1.2-1` pins a version' },
    pkg: { type: ['string', 'array'], items: { type: 'string' }, description: "Ansible's other name for name" },
    package: { type: ['string', 'array'], items: { type: 'string' }, description: "Ansible's other name for name" },
    deb: { type: 'string', minLength: 1, description: 'a .deb file on the host to install (with its dependencies)' },
    state: { enum: ['present', 'installed', 'latest', 'absent', 'removed'], default: 'present' },
    update_cache: { type: 'boolean', default: false, description: 'apt-get update first' },
    cache_valid_time: { type: 'integer', minimum: 0, default: 0, description: 'with update_cache: skip the update when the lists are younger than this many seconds' },
    install_recommends: { type: 'boolean', description: 'unset: apt’s own default' },
    purge: { type: 'boolean', default: false, description: 'absent: also remove config files' },
    lock_timeout: { type: 'integer', minimum: 0, default: 60, description: 'seconds to wait for the dpkg lock' },
  },
} as const;

/** The package list from name (string, comma list, or list), pkg or package. */
export function packageNames(value: string | readonly string[] | undefined): string[] {
  const list = value === undefined ? [] : typeof value === 'string' ? value.split(',') : [...value];
  const names = list.map((n) => n.trim()).filter(Boolean);
  for (const n of names) if (!PACKAGE.test(n)) throw new FerryError(`apt: ${JSON.stringify(n)} is not a Debian package name`);
  return names;
}

/** What dpkg says is installed, by package name: its version ("" when not installed). */
function installed(names: string[]) {
  const bare = [...new Set(names.map((n) => n.replace(/=.*$/, '')))];
  return {
    // dpkg-query exits 1 when a name is unknown; each line says what it knows.
    command: `dpkg-query -W -f='\${binary:Package}|\${Package}|\${db:Status-Abbrev}|\${Version}\\n' -- ${bare.map(shq).join(' ')} 2>/dev/null; true`,
    parse(stdout: string): Map<string, string> {
      const out = new Map<string, string>();
      for (const line of stdout.split('\n')) {
        const [binary = '', plain = '', status = '', version = ''] = line.split('|');
        if (!status.startsWith('ii')) continue;
        out.set(binary, version);
        out.set(plain, version);
      }
      return out;
    },
  };
}

/** The packages `present` still needs: not installed, or at another version than pinned. */
export function missingOf(names: string[], have: Map<string, string>): string[] {
  return names.filter((n) => {
    const [pkg = n, version] = n.split('=');
    const now = have.get(pkg);
    return now === undefined || (version !== undefined && !version.includes('*') && now !== version);
  });
}

/** apt-get with the options every call shares. */
function aptGet(args: { lock_timeout: number; install_recommends?: boolean }, words: string): string {
  const recommends = args.install_recommends === undefined ? '' : ` -o APT::Install-Recommends=${args.install_recommends ? 'true' : 'false'}`;
  return `DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=${args.lock_timeout} -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold${recommends} ${words}`;
}

/** The packages an `apt-get -s` run would install or upgrade (its `Inst` lines). */
export function simulatedInstalls(stdout: string): string[] {
  return stdout.split('\n').flatMap((l) => /^Inst (\S+)/.exec(l)?.[1] ?? []);
}

/** apt-get update, unless the lists are younger than cache_valid_time. Returns whether it ran. */
async function updateCache(ctx: ModuleContext, args: { cache_valid_time: number; lock_timeout: number }): Promise<boolean> {
  if (args.cache_valid_time > 0) {
    const age = await readFact(ctx, {
      command: 'f=/var/lib/apt/periodic/update-success-stamp; [ -e "$f" ] || f=/var/lib/apt/lists; echo $(( $(date +%s) - $(stat -c %Y "$f") ))',
      parse: (o) => Number(o.trim()),
    });
    if (age < args.cache_valid_time) return false;
  }
  if (!ctx.check) await mustSucceed(ctx, aptGet({ lock_timeout: args.lock_timeout }, 'update'));
  return true;
}

/** The apt module. */
export const aptModule = defineModule({
  name: 'apt',
  description: 'Debian packages present (at a version), latest or absent; a .deb file installed; apt-get only for what differs',
  argsSchema: aptArgsSchema,
  supportsCheck: true,
  supportsDiff: false,
  async run(args, ctx) {
    const names = packageNames(args.name ?? args.pkg ?? args.package);
    const state = args.state === 'installed' ? 'present' : args.state === 'removed' ? 'absent' : args.state;
    if (names.length === 0 && !args.deb && !args.update_cache) throw new FerryError('apt: give name (or pkg), deb, or update_cache');
    const updated = args.update_cache ? await updateCache(ctx, args) : false;
    const have = await readFact(ctx, installed(names));
    const results: string[] = [];
    let changed = false;

    if (args.deb) {
      const info = await readFact(ctx, {
        command: `dpkg-deb -f -- ${shq(args.deb)} Package Version 2>&1`,
        okRcs: [0, 1, 2],
        parse: (o, rc) => (rc === 0 ? Object.fromEntries(o.trim().split('\n').map((l) => [l.split(':')[0]!.trim(), l.slice(l.indexOf(':') + 1).trim()])) : { error: o.trim() }),
      });
      if (!info.Package) return fail(`${ctx.host}: ${args.deb} is not a .deb file on the host: ${info.error ?? 'no Package field'}`);
      const now = (await readFact(ctx, installed([info.Package]))).get(info.Package);
      if (now !== info.Version) {
        changed = true;
        results.push(`${ctx.check ? 'would install' : 'installed'} ${info.Package} ${info.Version} from ${args.deb}`);
        // A path with a slash is a file to apt-get, never a package name or an option.
        const path = args.deb.includes('/') ? args.deb : `./${args.deb}`;
        if (!ctx.check) await mustSucceed(ctx, aptGet(args, `install -- ${shq(path)}`));
      }
    }

    if (names.length > 0 && state === 'present') {
      const missing = missingOf(names, have);
      if (missing.length > 0) {
        changed = true;
        results.push(`${ctx.check ? 'would install' : 'installed'} ${missing.join(' ')}`);
        if (!ctx.check) await mustSucceed(ctx, aptGet(args, `install -- ${missing.map(shq).join(' ')}`));
      }
    } else if (names.length > 0 && state === 'latest') {
      const sim = await mustSucceed(ctx, aptGet(args, `install -s -- ${names.map(shq).join(' ')}`));
      const upgrades = simulatedInstalls(sim.stdout);
      if (upgrades.length > 0) {
        changed = true;
        results.push(`${ctx.check ? 'would install or upgrade' : 'installed or upgraded'} ${upgrades.join(' ')}`);
        if (!ctx.check) await mustSucceed(ctx, aptGet(args, `install -- ${names.map(shq).join(' ')}`));
      }
    } else if (names.length > 0 && state === 'absent') {
      const bare = names.map((n) => n.replace(/=.*$/, ''));
      // purge also takes a package whose config files are all that is left (dpkg status "rc").
      const present = args.purge
        ? await readFact(ctx, { command: `dpkg-query -W -f='\${Package}|\${db:Status-Abbrev}\\n' -- ${bare.map(shq).join(' ')} 2>/dev/null; true`, parse: (o) => o.split('\n').filter((l) => /\|(ii|rc)/.test(l)).map((l) => l.split('|')[0]!) })
        : bare.filter((n) => have.has(n));
      if (present.length > 0) {
        changed = true;
        results.push(`${ctx.check ? 'would remove' : 'removed'} ${present.join(' ')}${args.purge ? ' (purged)' : ''}`);
        if (!ctx.check) await mustSucceed(ctx, aptGet(args, `${args.purge ? 'purge' : 'remove'} -- ${present.map(shq).join(' ')}`));
      }
    }
    const msg = results.length ? results.join('; ') : updated ? 'cache updated; packages already as wanted' : 'packages already as wanted';
    return ok({ changed: changed || updated, cache_updated: updated, msg });
  },
});
