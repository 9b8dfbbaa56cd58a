// Picks the renderer for a run: --json, the TTY tree, or plain lines. The TTY tree (listr2) is
// loaded only for a terminal: piped and --json runs do not pay for it at start-up.
import { JsonRenderer } from './json.js';
import { PlainRenderer } from './plain.js';
import type { RenderOptions, Renderer } from './types.js';

/** JSON lines under --json; the listr2 tree on a TTY; plain lines otherwise. */
export async function selectRenderer(opts: RenderOptions & { json?: boolean }): Promise<Renderer> {
  if (opts.json) return new JsonRenderer(opts);
  if (opts.out.isTTY) {
    const { TtyRenderer } = await import('./tty.js');
    return new TtyRenderer({ ...opts, color: opts.color ?? true });
  }
  return new PlainRenderer(opts);
}
