// The `ferry` executable (bin/ferry.js imports the compiled form of this file).
import { lazyActions } from './actions/index.js';
import { dropOutputOnClosedPipe } from './closed-pipe.js';
import { exitWhenDone } from './exit-guard.js';
import { loadPrecompiled } from '../load/schemas/precompiled.js';
import { runCli } from './program.js';
import { processIo } from './terminal.js';

dropOutputOnClosedPipe(process.stdout);
dropOutputOnClosedPipe(process.stderr);
await loadPrecompiled();
exitWhenDone(await runCli(process.argv.slice(2), processIo(), lazyActions));
