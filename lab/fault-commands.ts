// `lab cut|restore|kill-etcd|poweroff|poweron|reboot HOST`: the fault tools from the command line,
// on this instance's hosts only (FERRY_LAB_INSTANCE), holding the lab dir's lock meanwhile.
import type { Command } from 'commander';
import { FerryError } from '../runner/errors.js';
import { labDir } from './config.js';
import { cutLink, healLab, killEtcd, powerOff, powerOn, reboot, restoreLink } from './faults.js';
import { acquireLock, releaseLock } from './lock.js';
import { loadState, StateStore } from './state-file.js';

type Say = (line: string) => void;

const FAULTS: [string, string, (store: StateStore, host: string) => Promise<string>][] = [
  ['cut', "cut the host off the lab network (its veth on the bridge down)", async (s, h) => (await cutLink(s.state, h), `${h}: link down`)],
  ['restore', 'put the host back on the lab network (veth up)', async (s, h) => (await restoreLink(s.state, h), `${h}: link up`)],
  ['kill-etcd', "SIGKILL the host's etcd process", async (s, h) => {
    const pids = await killEtcd(s.state, h);
    return pids.length ? `${h}: killed etcd ${pids.join(' ')}` : `${h}: no etcd running`;
  }],
  ['poweroff', 'cut the power: SIGKILL the container, no shutdown (its disk stays)', async (s, h) => (await powerOff(s, h), `${h}: powered off`)],
  ['poweron', 'boot a powered-off host on its disk, wait for SSH', async (s, h) => (await powerOn(s, h), `${h}: up`)],
  ['reboot', 'power cycle: cut, then boot on the same disk', async (s, h) => (await reboot(s, h), `${h}: rebooted`)],
];

/** Adds the fault commands (and `heal`) to the lab CLI. */
export function addFaultCommands(program: Command, say: Say): void {
  for (const [name, description, act] of FAULTS) {
    program.command(`${name} <host>`).description(description).action((host: string) => withLab(async (store) => say(await act(store, host))));
  }
  program.command('heal').description('undo every fault: links up, powered-off hosts booted').action(() => withLab(async (store) => {
    const done = await healLab(store);
    say(done.length ? done.join('\n') : 'nothing to repair');
  }));
}

async function withLab(f: (store: StateStore) => Promise<void>): Promise<void> {
  const dir = labDir();
  acquireLock(dir);
  try {
    const state = loadState(dir);
    if (!state) throw new FerryError(`lab: no lab recorded in ${dir}`);
    await f(new StateStore(state));
  } finally {
    releaseLock(dir);
  }
}
