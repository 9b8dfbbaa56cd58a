// Real faults on the lab booted by test/helpers/lab.ts (this instance's hosts only), for tests:
//
//   import { faults } from '../helpers/faults.js';
//   await faults.cut('host2'); ...; await faults.restore('host2');   // veth on the bridge down / up
//   await faults.slow('host4', { rateKbit: 4000 });                  // tc tbf on that veth; unslow()
//   await faults.throttleReplies('host4');                           // only its packets to the controller, 4 kbit/s
//   await faults.killEtcd('host1');                                   // SIGKILL the real etcd process
//   await faults.freezeEtcd('host4'); await faults.thawEtcd('host4'); // SIGSTOP / SIGCONT it (hung)
//   await faults.powerOff('host3'); await faults.powerOn('host3');    // power cut; boot on its disk
//   await faults.reboot('host5');                                     // power cycle
//   await faults.heal(['host1', 'host2']);                            // those hosts (default all) back to normal
//
// Each returns once the fault is real (see lab/faults.ts); the state file is re-read on each call.
import { labDir } from '../../lab/config.js';
import * as lab from '../../lab/faults.js';
import { linkShaped, slowLink, throttleRepliesToController, unslowLink, unthrottleReplies, type LinkShape } from '../../lab/link-shaping.js';
import { loadState, StateStore } from '../../lab/state-file.js';

function store(): StateStore {
  const s = loadState(labDir());
  if (!s) throw new Error(`lab: no lab recorded in ${labDir()}; call useLab() first`);
  return new StateStore(s);
}

/** The fault tools bound to the running lab. */
export const faults = {
  cut: (host: string) => lab.cutLink(store().state, host),
  restore: (host: string) => lab.restoreLink(store().state, host),
  slow: (host: string, shape: LinkShape) => slowLink(store().state, host, shape),
  unslow: (host: string) => unslowLink(store().state, host),
  shaped: (host: string) => linkShaped(lab.labHost(store().state, host).veth),
  throttleReplies: (host: string, rateKbit?: number, burstBytes?: number) => throttleRepliesToController(store().state, host, rateKbit, burstBytes),
  unthrottleReplies: (host: string) => unthrottleReplies(store().state, host),
  killEtcd: (host: string) => lab.killEtcd(store().state, host),
  freezeEtcd: (host: string) => lab.freezeEtcd(store().state, host),
  thawEtcd: (host: string) => lab.thawEtcd(store().state, host),
  etcdPids: (host: string) => lab.etcdPids(store().state, host),
  powerOff: (host: string) => lab.powerOff(store(), host),
  powerOn: (host: string) => lab.powerOn(store(), host),
  reboot: (host: string) => lab.reboot(store(), host),
  powered: (host: string) => lab.powered(store().state, host),
  linkState: (host: string) => lab.linkState(lab.labHost(store().state, host).veth),
  heal: (hosts?: string[]) => lab.healLab(store(), hosts),
};
