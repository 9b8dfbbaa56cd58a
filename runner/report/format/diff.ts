// Unified diffs of results (`--diff`).
import { createTwoFilesPatch } from 'diff';
import type { FileDiff } from '../../modules/types.js';

/** The unified diff of each before/after pair, `--- before: path` / `+++ after: path`. */
export function formatDiffs(diffs: FileDiff[] | undefined): string[] {
  if (!Array.isArray(diffs)) return [];
  return diffs
    .filter((d) => d.before !== d.after)
    .map((d) => createTwoFilesPatch(`before: ${d.path}`, `after: ${d.path}`, d.before, d.after, undefined, undefined, { context: 3 })
      .split('\n').filter((l) => !l.startsWith('=====')).join('\n').trimEnd());
}
