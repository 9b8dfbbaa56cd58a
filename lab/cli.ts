// The lab's command line: `up`, `down`, `status` (flags only; the work is in up/down/status).
import { Command } from 'commander';
import { resolve } from 'node:path';
import { FerryError } from '../runner/errors.js';
import { labDir } from './config.js';
import { labDown } from './down.js';
import { addFaultCommands } from './fault-commands.js';
import { namesFrom } from './args.js';
import { parseGroups } from './plan.js';
import { loadState } from './state-file.js';
import { formatStatus, labStatus } from './status.js';
import { labUp } from './up.js';

const say = (line: string): void => console.log(line);

const program = new Command('lab').description('Real hosts for ferry tests: systemd-nspawn containers with sshd and etcd');

program
  .command('up')
  .description('boot the lab (tearing down any earlier one) and write its inventory')
  .option('--hosts <n>', 'number of hosts (default 6)')
  .option('--names <a,b,c>', 'host names, in address order')
  .option('--groups <spec>', 'inventory groups as consecutive slices, e.g. etcd_old=3,etcd_new=3 (lab = all is always added)')
  .option('--inventory <file>', 'where to write the inventory (default <lab dir>/inventory.yaml)')
  .option('--password-host <name>', 'host whose ops sudo asks for a password (default: the last host)')
  .action(async (opts: { hosts?: string; names?: string; groups?: string; inventory?: string; passwordHost?: string }) => {
    const names = namesFrom(opts);
    const s = await labUp({
      dir: labDir(),
      names,
      groups: opts.groups ? parseGroups(opts.groups, names) : undefined,
      inventory: opts.inventory ? resolve(opts.inventory) : undefined,
      passwordHost: opts.passwordHost,
      say,
    });
    const pw = s.hosts.find((h) => h.opsSudo === 'password');
    say(`ops sudo asks for a password on ${pw?.name} (lab_ops_password in the inventory); passwordless elsewhere`);
    say(`inventory: ${s.inventory}\nknown_hosts: ${s.knownHosts}\nkey: ${s.privateKey}`);
    say(`${s.hosts.length} hosts ready in ${s.bootSeconds?.toFixed(1)} s`);
  });

program
  .command('down')
  .description('stop every recorded container and remove its mounts, links, namespaces and dirs')
  .action(async () => {
    if (!(await labDown(labDir(), say))) say(`no lab recorded in ${labDir()}`);
  });

program
  .command('status')
  .description('each host, its IP, its nspawn pid and whether it answers SSH')
  .action(async () => {
    const s = loadState(labDir());
    if (!s) return say(`no lab recorded in ${labDir()}`);
    say(formatStatus(await labStatus(s)));
  });

addFaultCommands(program, say);

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof FerryError ? e.message : `lab: ${(e as Error)?.message ?? String(e)}`);
  process.exit(1);
});
