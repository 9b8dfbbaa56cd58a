// `ferry adhoc`: one play of one task, built here and run by the engine like any playbook.
import { resolve } from 'node:path';
import { FerryError, ValidationError } from '../../errors.js';
import { runPlaybook } from '../../execute/engine.js';
import { parseExtraVars } from '../../load/extra-vars.js';
import { connectionDiagnostics } from '../../load/connection-check.js';
import { loadInventory } from '../../load/inventory.js';
import { describeAjvErrors } from '../../load/schemas/ajv.js';
import { newTask } from '../../load/keywords.js';
import type { Playbook } from '../../load/types.js';
import { didYouMean } from '../../load/suggest.js';
import { matchHosts } from '../../plan/patterns.js';
import { writtenArgsErrors } from '../../modules/args.js';
import { modules } from '../../modules/registry.js';
import { selectRenderer } from '../../report/renderers/select.js';
import type { CliIo } from '../io.js';
import { inventorySources } from '../options.js';
import { parseAdhocArgs } from './adhoc-args.js';
import { hostKeyPolicy } from './host-keys.js';
import { withInterrupt } from './interrupt.js';
import type { PlayFlags } from './play.js';
import { becomePassword } from './prompts.js';
import { sshSettings, type SshFlags } from './ssh-settings.js';

/** The parsed flags of `ferry adhoc`. */
export type AdhocFlags = Pick<PlayFlags, 'inventory' | 'check' | 'diff' | 'forks' | 'extraVars' | 'json' | 'verbose' | 'knownHosts' | 'hostKeyChecking' | 'becomePasswordEnv' | 'askBecomePass'> & SshFlags & {
  module: string;
  args: string;
  become?: boolean;
};

/** Runs the module on every matching host; resolves with the exit code. */
export async function runAdhocCommand(pattern: string, flags: AdhocFlags, io: CliIo): Promise<number> {
  const module = modules.get(flags.module);
  if (!module) throw new FerryError(`unknown module "${flags.module}"${didYouMean(flags.module, modules.keys())}`);
  const extraVars = parseExtraVars(flags.extraVars, io.cwd);
  const inventory = loadInventory(inventorySources(flags.inventory, io.cwd));
  const targets = matchHosts(inventory, pattern);
  if (targets.length === 0) throw new FerryError(`pattern "${pattern}" matches no host in ${[flags.inventory].flat().join(', ')}`);
  const badConnections = connectionDiagnostics(inventory, flags.sshConfig ? { sshConfigFile: resolve(io.cwd, flags.sshConfig) } : {}, targets);
  if (badConnections.length > 0) throw new ValidationError(badConnections);
  const args = parseAdhocArgs(flags.args, module);
  // Checked like a playbook task's arguments, before any host is contacted (templated values are judged per host).
  const problems = describeAjvErrors(writtenArgsErrors(module, args));
  if (problems.length > 0) throw new FerryError(`-a: ${module.name}: ${problems.join('; ')}`);
  const source = { file: '<adhoc>', line: 1, col: 1 };
  const task = newTask({ name: `${flags.module} ${flags.args}`.trim(), module: flags.module, args, delay: 0, source, ...(flags.become ? { become: true } : {}) });
  const playbook: Playbook = {
    file: '<adhoc>', baseDir: io.cwd,
    plays: [{ name: `adhoc ${pattern}`, hosts: pattern, vars: {}, varsFiles: [], serial: [], strategy: 'linear', anyErrorsFatal: false, gatherFacts: false, tags: [], tasks: [task], handlers: [], source }],
  };
  const password = await becomePassword(flags, io);
  const ssh = await sshSettings(flags, io);
  const renderer = await selectRenderer({ out: io.stdout, verbose: Math.max(flags.verbose, 1), diff: flags.diff ?? false, json: flags.json });
  const recap = await withInterrupt((signal) =>
    runPlaybook(playbook, inventory, {
      forks: flags.forks, check: flags.check, diff: flags.diff, extraVars, verbose: flags.verbose, signal,
      hostKeys: hostKeyPolicy(flags.hostKeyChecking, flags.knownHosts, io.cwd), becomePassword: password, ssh,
      interactive: io.interactive,
    }, (event) => renderer.handle(event)),
  );
  await renderer.end();
  return recap.exitCode;
}
