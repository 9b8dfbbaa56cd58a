// The `ferry` executable in its compiled, unbundled form (bin/ferry.js imports it when the build
// made no bundle).
import { start } from './start.js';

await start();
