// ssh options given the way Ansible users give them: `ansible_ssh_common_args` /
// `ansible_ssh_extra_args` (`-o ProxyJump=bastion`, `-J a,b`, `-p`, `-l`, `-i`, `-F`), as
// lower-case OpenSSH option names, so they merge with the ssh config's.
import { FerryError } from '../errors.js';
import { splitCommandLine } from '../transport/shell-split.js';

const FLAG_OPTION: Record<string, string> = { '-J': 'proxyjump', '-p': 'port', '-l': 'user', '-i': 'identityfile', '-F': 'configfile' };

/** Parses an ssh argument string; refuses what ferry would silently ignore. */
export function parseSshArgs(text: string, varName: string): Map<string, string> {
  const words = splitCommandLine(text);
  const out = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const flag = w.slice(0, 2);
    if (flag === '-o' || FLAG_OPTION[flag]) {
      const value = w.length > 2 ? w.slice(2) : words[++i];
      if (value === undefined) throw new FerryError(`${varName}: ${flag} needs a value`);
      if (flag !== '-o') {
        if (!out.has(FLAG_OPTION[flag]!)) out.set(FLAG_OPTION[flag]!, value);
        continue;
      }
      const m = /^\s*([A-Za-z]+)\s*(?:=|\s)\s*(.+)$/.exec(value);
      if (!m) throw new FerryError(`${varName}: "-o ${value}" is not Option=value`);
      if (!out.has(m[1]!.toLowerCase())) out.set(m[1]!.toLowerCase(), m[2]!.trim());
    } else if (/^-[46ACNTqtvxXYy]+$/.test(w)) {
      continue; // switches that do not change how the host is reached
    } else {
      throw new FerryError(`${varName}: ferry does not support the ssh argument "${w}"`);
    }
  }
  return out;
}
