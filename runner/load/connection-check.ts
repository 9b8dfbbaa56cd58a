// validate's view of connection settings: every host's spec built as a run would build it, with
// each bad setting reported at the inventory line or ssh config line it came from, naming the
// host, so a typo in a port or a missing key file is found before anything connects.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Diagnostic } from '../errors.js';
import type { ConnectionProblem } from './connection-problems.js';
import { type ConnectionOptions, connectionOf } from './connection-vars.js';
import type { Inventory, SourceRef, Vars } from './types.js';
import { definitionOf } from './var-definition.js';
import { hostVars } from './vars.js';

/** Problems of the connection settings of `hosts` (default: every host); empty when each spec can be built. */
export function connectionDiagnostics(inventory: Inventory, options: Omit<ConnectionOptions, 'problems'> = {}, hosts?: readonly string[]): Diagnostic[] {
  const byPlace = new Map<string, { d: Diagnostic; hosts: string[] }>();
  for (const name of hosts ?? inventory.hosts.keys()) {
    const entry = inventory.hosts.get(name);
    if (!entry) continue;
    const problems: ConnectionProblem[] = [];
    const spec = connectionOf(name, untemplated(hostVars(inventory, name)), dirname(entry.source.file || inventory.file), { ...options, problems });
    if (spec.type === 'ssh' && spec.privateKeyFile && !existsSync(spec.privateKeyFile)) {
      const varName = spec.origins?.privateKeyFile?.replace(/^inventory var /, '');
      const value = varName ? hostVars(inventory, name)[varName] : undefined;
      problems.push({ message: `${varName}: key file ${spec.privateKeyFile} does not exist (${spec.origins?.privateKeyFile})`, varName, value });
    }
    for (const p of problems) {
      const at = locate(p, entry.source);
      const key = `${at.file}:${at.line}:${at.col}:${p.message}`;
      const seen = byPlace.get(key);
      if (seen) seen.hosts.push(name);
      else byPlace.set(key, { d: { ...at, message: p.message }, hosts: [name] });
    }
  }
  return [...byPlace.values()].map(({ d, hosts }) => ({ ...d, message: `${hosts.length > 1 ? 'hosts' : 'host'} ${hosts.map((h) => `'${h}'`).join(', ')}: ${d.message}` }));
}

// A value still holding a template is judged when the run renders it, not here.
function untemplated(vars: Vars): Vars {
  return Object.fromEntries(Object.entries(vars).filter(([, v]) => !(typeof v === 'string' && v.includes('{{'))));
}

// The var's own line when a loaded YAML file has it, the ssh config line, else the host's entry.
function locate(p: ConnectionProblem, host: SourceRef): SourceRef {
  const def = p.varName ? definitionOf(p.varName, p.value) : undefined;
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(def ?? p.configAt ?? '');
  return m ? { file: m[1]!, line: Number(m[2]), col: Number(m[3] ?? 1) } : host;
}
