// The OpenSSH client config (~/.ssh/config, --ssh-config, ssh_config_file), parsed with the
// `ssh-config` package: for a host, the first value of each option among the `Host` blocks whose
// patterns match it (IdentityFile accumulates), as ssh does, with the file and line it came from.
// `Match` blocks and `Include` are not read.
import { readFileSync, statSync } from 'node:fs';
import SSHConfig, { type Line, type Section } from 'ssh-config';
import { FerryError } from '../errors.js';

/** Options of one host: lower-case option name → its value(s) and where it was set. */
export type HostSshConfig = Map<string, { value: string; values: string[]; origin: string }>;

interface ParsedFile {
  sections: Array<{ patterns: string[]; line: number; options: Array<{ param: string; value: string }> }>;
}

const cache = new Map<string, ParsedFile | null>();

/** The options `file` sets for `host` (empty when the file does not exist and `required` is false). */
export function sshConfigFor(file: string, host: string, required: boolean): HostSshConfig {
  const parsed = load(file, required);
  const out: HostSshConfig = new Map();
  for (const section of parsed?.sections ?? []) {
    if (!hostMatches(section.patterns, host)) continue;
    for (const { param, value } of section.options) {
      const key = param.toLowerCase();
      const seen = out.get(key);
      if (!seen) out.set(key, { value, values: [value], origin: `${file}:${section.line} (Host ${section.patterns.join(' ')})` });
      else if (key === 'identityfile') seen.values.push(value);
    }
  }
  return out;
}

/** OpenSSH's Host matching: any pattern matches (`*`, `?`) and no negated one does. */
export function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const re = new RegExp(`^${(negated ? p.slice(1) : p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    if (re.test(host)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function load(file: string, required: boolean): ParsedFile | null {
  if (cache.has(file)) return cache.get(file)!;
  let text: string;
  try {
    if (statSync(file).size > 1 << 20) throw new FerryError(`ssh config ${file} is over 1 MiB`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof FerryError) throw err;
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') {
      cache.set(file, null);
      return null;
    }
    throw new FerryError(`cannot read ssh config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const parsed = parse(text);
  cache.set(file, parsed);
  return parsed;
}

// Section line numbers: the library keeps no positions, so Host/Match lines are counted in the text,
// in order (they map one to one onto the parsed sections).
function parse(text: string): ParsedFile {
  const headerLines = text.split('\n').flatMap((l, i) => (/^\s*(host|match)\b/i.test(l) ? [i + 1] : []));
  const lines = SSHConfig.parse(text) as unknown as Line[];
  const sections: ParsedFile['sections'] = [];
  let n = 0;
  for (const line of lines) {
    if (!('param' in line) || !('config' in line)) continue;
    const section = line as Section;
    const at = headerLines[n++] ?? 0;
    if (section.param.toLowerCase() !== 'host') continue;
    const patterns = typeof section.value === 'string' ? section.value.split(/\s+/) : section.value.map((v) => v.val);
    const options = (section.config as unknown as Line[]).flatMap((l) =>
      'param' in l ? [{ param: l.param, value: typeof l.value === 'string' ? l.value : l.value.map((v) => v.val).join(' ') }] : []);
    sections.push({ patterns, line: at, options });
  }
  // Options before the first Host apply to every host, as ssh reads them.
  const top = lines.flatMap((l) => ('param' in l && !('config' in l) ? [{ param: l.param, value: typeof l.value === 'string' ? l.value : l.value.map((v) => v.val).join(' ') }] : []));
  if (top.length) sections.unshift({ patterns: ['*'], line: 1, options: top });
  return { sections };
}
