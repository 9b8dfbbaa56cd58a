// Executable inventories (Ansible's script plugin): `SCRIPT --list` prints JSON groups
// (`{"g": {"hosts": [...], "vars": {...}, "children": [...]}}` or `{"g": ["h1", "h2"]}`) and
// `_meta.hostvars`; without `_meta`, `SCRIPT --host H` is asked for each host. The same JSON
// in a file (what `ferry inventory --list` prints) is read the same way.
import { spawnSync } from 'node:child_process';
import type { SourceRef } from '../types.js';
import type { InventoryBuilder } from './builder.js';
import { checkConnectionVars } from './var-checks.js';

/** A script gets this long to answer `--list`, and `--host` each. */
export const SCRIPT_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Whether parsed JSON/YAML data has the script shape (`_meta`, or a group whose hosts is a list). */
export function isScriptShape(data: unknown): boolean {
  if (!isObject(data)) return false;
  return '_meta' in data || Object.values(data).some((g) => Array.isArray(g) || (isObject(g) && Array.isArray(g.hosts)));
}

/** Runs `file --list` (and `--host` where needed) and adds what it prints to `b`. */
export function addScriptInventory(b: InventoryBuilder, file: string): void {
  const at: SourceRef = { file, line: 1, col: 1 };
  const list = runScript(file, ['--list']);
  if ('error' in list) return void b.diagnostics.push({ ...at, message: list.error });
  const meta = isObject(list.data._meta) && isObject(list.data._meta.hostvars) ? list.data._meta.hostvars : undefined;
  addScriptData(b, list.data, at, (host) => {
    if (meta) return isObject(meta[host]) ? meta[host] : {};
    const one = runScript(file, ['--host', host]);
    if ('error' in one) {
      b.diagnostics.push({ ...at, message: one.error });
      return {};
    }
    return one.data;
  });
}

/** Adds script-shaped data (from a script or a JSON file) to `b`. */
export function addScriptData(b: InventoryBuilder, data: Json, at: SourceRef, varsOf?: (host: string) => Json): void {
  const hosts: string[] = [];
  for (const [name, raw] of Object.entries(data)) {
    if (name === '_meta') continue;
    b.group(name, at);
    // Ansible: a list is the hosts; a mapping without hosts/vars/children is the vars of a host named like the group.
    const g: Json = !isObject(raw) ? { hosts: raw } : ['hosts', 'vars', 'children'].some((k) => k in raw) ? raw : { hosts: [name], vars: raw };
    if (g.hosts !== undefined && !Array.isArray(g.hosts)) b.diagnostics.push({ ...at, message: `group '${name}': 'hosts' must be a list of names` });
    for (const h of Array.isArray(g.hosts) ? g.hosts : []) {
      b.addHost(name, String(h), {}, at);
      hosts.push(String(h));
    }
    if (isObject(g.vars)) {
      for (const [k, v] of Object.entries(g.vars)) b.setGroupVar(name, k, v, at);
      b.diagnostics.push(...checkConnectionVars(g.vars, () => at, ` (group '${name}')`));
    }
    for (const c of Array.isArray(g.children) ? g.children : []) b.addChild(name, String(c), at);
  }
  const meta = isObject(data._meta) && isObject(data._meta.hostvars) ? data._meta.hostvars : {};
  const lookup = varsOf ?? ((h: string) => (isObject(meta[h]) ? meta[h] : {}));
  // As in Ansible, only hosts that some group lists are read; `_meta` alone adds none.
  for (const h of new Set(hosts)) {
    const vars = lookup(h);
    b.addHost(undefined, h, vars, at);
    b.diagnostics.push(...checkConnectionVars(vars, () => at, ` (host '${h}')`));
  }
}

function runScript(file: string, args: string[]): { data: Json } | { error: string } {
  const r = spawnSync(file, args, { encoding: 'utf8', timeout: SCRIPT_TIMEOUT_MS, maxBuffer: MAX_OUTPUT, stdio: ['ignore', 'pipe', 'pipe'] });
  const cmd = `inventory script '${[file, ...args].join(' ')}'`;
  if (r.error) return { error: `${cmd} failed: ${(r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `no answer within ${SCRIPT_TIMEOUT_MS / 1000} s` : r.error.message}` };
  if (r.status !== 0) return { error: `${cmd} exited with ${r.status ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` };
  try {
    const data = JSON.parse(r.stdout) as unknown;
    if (!isObject(data)) return { error: `${cmd} printed JSON that is not a mapping` };
    return { data };
  } catch (err) {
    return { error: `${cmd} printed invalid JSON: ${(err as Error).message}` };
  }
}
