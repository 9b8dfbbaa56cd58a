// What must hold after every chaos run, read from etcd and the hosts (etcdctl and systemctl over
// SSH, independent of ferry's modules): each failed check is one line in the run's record.
import { EtcdWriter } from '../helpers/etcd-writer.js';
import type { LabHost } from '../helpers/lab.js';
import { clientUrl, endpointStatus, hashKv, hostEtcdState, memberIps, memberList } from '../fixtures/integration/migrate/support.js';

/** The end state of one run. */
export interface EndState {
  acked: number;
  lost: number;
  problems: string[];
}

/** Every acknowledged write readable from the new members; members exactly `fresh`, voters, started; one cluster id; HashKV equal; old services off. */
export async function checkEnd(writer: EtcdWriter, old: LabHost[], fresh: LabHost[], clusterId: string, deadHosts: string[]): Promise<EndState> {
  const problems: string[] = [];
  const stats = await writer.stop();
  const v = await writer.verify(fresh.map((h) => clientUrl(h)));
  const lost = v.missing.length + v.wrong.length;
  if (lost) problems.push(`${v.missing.length} acknowledged writes missing, ${v.wrong.length} wrong (first: ${[...v.missing, ...v.wrong][0]})`);
  const list = await memberList(fresh[0]);
  const want = fresh.map((h) => h.ip).sort();
  if (JSON.stringify(memberIps(list)) !== JSON.stringify(want)) problems.push(`members ${memberIps(list).join(',')} ≠ new hosts ${want.join(',')}`);
  for (const m of list.members) if (m.isLearner || !m.name) problems.push(`${m.peerURLs[0]} is ${m.isLearner ? 'a learner' : 'unstarted'}`);
  const status = await endpointStatus(fresh[0], fresh.map((h) => clientUrl(h)));
  const ids = new Set([clusterId, ...status.map((s) => s.clusterId)]);
  if (ids.size !== 1) problems.push(`cluster ids ${[...ids].join(' ')}: a member is in another cluster`);
  const hashes = await hashKv(fresh[0], fresh.map((h) => clientUrl(h)));
  if (new Set(hashes).size !== 1) problems.push(`HashKV differs: ${hashes.join(' ')}`);
  for (const h of old) {
    const st = await hostEtcdState(h);
    if (st.enabled === 'enabled' || st.active === 'active') problems.push(`${h.name}${deadHosts.includes(h.name) ? ' (dead, cleaned by hand)' : ''}: old etcd3 ${st.enabled}/${st.active}`);
  }
  return { acked: stats.acked, lost, problems };
}
