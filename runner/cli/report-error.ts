// Turns an error into what the operator sees: FerryError messages as-is, anything else short.
import { FerryError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Prints the error (no stack unless -v and unexpected) and returns the exit code. */
export function reportError(err: unknown, verbose: number, io: CliIo): number {
  if (err instanceof FerryError || isFerryLike(err)) {
    // Diagnostics print one `file:line:col: message` per line, as compilers do, with a count after.
    if (err.name === 'ValidationError') {
      const lines = err.message.split('\n');
      io.stderr.write(`${err.message}\nferry: ${lines.length} problem(s); nothing was run\n`);
    } else io.stderr.write(`ferry: ${err.message}\n`);
    return EXIT.failed;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr.write(`ferry: unexpected error: ${e.message}\n`);
  if (verbose > 0 && e.stack) io.stderr.write(`${e.stack}\n`);
  else io.stderr.write('(run again with -v for details)\n');
  return EXIT.internal;
}

// A FerryError from a second copy of the module (bundlers, test loaders) still counts as one.
function isFerryLike(err: unknown): err is Error {
  return err instanceof Error && ['FerryError', 'ValidationError', 'TemplateError', 'ConnectError', 'HostKeyError', 'TaskError'].includes(err.name);
}
