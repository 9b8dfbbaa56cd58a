// `creates` / `removes`: Ansible's way to make command and shell idempotent.
import { readFact } from '../facts/fact.js';
import { pathExists } from '../facts/path-exists.js';
import type { ModuleContext } from '../types.js';

/** Why the command should be skipped, or undefined when it should run. */
export async function guardSkipReason(ctx: ModuleContext, args: { creates?: string; removes?: string; chdir?: string }): Promise<string | undefined> {
  if (args.creates !== undefined && (await readFact(ctx, pathExists(args.creates, args.chdir)))) {
    return `skipped, since ${args.creates} exists`;
  }
  if (args.removes !== undefined && !(await readFact(ctx, pathExists(args.removes, args.chdir)))) {
    return `skipped, since ${args.removes} does not exist`;
  }
  return undefined;
}

/** JSON Schema properties shared by command and shell. */
export const guardProperties = {
  chdir: { type: 'string', description: 'directory to run the command in' },
  creates: { type: 'string', description: 'skip when this path exists' },
  removes: { type: 'string', description: 'skip unless this path exists' },
  stdin: { type: 'string', description: 'text fed to the command on stdin' },
} as const;
