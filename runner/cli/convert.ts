// `ferry convert`: flags only; the work is in actions/convert.ts.
import { Command } from 'commander';
import type { Actions } from './actions/index.js';
import type { CliIo, CliState } from './io.js';

const EXAMPLES = `
Examples:
  $ ferry convert site.yml roles/etcd/tasks/main.yml roles/etcd/templates/etcd.conf.j2
  $ ferry convert --dry-run inventory.ini

Each file is rewritten in place (YAML comments and layout kept). What could not be converted is
listed as file:line:col: message and left as it was; the exit code is then 1.`;

/** The convert command. */
export function convertCommand(io: CliIo, state: CliState, actions: Actions): Command {
  return new Command('convert')
    .description("rewrite Jinja in playbooks, templates and inventories into ferry's Handlebars")
    .argument('<files...>', 'YAML playbooks, task and vars files, templates, INI or YAML inventories')
    .option('-n, --dry-run', 'print the converted text instead of writing the files')
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], opts: { dryRun?: boolean }) => {
      state.code = await actions.convert(files, { dryRun: !!opts.dryRun }, io);
    });
}
