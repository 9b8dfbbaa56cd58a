// One chaos run: a 3 → 3 migration under a writer and a quorum sampler, with one fault at a random
// moment, then reruns (faults healed) until it completes or three reruns fail; then the checks.
import { join } from 'node:path';
import { EtcdWriter } from '../helpers/etcd-writer.js';
import { failureText, ferryPlay, startFerryPlay, type FerryRunOptions, type TimedEvent } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, type LabHost } from '../helpers/lab.js';
import { QuorumSampler } from '../helpers/quorum-sampler.js';
import type { K8sStandIn } from '../k8s-standin/server.js';
import { clientUrl, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';
import { checkEnd } from './checks.js';
import { act, drawMoment, isMoment, pick, type FaultKind } from './faults.js';
import { fire } from './fire.js';
import { removeStorageos, seedStorageos, storageosProblems } from './storageos.js';

/** The record of one run, a row of the table. */
export interface RunRecord {
  n: number;
  kind: FaultKind;
  what: string;
  firstCode: number | null;
  reruns: number;
  completed: boolean;
  acked: number;
  lost: number;
  quorumLosses: number;
  twoLearners: number;
  seconds: number;
  problems: string[];
}

/** What every run of one stream shares: the frozen ferry, the cluster, the stand-in API server. */
export interface Stream {
  root: string;
  playbook: string;
  clusterId: string;
  api: K8sStandIn;
  kubeconfig: string;
}

const MAX_RERUNS = 3;

/** Runs migration `n` from `old` to `fresh` with a fault of `kind`. */
export async function runOne(n: number, kind: FaultKind, r: () => number, old: LabHost[], fresh: LabHost[], s: Stream): Promise<RunRecord> {
  const started = Date.now();
  const all = [...old, ...fresh];
  await act.heal(all);
  await Promise.all(fresh.map((h) => resetEtcd(h)));
  const dir = tempDir('ferry-chaos-');
  const writer = new EtcdWriter({ endpoints: all.map((h) => clientUrl(h)), intervalMs: 5 });
  const sampler = new QuorumSampler(all.map((h) => clientUrl(h)));
  const extraVars: Record<string, unknown> = { etcd_backup_dir: join(dir, 'backups') };
  const problems: string[] = [];
  let what = '';
  let dead: LabHost | undefined;
  if (kind === 'dead-old') {
    dead = pick(r, old);
    await act.powerOff(dead);
    extraVars.etcd_dead_members = [dead.name];
    what = `${dead.name} powered off, named in etcd_dead_members`;
  }
  const storageosName = kind === 'kill-storageos-gap' ? `chaos-${n}-${Date.now() % 100_000}` : undefined;
  const vars = storageosName ? { storageos: seedStorageos(s.api, s.kubeconfig, dir, storageosName, old) } : {};
  const run: FerryRunOptions = { inventory: migrateInventory(old, fresh, join(dir, 'inventory.yaml'), vars), extraVars, timeoutMs: 480_000, root: s.root };
  writer.start();
  sampler.start();
  const moment = drawMoment(r, kind, fresh, old.filter((h) => h !== dead));
  let pending: Promise<unknown> = Promise.resolve();
  let fired = kind === 'dead-old';
  const first = startFerryPlay(s.playbook, {
    ...run,
    onEvent: (e: TimedEvent) => {
      if (fired || !isMoment(moment, e)) return;
      fired = true;
      pending = fire({ kind, moment, r, old, fresh, run, playbook: s.playbook, ferry: first })
        .then((w) => (what = w), (err: Error) => problems.push(`fault ${kind}: ${err.message}`));
    },
  });
  const result = await first.result;
  await pending;
  if (!fired) what = `${kind}: moment "${moment.label}" never came`;
  let code = result.code;
  let reruns = 0;
  while (code !== 0 && reruns < MAX_RERUNS) {
    await act.heal(all);
    if (dead) await act.powerOff(dead);
    reruns++;
    const again = await ferryPlay(s.playbook, run);
    code = again.code;
    if (code !== 0 && reruns === MAX_RERUNS) problems.push(`still failing after ${reruns} reruns: ${failureText(again).trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (dead) {
    // As the run's report says: the dead host's service is disabled by hand once it is back.
    await act.powerOn(dead);
    await sshRun(dead, 'systemctl disable --now etcd3 >/dev/null 2>&1; true');
  }
  const quorum = await sampler.stop();
  const end = code === 0 ? await checkEnd(writer, old, fresh, s.clusterId, dead ? [dead.name] : []) : { acked: (await writer.stop()).acked, lost: -1, problems: ['not completed'] };
  writer.close();
  if (storageosName && code === 0) problems.push(...storageosProblems(s.api, storageosName, fresh));
  if (storageosName) removeStorageos(s.api, storageosName);
  if (quorum.quorumLosses) problems.push(`quorum lost: ${quorum.losses.join('; ')}`);
  if (quorum.twoLearners) problems.push(`${quorum.twoLearners} samples with two learners`);
  return {
    n, kind, what, firstCode: result.killed ? null : result.code, reruns, completed: code === 0,
    acked: end.acked, lost: end.lost, quorumLosses: quorum.quorumLosses, twoLearners: quorum.twoLearners,
    seconds: (Date.now() - started) / 1000, problems: [...problems, ...end.problems],
  };
}
