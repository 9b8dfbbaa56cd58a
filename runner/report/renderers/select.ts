// Picks the renderer for a run: --json, the TTY tree, or plain lines.
import { JsonRenderer } from './json.js';
import { PlainRenderer } from './plain.js';
import { TtyRenderer } from './tty.js';
import type { RenderOptions, Renderer } from './types.js';

/** JSON lines under --json; the listr2 tree on a TTY; plain lines otherwise. */
export function selectRenderer(opts: RenderOptions & { json?: boolean }): Renderer {
  if (opts.json) return new JsonRenderer(opts);
  if (opts.out.isTTY) return new TtyRenderer({ ...opts, color: opts.color ?? true });
  return new PlainRenderer(opts);
}
