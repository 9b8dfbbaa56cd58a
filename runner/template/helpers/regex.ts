// regex_replace, regex_search, regex_findall, regex_escape and the match/search tests, on RE2
// (re2js): matching time is linear in the input whatever the pattern, so a pattern from a
// variable cannot hang a run (no catastrophic backtracking). The price is RE2's syntax:
// Python's (?P<name>) groups, classes and flags work; backreferences and lookarounds do not.
import { RE2JS } from 're2js';
import { type Helper, HelperError, named, type HelperThis } from './named.js';

/** Longest pattern accepted, and longest text searched (1 MiB). */
export const MAX_PATTERN = 4096;
export const MAX_SUBJECT = 1024 * 1024;

const compiled = new Map<string, RE2JS>();

/** Compiles a Python-style pattern with Ansible's ignorecase/multiline named arguments. */
export function compileRegex(pattern: unknown, self?: HelperThis): RE2JS {
  const source = String(pattern);
  if (source.length > MAX_PATTERN) throw new HelperError(`pattern is ${source.length} characters; the limit is ${MAX_PATTERN}`);
  const flags = (named(self, 'ignorecase', false) ? RE2JS.CASE_INSENSITIVE : 0) | (named(self, 'multiline', false) ? RE2JS.MULTILINE : 0);
  const key = `${flags}/${source}`;
  let re = compiled.get(key);
  if (!re) {
    try {
      // Python's \Z (end of text) is RE2's \z.
      re = RE2JS.compile(source.replaceAll('\\Z', '\\z'), flags);
    } catch (err) {
      const why = /\\[1-9]|\(\?[=!]|\(\?<[=!]/.test(source) ? ' (backreferences and lookarounds are not supported: ferry matches with RE2, in linear time)' : '';
      throw new HelperError(`invalid pattern ${JSON.stringify(source)}: ${(err as Error).message}${why}`);
    }
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

function subject(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  if (text.length > MAX_SUBJECT) throw new HelperError(`text is ${text.length} characters; the limit is ${MAX_SUBJECT}`);
  return text;
}

/** Expands Python's replacement syntax (\1, \g<1>, \g<name>, \n, \\) for one match. */
export function expand(replacement: string, group: (ref: string) => string): string {
  return replacement.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/gs, (_all, g: string | undefined, digits: string | undefined, other: string | undefined) => {
    if (g !== undefined) return group(g);
    if (digits !== undefined) return group(digits);
    return other === 'n' ? '\n' : other === 't' ? '\t' : other === '\\' ? '\\' : `\\${other}`;
  });
}

/** A group of a match by number or name; an unknown group is a HelperError. */
export function groupOf(m: ReturnType<RE2JS['matcher']>, ref: string): string {
  const id = /^\d+$/.test(ref) ? Number(ref) : ref;
  try {
    return m.group(id) ?? '';
  } catch {
    throw new HelperError(`no group ${ref} in the pattern`);
  }
}

/** Python's re.sub: every match replaced (`count` limits it). */
function regexReplace(this: HelperThis, value: unknown, pattern: unknown, replacement: unknown = ''): string {
  return substitute(compileRegex(pattern, this), subject(value), String(replacement), Number(named(this, 'count', 0))).text;
}

/** Python's re.subn on a compiled pattern: the text with matches replaced (at most `limit`, 0 = all) and how many. */
export function substitute(re: RE2JS, text: string, replacement: string, limit = 0): { text: string; count: number } {
  const m = re.matcher(text);
  let out = '';
  let last = 0;
  let n = 0;
  let from = 0;
  while ((limit === 0 || n < limit) && from <= text.length && m.find(from)) {
    out += text.slice(last, m.start()) + expand(replacement, (ref) => groupOf(m, ref));
    last = m.end();
    n++;
    // An empty match advances by one character, as Python does.
    from = m.end() === m.start() ? m.end() + 1 : m.end();
    if (m.end() === m.start() && m.end() < text.length) {
      out += text[m.end()];
      last = m.end() + 1;
    }
  }
  return { text: out + text.slice(last), count: n };
}

/** Ansible's regex_search: the match (or the named groups asked for, as a list), undefined when none. */
function regexSearch(this: HelperThis, value: unknown, pattern: unknown, ...refs: unknown[]): unknown {
  const m = compileRegex(pattern, this).matcher(subject(value));
  if (!m.find()) return undefined;
  if (refs.length === 0) return m.group(0);
  return refs.map((r) => {
    const ref = /^\\(?:g<(\w+)>|(\d+))$/.exec(String(r));
    if (!ref) throw new HelperError(`${JSON.stringify(r)} is not a group reference like "\\\\1" or "\\\\g<name>"`);
    return groupOf(m, ref[1] ?? ref[2]!);
  });
}

/** Python's re.findall: the matches, or a group's values, or lists of groups when there are several. */
function regexFindall(this: HelperThis, value: unknown, pattern: unknown): unknown[] {
  const text = subject(value);
  const m = compileRegex(pattern, this).matcher(text);
  const groups = m.groupCount();
  const out: unknown[] = [];
  let from = 0;
  while (from <= text.length && m.find(from)) {
    const all = Array.from({ length: groups }, (_, i) => m.group(i + 1) ?? '');
    out.push(groups === 0 ? m.group(0) : groups === 1 ? all[0] : all);
    from = m.end() === m.start() ? m.end() + 1 : m.end();
  }
  return out;
}

/** Regex helpers, and the `match` (anchored at the start) and `search` tests. */
export const regexHelpers: Record<string, Helper> = {
  regex_replace: regexReplace,
  regex_search: regexSearch,
  regex_findall: regexFindall,
  // Python's re.escape (3.7+): only the characters special in a pattern.
  regex_escape: (value: unknown) => String(value).replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`),
  match(value: unknown, pattern: unknown) {
    return compileRegex(pattern, this).matcher(subject(value)).lookingAt();
  },
  search(value: unknown, pattern: unknown) {
    return compileRegex(pattern, this).matcher(subject(value)).find();
  },
};
