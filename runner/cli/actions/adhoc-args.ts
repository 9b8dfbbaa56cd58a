// `-a` for adhoc: a JSON mapping, `k=v` pairs (quotes allowed), or free-form text for command/shell.
import { FerryError } from '../../errors.js';
import type { Module } from '../../modules/types.js';
import { typedArg } from '../../load/module-args.js';
import { splitCommandLine } from '../../transport/shell-split.js';

/** Turns the `-a` text into the module's arguments. */
export function parseAdhocArgs(text: string, module: Module): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: fall through to the other forms
    }
  }
  const words = splitCommandLine(trimmed);
  const allPairs = words.length > 0 && words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (allPairs && !(module.freeForm && !Object.keys(properties(module)).includes(words[0].split('=')[0]))) {
    const props = properties(module);
    return Object.fromEntries(words.map((w) => {
      const key = w.slice(0, w.indexOf('='));
      return [key, typedArg(w.slice(w.indexOf('=') + 1), props[key])];
    }));
  }
  if (module.freeForm) return { [module.freeForm]: trimmed };
  throw new FerryError(`-a: module ${module.name} takes key=value arguments (e.g. -a "name=etcd state=started"), got "${text}"`);
}

function properties(module: Module): Record<string, unknown> {
  const props = module.argsSchema.properties;
  return props && typeof props === 'object' ? (props as Record<string, unknown>) : {};
}
