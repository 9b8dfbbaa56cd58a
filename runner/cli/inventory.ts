// `ferry inventory`: flags only; the work is in actions/inventory.ts.
import { Command } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';
import { collect, inventoryOption } from './options.js';

const EXAMPLES = `
Examples:
  $ ferry inventory -i inventory.yaml --list
  $ ferry inventory -i hosts.ini -i extra/ --graph
  $ ferry inventory -i inventory.yaml --host etcd-old-1 -e etcd_version=3.4.23`;

/** The inventory command. */
export function inventoryCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return new Command('inventory')
    .description('show the inventory as resolved: JSON (--list), a tree (--graph) or one host\'s vars (--host)')
    .addOption(inventoryOption())
    .option('--list', 'every group and host with merged vars, as JSON (like ansible-inventory --list)')
    .option('--graph', 'the group tree')
    .option('--host <name>', 'one host\'s merged vars, as JSON')
    .option('--show-secrets', 'print *_password, *_token, *_secret and secret_vars values instead of ********')
    .option('--export', 'with --list: group vars on groups and each host\'s own vars, unmerged (like ansible-inventory --export)')
    .option('--playbook-dir <dir>', 'apply group_vars/ and host_vars/ of this folder as a playbook beside them would')
    .option('-e, --extra-vars <var>', 'key=value, @file.yaml or a JSON mapping; applied on top for --host/--list', collect, [])
    .addHelpText('after', EXAMPLES)
    .action(async (opts) => {
      state.code = await actions.inventory(opts, io);
    });
}
