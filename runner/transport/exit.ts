// How a command ended, in words for error messages.

/** Its exit code, or why it has none (timeout, signal, dropped connection). */
export function describeExit(r: { rc: number | null; signal?: string; timedOut?: boolean }): string {
  if (r.timedOut) return 'killed after its timeout';
  if (r.rc !== null) return `rc ${r.rc}`;
  if (r.signal === 'CHANNEL_CLOSED') return 'the connection dropped before it finished';
  if (r.signal === 'ABORTED') return 'aborted';
  return `killed by signal ${r.signal ?? 'unknown'}`;
}
