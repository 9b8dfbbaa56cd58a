// One host's result as text: `ok: [host] task (12 ms)`, with the message and stderr tail when it failed.
import { tail } from '../../errors.js';
import type { FerryEvent } from '../events.js';
import { formatDiffs } from './diff.js';
import { formatDuration } from './duration.js';
import { paint } from './style.js';

type HostResult = Extract<FerryEvent, { kind: 'host_result' }>;

/** The lines for one host_result (a loop item shows `(item=...)`). */
export function formatResult(e: HostResult, opts: { diff: boolean; color: boolean; verbose: number }): string[] {
  const label = e.ignored ? 'failed (ignored)' : e.status;
  const item = e.item === undefined ? '' : ` (item=${short(e.item)})`;
  const lines = [`${paint(e.ignored ? 'ignored' : e.status, `${label}:`, opts.color)} [${e.host}] ${e.task}${item} (${formatDuration(e.durationMs)})`];
  const r = e.result;
  if (e.status === 'failed' || e.status === 'unreachable') {
    if (r.msg) lines.push(...indent(String(r.msg)));
    if (r.rc !== undefined && r.rc !== 0) lines.push(`  rc: ${String(r.rc)}`);
    if (typeof r.stderr === 'string' && r.stderr.trim()) lines.push('  stderr:', ...indent(tail(r.stderr, 10), '    '));
    else if (typeof r.stdout === 'string' && r.stdout.trim()) lines.push('  stdout:', ...indent(tail(r.stdout, 10), '    '));
  } else if (e.status === 'skipped' && r.msg && e.item === undefined) {
    lines.push(...indent(String(r.msg)));
  } else if (r.msg && e.item === undefined && opts.verbose >= (typeof r.show_msg_from_verbosity === 'number' ? r.show_msg_from_verbosity : 1)) {
    lines.push(...indent(String(r.msg)));
  }
  if (opts.diff) for (const d of formatDiffs(r.diff)) lines.push(...indent(d));
  return lines;
}

function indent(text: string, pad = '  '): string[] {
  return text.split('\n').map((l) => pad + l);
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
