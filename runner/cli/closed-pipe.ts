// `ferry play ... | head`: the reader going away must not crash the run with a stack trace, nor
// stop it half-way (a migration cut off mid-task is worse than output nobody reads). Output to a
// closed pipe is dropped; the run goes on and its exit code still tells how it went.

/** Makes EPIPE on `stream` harmless; other stream errors still surface. */
export function dropOutputOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });
}
