// POSIX shell quoting: every command ferry builds goes through here, so a value can never
// become shell syntax on the remote side.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell (single quotes; a `'` becomes `'\''`). */
export function shq(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Joins argv into one command line whose words the shell reads back exactly. */
export function argvToCommand(argv: readonly string[]): string {
  return argv.map(shq).join(' ');
}
