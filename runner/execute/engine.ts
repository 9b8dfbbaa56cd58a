// runPlaybook: plays in order over one set of connections and run-scoped resources; every event redacted.
import { setMaxListeners } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Inventory, Playbook } from '../load/types.js';
import type { Emit, FerryEvent } from '../report/events.js';
import { decryptedValues } from '../load/vault/secrets.js';
import { addSecret, collectSecrets, createRedactor } from '../report/redact.js';
import { defaultHostKeyPolicy } from '../transport/host-key-policy.js';
import { ConnectionPool } from '../transport/pool.js';
import { Connections } from './connections.js';
import { HostState } from './host-state.js';
import { connectionOf, groupsMap, hostVars } from './inventory-view.js';
import { Semaphore } from '../semaphore.js';
import { runPlay } from './play.js';
import { buildRecap } from './recap.js';
import { ResourceCache } from './resources.js';
import type { RunState } from './run-state.js';
import { tasksBeforeStart } from './selection.js';
import type { Recap, RunOptions } from './types.js';

/** Runs a loaded playbook against an inventory; resolves with the recap (never rejects for host failures). */
export async function runPlaybook(playbook: Playbook, inventory: Inventory, options: RunOptions, emit: Emit): Promise<Recap> {
  const started = Date.now();
  const extra = options.extraVars ?? {};
  const secrets = new Set<string>();
  if (options.becomePassword) addSecret(options.becomePassword, secrets);
  for (const secret of [options.ssh?.password, options.ssh?.keyPassphrase]) if (secret) addSecret(secret, secrets);
  collectSecrets(extra, secrets);
  for (const value of decryptedValues()) addSecret(value, secrets);
  const redact = createRedactor(secrets);
  const safeEmit = (event: FerryEvent): void => {
    for (const safe of redact(event)) emit(safe);
  };
  const hosts = new Map([...inventory.hosts.keys()].map((n) => [n, new HostState(n)]));
  const inventoryVars = new Map([...hosts.keys()].map((n) => [n, hostVars(inventory, n)]));
  const { pool, close } = connector(options);
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  // Every command in flight listens for the abort: with -f 100, more than Node's default warning level of 10.
  setMaxListeners(0, signal);
  const run: RunState = {
    playbook, inventory, options, emit: safeEmit, extra, hosts, secrets,
    connections: new Connections(pool, (n, how) => (hosts.has(n) ? connectionOf(n, hosts.get(n)!.vars, dirname(inventory.hosts.get(n)?.source.file ?? inventory.file), { sshConfigFile: options.ssh?.configFile, cliUser: options.cliConnection?.user, cliConnection: options.cliConnection?.connection, ...how }) : undefined)),
    resources: new ResourceCache(),
    limiter: new Semaphore(options.forks ?? 10),
    signal,
    beforeStart: tasksBeforeStart(playbook, options.startAtTask),
    stopped: false,
    stepDone: false,
    stepChain: Promise.resolve(),
  };
  const magicBase = {
    groups: groupsMap(inventory),
    hostvars: Object.fromEntries([...hosts.values()].map((h) => [h.name, h.vars])),
    check: options.check ?? false,
    diff: options.diff ?? false,
    playbookDir: playbook.baseDir,
    inventoryFile: resolve(inventory.file),
    inventoryDir: inventoryFolder(inventory.file),
  };
  safeEmit({ kind: 'run_start', playbook: playbook.file, check: options.check ?? false, time: new Date(started).toISOString() });
  try {
    for (const play of playbook.plays) {
      if (run.stopped) break;
      await runPlay(run, play, magicBase, inventoryVars);
    }
  } finally {
    controller.abort();
    for (const err of await run.resources.closeAll()) safeEmit({ kind: 'warning', msg: `closing a run resource: ${err.message}` });
    await close();
  }
  const recap = buildRecap(hosts.values(), Date.now() - started);
  safeEmit({ kind: 'recap', hosts: recap.hosts, durationMs: recap.durationMs, ok: recap.ok });
  return recap;
}

// The run's one ConnectionPool: over the registered transports, or the caller's connect (tests: MemoryTransport).
function connector(options: RunOptions): { pool: ConnectionPool; close: () => Promise<void> } {
  const pool = new ConnectionPool({ ...options.ssh, hostKeys: options.hostKeys ?? defaultHostKeyPolicy(), factory: options.connect });
  if (options.connect) return { pool, close: options.closeConnections ?? (async () => {}) };
  return { pool, close: () => pool.closeAll() };
}

// The folder of the inventory file, or the inventory itself when it is a folder.
function inventoryFolder(file: string): string {
  const abs = resolve(file);
  return existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
}
