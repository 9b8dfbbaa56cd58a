// `ferry validate`: flags only; the work is in actions/validate.ts.
import { Command } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';
import { collect, inventoryOption } from './options.js';

const EXAMPLES = `
Examples:
  $ ferry validate playbooks/migrate-etcd.yml -i inventory.yaml
  $ ferry validate site.yaml -i inv.yaml -e etcd_version=3.4.23

Every problem is printed as file:line:col: message; the exit code is 1 when there is any. Nothing connects.`;

/** The validate command. */
export function validateCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return new Command('validate')
    .description('check an inventory and a playbook (schemas, modules, templates, patterns) without connecting')
    .argument('<playbook>', 'playbook YAML file')
    .addOption(inventoryOption())
    .option('-e, --extra-vars <var>', 'key=value, @file.yaml or a JSON mapping; repeatable', collect, [])
    .addHelpText('after', EXAMPLES)
    .action(async (playbook: string, opts) => {
      state.code = await actions.validate(playbook, opts, io);
    });
}
