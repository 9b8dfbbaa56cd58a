// The formatter map: each event kind → the plain lines it prints (none for kinds that stay quiet).
import type { FerryEvent, FerryEventKind } from '../events.js';
import { formatDuration } from './duration.js';
import { formatRecap } from './recap.js';
import { formatResult } from './result.js';

export interface LineOptions {
  diff: boolean;
  color: boolean;
  verbose: number;
}

type Formatter<K extends FerryEventKind> = (event: Extract<FerryEvent, { kind: K }>, opts: LineOptions) => string[];

/** One formatter per event kind. */
export const lineFormatters: { [K in FerryEventKind]: Formatter<K> } = {
  run_start: (e) => (e.check ? ['CHECK MODE: no changes will be made'] : []),
  play_start: (e) => ['', `PLAY [${e.play}] ${e.hosts.length} host${e.hosts.length === 1 ? '' : 's'}`],
  batch_start: (e) => [`batch: ${e.hosts.join(', ')}`],
  task_start: (e, o) => (o.verbose > 0 ? [`TASK [${e.task}]`] : []),
  host_start: () => [],
  output: (e, o) => (o.verbose > 0 && e.text ? e.text.trimEnd().split('\n').map((l) => `  [${e.host}] ${e.stream === 'stderr' ? '! ' : ''}${l}`) : []),
  progress: (e, o) => (o.verbose > 0 ? [`  [${e.host}] ${e.msg}`] : []),
  waiting: (e) => [`  [${e.host}] ${e.msg}`],
  retry: (e) => [`retrying: [${e.host}] ${e.task} (${e.attempt}/${e.retries})${e.msg ? `: ${e.msg}` : ''}`],
  host_result: (e, o) => formatResult(e, o),
  task_end: () => [],
  handler_start: (e) => [`HANDLER [${e.handler}] on ${e.hosts.join(', ')}`],
  play_end: (e, o) => (o.verbose > 0 ? [`play "${e.play}" done in ${formatDuration(e.durationMs)}`] : []),
  warning: (e) => [`warning: ${e.host ? `[${e.host}] ` : ''}${e.task ? `${e.task}: ` : ''}${e.msg}`],
  recap: (e, o) => formatRecap(e, o.color),
};

/** The lines for any event. */
export function formatLines(event: FerryEvent, opts: LineOptions): string[] {
  return (lineFormatters[event.kind] as Formatter<FerryEventKind>)(event as never, opts);
}
