// The `ferry` program: its commands, and how errors become exit codes.
import { Command, CommanderError } from 'commander';
import type { Actions } from './actions/index.js';
import { adhocCommand } from './adhoc.js';
import { convertCommand } from './convert.js';
import { EXIT } from './exit-codes.js';
import { inventoryCommand } from './inventory.js';
import type { CliIo, CliState } from './io.js';
import { playCommand } from './play.js';
import { renderCommand } from './render.js';
import { reportError } from './report-error.js';
import { validateCommand } from './validate.js';
import { addVaultOptions, loadVaultSecrets } from './vault-options.js';
import { VERSION } from './version.js';

/** Builds the command tree writing to `io`; `state` receives the exit code. */
export function buildProgram(io: CliIo, state: CliState, actions: Actions): Command {
  const program = new Command('ferry')
    .description('a fast playbook runner over SSH, in the spirit of Ansible')
    .version(VERSION)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', `
Examples:
  $ ferry validate playbooks/migrate-etcd.yml -i inventory.yaml
  $ ferry play playbooks/migrate-etcd.yml -i inventory.yaml --check --diff
  $ ferry adhoc etcd_old -i inventory.yaml -a "etcdctl endpoint health"
  $ ferry inventory -i inventory.yaml --graph
  $ ferry render templates/etcd3.service.hbs -i inventory.yaml --host host4
  $ ferry convert site.yml templates/etcd.conf.j2

Run "ferry <command> --help" for a command's flags.`);
  for (const make of [playCommand, adhocCommand, inventoryCommand, validateCommand, renderCommand]) {
    program.addCommand(addVaultOptions(make(io, state, actions)));
  }
  // convert only rewrites text: no vault.
  program.addCommand(convertCommand(io, state, actions));
  // Vault passwords are read before any command loads a file.
  program.hook('preAction', (_program, command) => loadVaultSecrets(command.opts(), io));
  const output = { writeOut: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(s) };
  for (const cmd of [program, ...program.commands]) cmd.exitOverride().configureOutput(output);
  return program;
}

/** Runs the CLI on `argv` (without node and script); resolves with the exit code, never throws. */
export async function runCli(argv: string[], io: CliIo, actions: Actions): Promise<number> {
  const state: CliState = { code: EXIT.ok, verbose: argv.some((a) => /^-v+$|^--verbose$/.test(a)) ? 1 : 0 };
  const program = buildProgram(io, state, actions);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(err.code);
      return done ? EXIT.ok : EXIT.usage;
    }
    return reportError(err, state.verbose, io);
  }
}
