// blockinfile's decision as a pure function, following Ansible: the block between the two marker
// lines is replaced (or removed); without markers it goes after/before the last insert match, or at EOF.
import { compilePattern, splitLines } from './pattern.js';
import type { Edit } from './edit.js';

/** The arguments the plan reads. */
export interface BlockArgs {
  state: 'present' | 'absent';
  block: string;
  marker: string;
  marker_begin: string;
  marker_end: string;
  insertafter?: string;
  insertbefore?: string;
}

/** The file's new text (text null: a file to create). */
export function planBlock(text: string | null, args: BlockArgs): Edit {
  const lines = splitLines(text ?? '');
  const present = args.state === 'present';
  const begin = `${args.marker.replaceAll('{mark}', args.marker_begin)}\n`;
  const end = `${args.marker.replaceAll('{mark}', args.marker_end)}\n`;
  const body = args.block === '' || args.block.endsWith('\n') ? args.block : `${args.block}\n`;
  const blockLines = present && args.block !== '' ? [begin, ...splitLines(body), end] : [];
  let n0 = lines.lastIndexOf(begin);
  const n1 = lines.lastIndexOf(end);
  if (n0 === -1 || n1 === -1) {
    n0 = insertionPoint(lines, args);
  } else if (n0 < n1) {
    lines.splice(n0, n1 - n0 + 1);
  } else {
    lines.splice(n1, n0 - n1 + 1);
    n0 = n1;
  }
  if (n0 > 0 && !lines[n0 - 1]!.endsWith('\n')) lines[n0 - 1] += '\n';
  lines.splice(n0, 0, ...blockLines);
  const after = lines.join('');
  const msg = text === null ? 'File created' : blockLines.length === 0 ? 'Block removed' : 'Block inserted';
  return { after, msg };
}

/** Where a block without markers goes: after (before) the last line the pattern matches, else EOF. */
function insertionPoint(lines: string[], args: BlockArgs): number {
  const after = args.insertafter ?? (args.insertbefore === undefined ? 'EOF' : undefined);
  if (after === 'EOF') return lines.length;
  if (after === undefined && args.insertbefore === 'BOF') return 0;
  const re = compilePattern((after ?? args.insertbefore)!, after !== undefined ? 'insertafter' : 'insertbefore');
  let n0 = -1;
  for (const [i, l] of lines.entries()) if (re.matcher(l.replace(/\n$/, '')).find()) n0 = i;
  if (n0 === -1) return lines.length;
  return after !== undefined ? n0 + 1 : n0;
}
