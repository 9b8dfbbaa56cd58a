// `ferry adhoc`: flags only; the work is in actions/adhoc.ts.
import { Command, Option } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';
import { addSshOptions } from './ssh-options.js';
import { collect, increase, inventoryOption, positiveInt } from './options.js';

const EXAMPLES = `
Examples:
  $ ferry adhoc etcd_old -i inventory.yaml -a "etcdctl endpoint health"
  $ ferry adhoc all -i inventory.yaml -m shell -a "df -h / | tail -1"
  $ ferry adhoc 'etcd_new:!etcd-new-3' -i inv.yaml -m systemd -a "name=etcd state=started" --check
  $ ferry adhoc all -i inv.yaml -m debug -a 'msg="{{ inventory_hostname }} is {{ ssh_host }}"'`;

/** The adhoc command. */
export function adhocCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return addSshOptions(new Command('adhoc'))
    .description('run one module on the hosts matching a pattern')
    .argument('<pattern>', 'host pattern: group, host, all, a:b, a:&b, a:!b, globs')
    .addOption(inventoryOption())
    .option('-m, --module <name>', 'module to run', 'command')
    .option('-a, --args <args>', 'module arguments: free-form text, k=v pairs, or a JSON mapping', '')
    .option('-C, --check', 'change nothing; report what would change')
    .option('-D, --diff', 'show differences')
    .option('-f, --forks <n>', 'hosts worked on at once', positiveInt, 10)
    .option('-e, --extra-vars <var>', 'key=value, @file.yaml or a JSON mapping; repeatable', collect, [])
    .option('-b, --become', 'run with become (sudo)')
    .option('--json', 'print JSON lines for CI')
    .option('-v, --verbose', 'stream command output; repeat for more', increase, 0)
    .addOption(new Option('--become-password-env <var>', 'read the sudo password from this environment variable').conflicts('askBecomePass'))
    .option('-K, --ask-become-pass', 'ask for the sudo password')
    .addHelpText('after', EXAMPLES)
    .action(async (pattern: string, opts) => {
      state.verbose = opts.verbose;
      state.code = await actions.adhoc(pattern, opts, io);
    });
}
