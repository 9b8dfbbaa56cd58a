// Finding a file on the control machine for copy `src:` and template `src:`.
import { access } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { FerryError } from '../../errors.js';

/** The first existing path among the candidates for `src`; names them all when none exists. */
export async function findLocalSource(src: string, baseDir: string, subdir?: string): Promise<string> {
  const candidates = isAbsolute(src)
    ? [src]
    : [resolve(baseDir, src), ...(subdir ? [resolve(baseDir, subdir, src), resolve(process.cwd(), subdir, src)] : [])];
  for (const path of [...new Set(candidates)]) {
    try {
      await access(path);
      return path;
    } catch {
      // try the next candidate
    }
  }
  throw new FerryError(`source file ${src} not found (looked in ${[...new Set(candidates)].join(', ')})`);
}

/** Joins a directory destination and a source's base name, as copy does for `dest: /dir/`. */
export function destInDir(dest: string, src: string): string {
  return join(dest, src.split('/').pop()!);
}
