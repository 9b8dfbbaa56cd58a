// One chaos run: a 3 → 3 migration under a writer and a quorum sampler, with one fault at a random
// moment, then reruns (faults healed) until it completes or three reruns fail; then the checks.
import { join } from 'node:path';
import { EtcdWriter, directClient } from '../helpers/etcd-writer.js';
import { failureText, ferryPlay, startFerryPlay, type FerryRunOptions, type TimedEvent } from '../helpers/ferry-run.js';
import { resetEtcd, sshRun, type LabHost } from '../helpers/lab.js';
import { QuorumSampler } from '../helpers/quorum-sampler.js';
import { MIGRATE } from '../fixtures/integration/migrate/playbook.js';
import { clientUrl, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';
import { checkEnd } from './checks.js';
import { act, drawMoment, isMoment, pick, type FaultKind, type Moment } from './faults.js';

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

const MAX_RERUNS = 3;

/** Runs migration `n` from `old` to `fresh` with a fault of `kind`. */
export async function runOne(n: number, kind: FaultKind, r: () => number, old: LabHost[], fresh: LabHost[], clusterId: string): Promise<RunRecord> {
  const started = Date.now();
  await act.heal();
  await Promise.all(fresh.map((h) => resetEtcd(h)));
  const dir = tempDir('ferry-chaos-');
  const all = [...old, ...fresh];
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
  const run: FerryRunOptions = { inventory: migrateInventory(old, fresh, join(dir, 'inventory.yaml')), extraVars, timeoutMs: 300_000 };
  writer.start();
  sampler.start();
  const moment = drawMoment(r, fresh, old, kind !== 'link-cut' && kind !== 'reboot-new');
  let pending: Promise<unknown> = Promise.resolve();
  let fired = kind === 'dead-old';
  const first = startFerryPlay(MIGRATE, {
    ...run,
    onEvent: (e: TimedEvent) => {
      if (fired || !isMoment(moment, e)) return;
      fired = true;
      pending = fire(kind, moment, r, old, fresh, run, () => first.kill()).then((w) => (what = w), (err: Error) => problems.push(`fault ${kind}: ${err.message}`));
    },
  });
  const result = await first.result;
  await pending;
  if (!fired) what = `${kind}: moment "${moment.label}" never came`;
  let code = result.code;
  let reruns = 0;
  while (code !== 0 && reruns < MAX_RERUNS) {
    await healExcept(dead);
    reruns++;
    const again = await ferryPlay(MIGRATE, run);
    code = again.code;
    if (code !== 0 && reruns === MAX_RERUNS) problems.push(`still failing after ${reruns} reruns: ${failureText(again).trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (dead) {
    // As the run's report says: the dead host's service is disabled by hand once it is back.
    await act.powerOn(dead);
    await sshRun(dead, 'systemctl disable --now etcd3 >/dev/null 2>&1; true');
  }
  const quorum = await sampler.stop();
  const end = code === 0 ? await checkEnd(writer, old, fresh, clusterId, dead ? [dead.name] : []) : { acked: (await writer.stop()).acked, lost: -1, problems: ['not completed'] };
  writer.close();
  if (quorum.quorumLosses) problems.push(`quorum lost: ${quorum.losses.join('; ')}`);
  if (quorum.twoLearners) problems.push(`${quorum.twoLearners} samples with two learners`);
  return {
    n, kind, what, firstCode: result.killed ? null : result.code, reruns, completed: code === 0,
    acked: end.acked, lost: end.lost, quorumLosses: quorum.quorumLosses, twoLearners: quorum.twoLearners,
    seconds: (Date.now() - started) / 1000, problems: [...problems, ...end.problems],
  };
}

/** Does the fault at its moment; returns what was done, for the record. */
async function fire(kind: FaultKind, m: Moment, r: () => number, old: LabHost[], fresh: LabHost[], run: FerryRunOptions, killFerry: () => void): Promise<string> {
  switch (kind) {
    case 'ferry-kill':
      killFerry();
      return `ferry SIGKILLed ${m.label}`;
    case 'leader-kill': {
      const leader = await leaderOf([...old, ...fresh]);
      const pids = await act.killEtcd(leader);
      return `leader ${leader.name}'s etcd (pid ${pids.join(' ') || 'none'}) SIGKILLed ${m.label}`;
    }
    case 'reboot-new': {
      const h = fresh.find((x) => x.name === m.host)!;
      await act.reboot(h);
      return `${h.name} rebooted (power cycle) ${m.label}`;
    }
    case 'link-cut': {
      const h = pick(r, [...old, fresh.find((x) => x.name === m.host)!]);
      const downMs = 3000 + Math.floor(r() * 12_000);
      await act.cut(h);
      // The fault's length is part of the draw, not a wait for a condition.
      await new Promise((res) => setTimeout(res, downMs));
      await act.restore(h);
      return `${h.name}'s link down ${(downMs / 1000).toFixed(1)}s ${m.label}`;
    }
    case 'second-run': {
      const second = await ferryPlay(MIGRATE, run);
      const refused = second.code !== 0 && /holds the migration lock/.test(failureText(second));
      if (!refused) throw new Error(`a second run ${m.label} was not refused by the lock (code ${second.code})`);
      return `second run ${m.label} refused by the lock`;
    }
    default:
      return kind;
  }
}

async function healExcept(dead: LabHost | undefined): Promise<void> {
  await act.heal();
  if (dead) await act.powerOff(dead);
}

/** The lab host whose etcd reports itself leader. */
async function leaderOf(hosts: LabHost[]): Promise<LabHost> {
  for (const h of hosts) {
    const c = directClient(clientUrl(h), 3000);
    try {
      const s = await c.maintenance.status();
      if (s.leader === s.header.member_id) return h;
    } catch {
      // not answering
    } finally {
      c.close();
    }
  }
  throw new Error('no member leads');
}
