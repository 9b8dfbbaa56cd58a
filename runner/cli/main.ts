// The `ferry` executable (bin/ferry.js imports the compiled form of this file).
import { runCli } from './program.js';
import { processIo } from './terminal.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
