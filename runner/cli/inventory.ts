// `ferry inventory`: flags only; the work is in actions/inventory.ts.
import { Command } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';
import { collect } from './options.js';

const EXAMPLES = `
Examples:
  $ ferry inventory -i inventory.yaml --list
  $ ferry inventory -i inventory.yaml --graph
  $ ferry inventory -i inventory.yaml --host etcd-old-1 -e etcd_version=3.4.23`;

/** The inventory command. */
export function inventoryCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return new Command('inventory')
    .description('show the inventory as resolved: JSON (--list), a tree (--graph) or one host\'s vars (--host)')
    .requiredOption('-i, --inventory <file>', 'inventory YAML file')
    .option('--list', 'every group and host with merged vars, as JSON (like ansible-inventory --list)')
    .option('--graph', 'the group tree')
    .option('--host <name>', 'one host\'s merged vars, as JSON')
    .option('--show-secrets', 'print *_password, *_token, *_secret and secret_vars values instead of ********')
    .option('-e, --extra-vars <var>', 'key=value, @file.yaml or a JSON mapping; applied on top for --host/--list', collect, [])
    .addHelpText('after', EXAMPLES)
    .action(async (opts) => {
      state.code = await actions.inventory(opts, io);
    });
}
