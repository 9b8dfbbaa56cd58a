// Patterns given to the text modules (regexp, insertafter, search markers): Python's syntax as far
// as RE2 reads it, matched in linear time, so a pattern from a variable cannot hang a run.
import { RE2JS } from 're2js';
import { TaskError } from '../../errors.js';
import { MAX_PATTERN } from '../../template/helpers/regex.js';

export { RE2JS };

/** Compiles `source` for argument `arg`; a bad pattern is a TaskError naming the argument and why. */
export function compilePattern(source: string, arg: string, flags = 0): RE2JS {
  if (source.length > MAX_PATTERN) throw new TaskError(`${arg}: the pattern is ${source.length} characters; the limit is ${MAX_PATTERN}`, {});
  try {
    // Python's \Z (end of text) is RE2's \z.
    return RE2JS.compile(source.replaceAll('\\Z', '\\z'), flags);
  } catch (err) {
    const why = /\\[1-9]|\(\?[=!]|\(\?<[=!]/.test(source) ? ' (backreferences and lookarounds are not supported: ferry matches with RE2)' : '';
    throw new TaskError(`${arg}: invalid pattern ${JSON.stringify(source)}: ${(err as Error).message}${why}`, {});
  }
}

/** Splits text into lines that keep their "\n", as Python's readlines() does. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A line without its line ending, as Ansible compares lines (rstrip('\r\n')). */
export function bare(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}
