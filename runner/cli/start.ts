// What the `ferry` executable does, as one call: bin/ferry.js runs it from the bundle the build
// makes (build/bundle.mjs), and main.ts from the compiled files when there is no bundle.
import { lazyActions } from './actions/index.js';
import { dropOutputOnClosedPipe } from './closed-pipe.js';
import { exitWhenDone } from './exit-guard.js';
import { loadPrecompiled } from '../load/schemas/precompiled.js';
import { runCli } from './program.js';
import { processIo } from './terminal.js';

/** Runs the command line of this process and exits when its work is done. */
export async function start(): Promise<void> {
  dropOutputOnClosedPipe(process.stdout);
  dropOutputOnClosedPipe(process.stderr);
  await loadPrecompiled();
  exitWhenDone(await runCli(process.argv.slice(2), processIo(), lazyActions));
}
