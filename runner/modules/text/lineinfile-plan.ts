// lineinfile's decision, as a pure function of the file's lines and the arguments, following
// Ansible's present()/absent(): the last matching line (the first with firstmatch) is replaced,
// else the exact line is left alone, else the line goes after/before the last insert match or at EOF.
import { expand, groupOf } from '../../template/helpers/regex.js';
import { bare, compilePattern, splitLines } from './pattern.js';
import type { Edit } from './edit.js';

/** The arguments the plan reads. */
export interface LineArgs {
  state: 'present' | 'absent';
  line?: string;
  regexp?: string;
  search_string?: string;
  insertafter?: string;
  insertbefore?: string;
  backrefs: boolean;
  firstmatch: boolean;
}

/** The file's new text with `args` applied (text null: a file to create). */
export function planLine(text: string | null, args: LineArgs): Edit {
  const lines = splitLines(text ?? '');
  return args.state === 'absent' ? removeLines(lines, args) : placeLine(lines, args);
}

function removeLines(lines: string[], args: LineArgs): Edit {
  const re = args.regexp !== undefined ? compilePattern(args.regexp, 'regexp') : undefined;
  const hit = (l: string): boolean =>
    re ? re.matcher(bare(l)).find() : args.search_string !== undefined ? l.includes(args.search_string) : bare(l) === args.line;
  const kept = lines.filter((l) => !hit(l));
  return { after: kept.join(''), msg: `${lines.length - kept.length} line(s) removed` };
}

function placeLine(lines: string[], args: LineArgs): Edit {
  const line = args.line ?? '';
  const re = args.regexp !== undefined ? compilePattern(args.regexp, 'regexp') : undefined;
  const after = args.insertafter;
  const before = args.insertbefore;
  const insPattern = after !== undefined && after !== 'BOF' && after !== 'EOF' ? after : before !== undefined && before !== 'BOF' ? before : undefined;
  const ins = insPattern === undefined ? undefined : compilePattern(insPattern, after !== undefined ? 'insertafter' : 'insertbefore');
  let found = -1;
  let insertAt = -1;
  let match: { expand(s: string): string } | undefined;
  for (const [i, l] of lines.entries()) {
    if (match && args.firstmatch) break;
    if (re) {
      const m = re.matcher(bare(l));
      if (m.find()) {
        found = i;
        match = { expand: (s) => expand(s, (ref) => groupOf(m, ref)) };
      }
    } else if (args.search_string !== undefined && l.includes(args.search_string)) {
      found = i;
      match = { expand: (s) => s };
    }
  }
  if (!match) {
    for (const [i, l] of lines.entries()) {
      if (bare(l) === line) {
        found = i;
      } else if (ins && ins.matcher(bare(l)).find()) {
        insertAt = after !== undefined ? i + 1 : i;
        if (args.firstmatch) break;
      }
    }
  }
  const result = (msg: string): Edit => ({ after: lines.join(''), msg });
  const endWithNewline = (): void => {
    if (lines.length && !/[\n\r]$/.test(lines[lines.length - 1]!)) lines[lines.length - 1] += '\n';
  };
  if (found !== -1) {
    const next = `${args.backrefs && match ? match.expand(line) : line}\n`;
    if (lines[found] === next) return result('');
    lines[found] = next;
    return result('line replaced');
  }
  if (args.backrefs) return result('');
  if (before === 'BOF' || after === 'BOF') {
    lines.unshift(`${line}\n`);
    return result('line added');
  }
  if (after === 'EOF' || insertAt === -1) {
    endWithNewline();
    lines.push(`${line}\n`);
    return result('line added');
  }
  if (after !== undefined) {
    if (insertAt === lines.length ? bare(lines[insertAt - 1]!) === line : bare(lines[insertAt]!) === line) return result('');
    endWithNewline();
    lines.splice(insertAt, 0, `${line}\n`);
    return result('line added');
  }
  lines.splice(insertAt, 0, `${line}\n`);
  return result('line added');
}
