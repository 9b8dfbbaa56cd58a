// `ferry play`: flags only; the work is in actions/play.ts.
import { Command, Option } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';
import { addSshOptions } from './ssh-options.js';
import { collect, commaList, increase, inventoryOption, positiveInt } from './options.js';

const EXAMPLES = `
Examples:
  $ ferry play playbooks/migrate-etcd.yml -i inventory.yaml
  $ ferry play site.yaml -i inv.yaml --check --diff --limit etcd_new
  $ ferry play site.yaml -i inv.yaml --tags etcd --skip-tags slow -e etcd_version=3.4.23 -e @vars.yaml
  $ ferry play site.yaml -i inv.yaml --start-at-task "promote learner" --step
  $ SUDO_PW=... ferry play site.yaml -i inv.yaml --become-password-env SUDO_PW --json > run.jsonl

Exit codes: 0 ok, 1 a host failed or was unreachable (or invalid input), 2 bad command line, 3 internal error.`;

/** The play command. */
export function playCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return addSshOptions(new Command('play'))
    .description('run a playbook against an inventory')
    .argument('<playbook>', 'playbook YAML file')
    .addOption(inventoryOption())
    .option('-C, --check', 'change nothing; report what would change')
    .option('-D, --diff', 'show the differences of templates and copies')
    .option('-l, --limit <pattern>', 'further restrict hosts with a pattern')
    .option('-t, --tags <tags>', 'only run tasks with these tags (comma-separated, repeatable)', commaList)
    .option('--skip-tags <tags>', 'skip tasks with these tags (comma-separated, repeatable)', commaList)
    .option('--start-at-task <name>', 'start at the task with this name')
    .option('--step', 'confirm each task before running it')
    .option('-f, --forks <n>', 'hosts worked on at once', positiveInt, 10)
    .option('-e, --extra-vars <var>', 'key=value, @file.yaml or a JSON mapping; repeatable, overrides everything', collect, [])
    .option('--json', 'print JSON lines (task results, then the recap) for CI')
    .option('-v, --verbose', 'stream command output and progress; repeat for more', increase, 0)
    .addOption(new Option('--become-password-env <var>', 'read the sudo password from this environment variable').conflicts('askBecomePass'))
    .option('-K, --ask-become-pass', 'ask for the sudo password')
    .option('--roles-path <dirs>', 'folders to find roles in after roles/ beside the playbook (colon-separated, repeatable)', collect, [])
    .option('-u, --user <name>', 'login user where neither remote_user nor the inventory sets one')
    .option('--private-key <file>', 'SSH key where the inventory sets none')
    .addOption(new Option('-c, --connection <type>', 'connection where neither the connection keyword nor the inventory sets one').choices(['ssh', 'local']))
    .option('-b, --become', 'run tasks with become where the play or inventory does not say')
    .option('--become-user <name>', 'user to become where the inventory sets none (default root)')
    .addOption(new Option('--become-method <method>', 'how to become').choices(['sudo']))
    .option('--syntax-check', 'check the playbook (and inventory), run nothing')
    .option('--list-hosts', 'list the hosts each play would run on, run nothing')
    .option('--list-tasks', 'list the tasks each play would run, run nothing')
    .option('--list-tags', 'list the tags of each play, run nothing')
    .addHelpText('after', EXAMPLES)
    .action(async (playbook: string, opts) => {
      state.verbose = opts.verbose;
      state.code = await actions.play(playbook, opts, io);
    });
}
