// `ferry validate`: loading is validation; problems surface as one ValidationError listing them all.
import { resolve } from 'node:path';
import { parseExtraVars } from '../../load/extra-vars.js';
import { loadInventoryAndPlaybook } from '../../load/validate.js';
import type { Task } from '../../load/types.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { inventorySources } from '../options.js';

/** Loads inventory and playbook; prints a one-line summary when both are valid. */
export function runValidateCommand(playbookFile: string, flags: { inventory: string | string[]; extraVars: string[] }, io: CliIo): number {
  const extraVars = parseExtraVars(flags.extraVars, io.cwd);
  const { inventory, playbook } = loadInventoryAndPlaybook(resolve(io.cwd, playbookFile), inventorySources(flags.inventory, io.cwd), extraVars);
  const tasks = playbook.plays.reduce((n, p) => n + count(p.tasks) + count(p.handlers), 0);
  io.stdout.write(`ok: ${playbookFile}: ${playbook.plays.length} play(s), ${tasks} task(s); ${inventory.hosts.size} host(s) in ${[flags.inventory].flat().join(', ')}\n`);
  return EXIT.ok;
}

function count(tasks: Task[]): number {
  return tasks.reduce((n, t) => n + (t.block ? count(t.block) + count(t.rescue ?? []) + count(t.always ?? []) : 1), 0);
}
