// `ferry render`: flags only; the work is in actions/render.ts.
import { Command } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';
import { collect, inventoryOption } from './options.js';

const EXAMPLES = `
Examples:
  $ ferry render templates/etcd3.service.hbs -i inventory.example.yaml --host etcd-new-1
  $ ferry render templates/etcd.env.hbs -i inv.yaml --host etcd-new-2 -e etcd_initial_cluster_state=existing`;

/** The render command. */
export function renderCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return new Command('render')
    .description('print the file a host would get from a template (inventory and extra vars; no connection)')
    .argument('<template>', 'Handlebars template file')
    .addOption(inventoryOption())
    .requiredOption('--host <name>', 'inventory host to render for')
    .option('-e, --extra-vars <var>', 'key=value, @file.yaml or a JSON mapping; repeatable', collect, [])
    .addHelpText('after', EXAMPLES)
    .action(async (template: string, opts) => {
      state.code = await actions.render(template, opts, io);
    });
}
