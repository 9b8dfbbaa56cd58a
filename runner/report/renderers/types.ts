// The one contract every renderer follows.
import type { FerryEvent } from '../events.js';

/** Where renderers write (process.stdout, or a string sink in tests). */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface RenderOptions {
  out: Output;
  /** -v: stream command output and progress lines. */
  verbose: number;
  /** --diff: show results' diffs. */
  diff: boolean;
  /** ANSI colours (plain renderer on a TTY, the tree). */
  color?: boolean;
}

/** Consumes (already redacted) events; end() flushes once the run is over. */
export interface Renderer {
  handle(event: FerryEvent): void;
  end(): Promise<void>;
}
