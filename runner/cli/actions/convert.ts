// `ferry convert`: converts each file, writes it back (or prints it with --dry-run), and lists
// what it left, with locations.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { convertFile } from '../../convert/index.js';
import { FerryError } from '../../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** Converts `files`; exit 1 when anything was left unconverted. */
export function runConvertCommand(files: string[], flags: { dryRun: boolean }, io: CliIo): number {
  let left = 0;
  for (const file of files) {
    const path = resolve(io.cwd, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new FerryError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
    }
    const result = convertFile(file, text);
    for (const l of result.leftovers) io.stderr.write(`${file}:${l.line}:${l.col}: not converted: ${l.message}\n`);
    left += result.leftovers.length;
    if (flags.dryRun) io.stdout.write(result.text);
    else if (result.text !== text) writeFileSync(path, result.text);
    const summary = `${file}: ${result.rewritten} rewritten${result.leftovers.length ? `, ${result.leftovers.length} left as they were` : ''}${flags.dryRun || result.text === text ? '' : ' (written)'}\n`;
    (flags.dryRun ? io.stderr : io.stdout).write(summary);
  }
  return left ? EXIT.failed : EXIT.ok;
}
