// Whether a path exists (for `creates` / `removes`), relative to a working directory if given.
import { shq } from '../../transport/shell-quote.js';
import type { Fact } from './fact.js';

/** True when `path` exists on the host; a relative path is taken from `chdir`, as Ansible does. */
export function pathExists(path: string, chdir?: string): Fact<boolean> {
  const test = `if [ -e ${shq(path)} ]; then echo yes; else echo no; fi`;
  return { command: chdir ? `cd -- ${shq(chdir)} && ${test}` : test, parse: (out) => out.trim() === 'yes' };
}
