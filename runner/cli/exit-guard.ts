// A finished run ends the process: a handle left open (a tunnel's listener, a client's socket)
// must not keep `ferry` alive after its recap. It is named on stderr, so the leak is still seen.

/** How long the event loop may stay alive after the command returned, once output is flushed. */
const GRACE_MS = 2000;

/** After the command returned: exits with `code` if the process is still alive `GRACE_MS` later. */
export function exitWhenDone(code: number): void {
  process.exitCode = code;
  const timer = setTimeout(function check() {
    // Output still queued for a slow reader is not a leak: wait for it.
    if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) {
      setTimeout(check, 100).unref();
      return;
    }
    const left = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'Timeout');
    process.stderr.write(`ferry: internal: ${left.join(', ') || 'handles'} still open ${GRACE_MS / 1000}s after the run ended; exiting\n`);
    process.exit(code);
  }, GRACE_MS);
  timer.unref();
}
