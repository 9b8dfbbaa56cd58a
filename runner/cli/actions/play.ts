// `ferry play`: load and validate everything, pick a renderer, run, return the recap's exit code.
import { resolve } from 'node:path';
import { runPlaybook } from '../../execute/engine.js';
import { parseExtraVars } from '../../load/extra-vars.js';
import { loadInventoryAndPlaybook } from '../../load/validate.js';
import { selectRenderer } from '../../report/renderers/select.js';
import type { CliIo } from '../io.js';
import { inventorySources } from '../options.js';
import { hostKeyPolicy } from './host-keys.js';
import { becomePassword, stepPrompt } from './prompts.js';
import { withInterrupt } from './interrupt.js';
import { sshSettings, type SshFlags } from './ssh-settings.js';
import { applyConnectionFlags, cliConnection, type ConnectionFlags } from './connection-flags.js';
import { FerryError } from '../../errors.js';
import { listPlaybook } from '../../plan/listing.js';
import { matchHosts } from '../../plan/patterns.js';

/** The parsed flags of `ferry play`. */
export interface PlayFlags extends SshFlags, ConnectionFlags {
  inventory: string | string[];
  check?: boolean;
  diff?: boolean;
  limit?: string;
  tags?: string[];
  skipTags?: string[];
  startAtTask?: string;
  step?: boolean;
  forks: number;
  extraVars: string[];
  json?: boolean;
  verbose: number;
  knownHosts?: string;
  hostKeyChecking?: string;
  becomePasswordEnv?: string;
  askBecomePass?: boolean;
  rolesPath?: string[];
  syntaxCheck?: boolean;
  listHosts?: boolean;
  listTasks?: boolean;
  listTags?: boolean;
}

/** Runs the playbook; resolves with the exit code (0 ok, 1 some host failed or was unreachable). */
export async function runPlayCommand(playbookFile: string, flags: PlayFlags, io: CliIo): Promise<number> {
  const extraVars = parseExtraVars(flags.extraVars, io.cwd);
  const rolesPath = [...(flags.rolesPath ?? []), ...(io.env.ANSIBLE_ROLES_PATH ? [io.env.ANSIBLE_ROLES_PATH] : [])].flatMap((p) => p.split(':')).filter(Boolean).map((p) => resolve(io.cwd, p));
  const { inventory, playbook } = loadInventoryAndPlaybook(resolve(io.cwd, playbookFile), inventorySources(flags.inventory, io.cwd), extraVars, undefined, rolesPath, flags.sshConfig ? { sshConfigFile: resolve(io.cwd, flags.sshConfig) } : {});
  applyConnectionFlags(inventory, flags, io.cwd);
  if (flags.limit && matchHosts(inventory, flags.limit).length === 0) throw new FerryError(`--limit "${flags.limit}" matches no host in ${[flags.inventory].flat().join(', ')}: nothing to run`);
  if (flags.syntaxCheck || flags.listHosts || flags.listTasks || flags.listTags) {
    const lists = { hosts: flags.listHosts, tasks: flags.listTasks, tags: flags.listTags, limit: flags.limit, onlyTags: flags.tags, skipTags: flags.skipTags };
    io.stdout.write(flags.syntaxCheck && !flags.listHosts && !flags.listTasks && !flags.listTags ? `\nplaybook: ${playbookFile}\n` : listPlaybook(playbook, playbookFile, inventory, lists));
    return 0;
  }
  const password = await becomePassword(flags, io);
  const ssh = await sshSettings(flags, io);
  const step = flags.step ? stepPrompt(io) : undefined;
  const renderer = await selectRenderer({ out: io.stdout, verbose: flags.verbose, diff: flags.diff ?? false, json: flags.json });
  const recap = await withInterrupt((signal) =>
    runPlaybook(playbook, inventory, {
      forks: flags.forks,
      check: flags.check,
      diff: flags.diff,
      limit: flags.limit,
      tags: flags.tags,
      skipTags: flags.skipTags,
      startAtTask: flags.startAtTask,
      step,
      extraVars,
      verbose: flags.verbose,
      hostKeys: hostKeyPolicy(flags.hostKeyChecking, flags.knownHosts, io.cwd),
      becomePassword: password,
      ssh,
      cliConnection: cliConnection(flags),
      signal,
      interactive: io.interactive,
      prompt: io.ask ? (q, hidden) => io.ask!(q, hidden) : undefined,
    }, (event) => renderer.handle(event)),
  );
  await renderer.end();
  return recap.exitCode;
}
