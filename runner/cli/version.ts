// ferry's version, in a file of its own: bin/ferry.js answers `--version` from it without loading the CLI.

/** The version `ferry --version` prints. */
export const VERSION = '0.1.0';
