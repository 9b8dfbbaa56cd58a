// Loads inventories as Ansible does, from any number of `-i` sources merged in order: YAML and
// INI files (told apart as Ansible tells them), folders of them, executable scripts, the JSON
// that `ferry inventory --list` prints, and `host1,host2,` lists; then group_vars/ and
// host_vars/ beside each source. Every problem is reported at once, as file:line:col.
import { readdirSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { type Diagnostic, ValidationError } from '../errors.js';
import { InventoryBuilder } from './inventory/builder.js';
import { expandHostPattern } from './inventory/host-pattern.js';
import { addIniInventory } from './inventory/ini-format.js';
import { addScriptData, addScriptInventory, isScriptShape } from './inventory/script-format.js';
import { readSourceText } from './inventory/source-file.js';
import { readVarsDir } from './inventory/vars-dirs.js';
import { addYamlInventory } from './inventory/yaml-format.js';
import type { Inventory } from './types.js';
import { parseYaml, remember } from './yaml.js';

// Skipped inside an inventory folder, as Ansible's INVENTORY_IGNORE_EXTS and IGNORED_ALWAYS.
const IGNORED = /^\.|^(host_vars|group_vars|vars_plugins)$|(\.pyc|\.pyo|\.swp|\.bak|~|\.rpm|\.md|\.txt|\.rst|\.orig|\.ini|\.cfg|\.retry)$/;
const YAML_EXTENSIONS = ['', '.yml', '.yaml', '.json'];

/** Loads and validates inventories; `diagnostics` is empty when `inventory` can be trusted. */
export function readInventory(sources: string | readonly string[]): { inventory: Inventory; diagnostics: Diagnostic[] } {
  const list = typeof sources === 'string' ? [sources] : [...sources];
  const b = new InventoryBuilder(list);
  for (const source of list) addSource(b, source);
  const inventory = b.finish();
  inventory.varsDirs = [];
  for (const source of list) {
    if (isHostList(source)) continue;
    const { varsDir, diagnostics } = readVarsDir(isDirectory(source) ? source : dirname(source), 'inventory', inventory.groups.keys(), inventory.hosts.keys());
    inventory.varsDirs.push(varsDir);
    b.diagnostics.push(...diagnostics);
  }
  return { inventory, diagnostics: sortDiagnostics(b.diagnostics) };
}

/** Adds group_vars/ and host_vars/ beside the playbook (`dir`): the play loader calls this. */
export function addPlaybookVarsDir(inventory: Inventory, dir: string): Diagnostic[] {
  const { varsDir, diagnostics } = readVarsDir(dir, 'playbook', inventory.groups.keys(), inventory.hosts.keys());
  inventory.varsDirs = [...(inventory.varsDirs ?? []).filter((d) => !(d.place === 'playbook' && d.dir === dir)), varsDir];
  return diagnostics;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isHostList(source: string): boolean {
  return source.includes(',') && !exists(source);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function addSource(b: InventoryBuilder, source: string): void {
  if (isHostList(source)) return addHostList(b, source);
  if (isDirectory(source)) {
    for (const entry of readdirSync(source).sort()) if (!IGNORED.test(entry)) addSource(b, join(source, entry));
    return;
  }
  const read = readSourceText(source);
  if ('error' in read) return void b.diagnostics.push({ file: source, line: 1, col: 1, message: read.error });
  if (read.text.startsWith('#!') && isExecutable(source)) return addScriptInventory(b, source);
  addFile(b, source, read.text);
}

function isExecutable(file: string): boolean {
  return (statSync(file).mode & 0o111) !== 0;
}

// Ansible tries YAML (for no extension, .yml, .yaml, .json), then INI. A file that is neither
// gets the errors of the format it looks like, not twenty YAML errors for an INI file.
function addFile(b: InventoryBuilder, file: string, text: string): void {
  const yamlFirst = YAML_EXTENSIONS.includes(extname(file).toLowerCase());
  const yaml = yamlFirst ? parseYaml(text, file) : undefined;
  const parsed = yaml !== undefined && yaml.doc.errors.every((e) => e.code === 'DUPLICATE_KEY');
  const data = parsed ? (yaml.doc.toJS({ maxAliasCount: 1000 }) as unknown) : undefined;
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (yaml && isMapping) {
    if (isScriptShape(data)) return addScriptData(b, data as Record<string, unknown>, { file, line: 1, col: 1 });
    return addYamlInventory(b, remember(yaml), data);
  }
  const trial = new InventoryBuilder([file]);
  const iniProblems = addIniInventory(trial, file, text);
  if (iniProblems.length === 0 || !yaml || looksLikeIni(text)) return void addIniInventory(b, file, text);
  if (yaml.diagnostics.length > 0) b.diagnostics.push(...yaml.diagnostics);
  else b.diagnostics.push({ file, line: 1, col: 1, message: 'an inventory is a YAML mapping of groups (with an \'all\' group) or an INI file of [group] sections' });
}

// The first line that is not blank or a comment is a [section], or a host line with key=value.
function looksLikeIni(text: string): boolean {
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#') && !l.startsWith(';'));
  return first !== undefined && (/^\[[^\]]+\]\s*(#.*)?$/.test(first) || /^\S+(\s+\S+=\S*)+$/.test(first));
}

// `-i 'host1,host2:2222,'`: Ansible's host_list plugin; the hosts are ungrouped.
function addHostList(b: InventoryBuilder, source: string): void {
  const at = { file: source, line: 1, col: 1 };
  for (const item of source.split(',').map((s) => s.trim()).filter(Boolean)) {
    let pattern;
    try {
      pattern = expandHostPattern(item);
    } catch (err) {
      b.diagnostics.push({ ...at, message: (err as Error).message });
      continue;
    }
    const { names, port } = pattern;
    for (const name of names) b.addHost('ungrouped', name, port === undefined ? {} : { ansible_port: port }, at);
  }
}

/** Diagnostics in file order. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}

/** Loads inventories; throws one ValidationError holding every problem. */
export function loadInventory(sources: string | readonly string[]): Inventory {
  const { inventory, diagnostics } = readInventory(sources);
  if (diagnostics.length > 0) throw new ValidationError(diagnostics);
  return inventory;
}
