// The `ferry` executable (bin/ferry.js imports the compiled form of this file).
import { lazyActions } from './actions/index.js';
import { runCli } from './program.js';
import { processIo } from './terminal.js';

process.exitCode = await runCli(process.argv.slice(2), processIo(), lazyActions);
