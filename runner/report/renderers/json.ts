// --json: JSON lines for CI, one per task result, then the recap (and warnings, which CI should see).
// With -v as well, every event (play/task/host starts and ends, progress, retries, output) is a line,
// so a harness can time phases or act when a task starts on a host.
import type { FerryEvent, FerryEventKind } from '../events.js';
import type { RenderOptions, Renderer } from './types.js';

const KINDS = new Set<FerryEventKind>(['host_result', 'waiting', 'warning', 'recap']);

/** Writes selected events as one JSON object per line. */
export class JsonRenderer implements Renderer {
  constructor(private readonly opts: Pick<RenderOptions, 'out'> & { verbose?: number }) {}

  handle(event: FerryEvent): void {
    if (KINDS.has(event.kind) || (this.opts.verbose ?? 0) > 0) this.opts.out.write(`${JSON.stringify(event, replacer())}\n`);
  }

  async end(): Promise<void> {}
}

// Results may hold Buffers or cycles; keep the line valid JSON whatever a module returned.
function replacer(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
}
