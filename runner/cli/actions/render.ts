// `ferry render`: the template module's rendering (file mode, strict) with one host's vars.
import { MAX_TEMPLATE_BYTES, readBounded } from '../../load/bounded-read.js';
import { resolve } from 'node:path';
import { FerryError } from '../../errors.js';
import { parseExtraVars } from '../../load/extra-vars.js';
import { loadInventory } from '../../load/inventory.js';
import { didYouMean } from '../../load/suggest.js';
import { groupsMap, hostVars } from '../../load/vars.js';
import { compileTemplate } from '../../template/index.js';
import { hasTemplate, resolveTemplatedVars } from '../../execute/vars.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { inventorySources } from '../options.js';

/** Prints the rendered template for `--host`. */
export function runRenderCommand(templateFile: string, flags: { inventory: string | string[]; host: string; extraVars: string[] }, io: CliIo): number {
  const inv = loadInventory(inventorySources(flags.inventory, io.cwd));
  if (!inv.hosts.has(flags.host)) throw new FerryError(`--host: no host "${flags.host}" in ${[flags.inventory].flat().join(', ')}${didYouMean(flags.host, inv.hosts.keys())}`);
  const extra = parseExtraVars(flags.extraVars, io.cwd);
  const path = resolve(io.cwd, templateFile);
  const read = readBounded(path, MAX_TEMPLATE_BYTES, 'the template');
  if ('error' in read) throw new FerryError(`cannot read template ${templateFile}: ${read.error}`);
  const source = read.text;
  const hostvars = Object.fromEntries([...inv.hosts.keys()].map((h) => [h, { ...hostVars(inv, h), ...extra, inventory_hostname: h }]));
  const groups = groupsMap(inv);
  const groupNames = Object.keys(groups).filter((g) => g !== 'all' && g !== 'ungrouped' && groups[g].includes(flags.host));
  const vars: Record<string, unknown> = { ...hostvars[flags.host], groups, hostvars, group_names: groupNames, play_hosts: [flags.host], ansible_check_mode: false };
  // Resolved as the engine does for a task, so `etcd_node_ip: "{{ssh_host}}"` renders as the address.
  resolveTemplatedVars(vars, Object.keys(vars).filter((k) => k !== 'hostvars' && hasTemplate(vars[k])), flags.host);
  io.stdout.write(compileTemplate(source, templateFile, { file: true }).render(vars, flags.host));
  return EXIT.ok;
}
