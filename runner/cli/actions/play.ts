// `ferry play`: load and validate everything, pick a renderer, run, return the recap's exit code.
import { resolve } from 'node:path';
import { runPlaybook } from '../../execute/engine.js';
import { parseExtraVars } from '../../load/extra-vars.js';
import { loadInventoryAndPlaybook } from '../../load/validate.js';
import { selectRenderer } from '../../report/renderers/select.js';
import type { CliIo } from '../io.js';
import { hostKeyPolicy } from './host-keys.js';
import { becomePassword, stepPrompt } from './prompts.js';
import { withInterrupt } from './interrupt.js';
import { sshSettings, type SshFlags } from './ssh-settings.js';

/** The parsed flags of `ferry play`. */
export interface PlayFlags extends SshFlags {
  inventory: string;
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
}

/** Runs the playbook; resolves with the exit code (0 ok, 1 some host failed or was unreachable). */
export async function runPlayCommand(playbookFile: string, flags: PlayFlags, io: CliIo): Promise<number> {
  const extraVars = parseExtraVars(flags.extraVars, io.cwd);
  const { inventory, playbook } = loadInventoryAndPlaybook(resolve(io.cwd, playbookFile), resolve(io.cwd, flags.inventory), extraVars);
  const password = await becomePassword(flags, io);
  const ssh = await sshSettings(flags, io);
  const step = flags.step ? stepPrompt(io) : undefined;
  const renderer = selectRenderer({ out: io.stdout, verbose: flags.verbose, diff: flags.diff ?? false, json: flags.json });
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
      signal,
      interactive: io.interactive,
      prompt: io.ask ? (q, hidden) => io.ask!(q, hidden) : undefined,
    }, (event) => renderer.handle(event)),
  );
  await renderer.end();
  return recap.exitCode;
}
