// ANSI colour for statuses, off unless asked for.
import type { HostStatus } from '../events.js';

const CODES: Record<HostStatus | 'ignored' | 'rescued', number> = {
  ok: 32, changed: 33, failed: 31, skipped: 36, unreachable: 35, ignored: 36, rescued: 35,
};

/** Wraps `text` in the colour of `status` when `color` is on. */
export function paint(status: keyof typeof CODES, text: string, color: boolean): string {
  return color ? `\x1b[${CODES[status]}m${text}\x1b[0m` : text;
}
