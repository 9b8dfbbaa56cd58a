// Off a TTY: one line per host result, failures with message and stderr tail, then the recap.
import type { FerryEvent } from '../events.js';
import { formatLines } from '../format/lines.js';
import type { RenderOptions, Renderer } from './types.js';

/** Writes the formatter map's lines for every event as it comes. */
export class PlainRenderer implements Renderer {
  constructor(private readonly opts: RenderOptions) {}

  handle(event: FerryEvent): void {
    const lines = formatLines(event, { diff: this.opts.diff, verbose: this.opts.verbose, color: this.opts.color ?? false });
    if (lines.length > 0) this.opts.out.write(`${lines.join('\n')}\n`);
  }

  async end(): Promise<void> {}
}
