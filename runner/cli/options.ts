// Flag parsers shared by the commands.
import { resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';

/** Collects a repeatable flag (`-e a=1 -e b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Counts a repeatable switch (`-vvv`). */
export function increase(_value: string, previous = 0): number {
  return previous + 1;
}

/** A positive integer (`--forks`). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

/** A comma-separated list (`--tags a,b`), repeatable. */
export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

/** `-i`, repeatable: every command reads inventories the same way (sources merge in order). */
export function inventoryOption(): Option {
  return new Option('-i, --inventory <source>', 'inventory: YAML or INI file, folder, script, or host1,host2, (repeat to merge; later wins)')
    .argParser(collect)
    .makeOptionMandatory();
}

/** The `-i` sources as absolute paths (a `host1,host2,` list stays as given). */
export function inventorySources(given: string | string[], cwd: string): string[] {
  return (Array.isArray(given) ? given : [given]).map((s) => (s.includes(',') ? s : resolve(cwd, s)));
}
