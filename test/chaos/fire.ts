// What each fault kind does to the lab at its moment (test/chaos/faults.ts draws kind and moment).
import { directClient } from '../helpers/etcd-writer.js';
import { failureText, startFerryPlay, type FerryRun, type FerryRunOptions } from '../helpers/ferry-run.js';
import type { LabHost } from '../helpers/lab.js';
import { clientUrl, peerUrl } from '../fixtures/integration/migrate/support.js';
import { act, between, pick, type FaultKind, type Moment } from './faults.js';

/** Where a fault lands: the run's hosts, the ferry run in flight, how to start another with the same options. */
export interface FireContext {
  kind: FaultKind;
  moment: Moment;
  r: () => number;
  old: LabHost[];
  fresh: LabHost[];
  run: FerryRunOptions;
  playbook: string;
  ferry: FerryRun;
}

/** Does the fault at its moment; returns what was done, for the record. */
export async function fire(c: FireContext): Promise<string> {
  const { kind, moment: m, r, old, fresh } = c;
  const at = (hs: LabHost[]) => hs.find((x) => x.name === m.host)!;
  switch (kind) {
    case 'ferry-kill':
    case 'kill-after-add':
    case 'kill-before-promote':
    case 'kill-storageos-gap':
      c.ferry.kill();
      return `ferry SIGKILLed ${m.label}`;
    case 'kill-remove-lost':
      return killWithRemovalInFlight(c, at(old));
    case 'leader-kill': {
      const leader = await leaderOf([...old, ...fresh]);
      const pids = await act.killEtcd(leader);
      return `leader ${leader.name}'s etcd (pid ${pids.join(' ') || 'none'}) SIGKILLed ${m.label}`;
    }
    case 'reboot-new': {
      const h = at(fresh);
      await act.reboot(h);
      return `${h.name} rebooted (power cycle) ${m.label}`;
    }
    case 'link-cut-new': {
      const h = at(fresh);
      const downMs = between(r, 3000, 15_000);
      await act.cut(h);
      // The fault's length is part of the draw, not a wait for a condition.
      await new Promise((res) => setTimeout(res, downMs));
      await act.restore(h);
      return `${h.name}'s link down ${(downMs / 1000).toFixed(1)}s ${m.label}`;
    }
    case 'slow-learner':
      return slowLearner(c, at(fresh));
    case 'second-run':
      return secondRun(c);
    default:
      return kind;
  }
}

/**
 * A second run while the first is in flight must be refused by the lock. Drawn late (after the last
 * removal), the second may reach its lock only after the first began releasing it: then it finds the
 * migration done and exits 0, which is right. Either order is told apart by when each happened.
 */
async function secondRun(c: FireContext): Promise<string> {
  const first = c.ferry;
  let releasing = 0;
  const watch = setInterval(() => {
    const started = first.events.some((e) => e.kind === 'host_start' && /^Release the migration lock/.test(e.task));
    if (!releasing && (started || first.child.exitCode !== null || first.child.signalCode !== null)) releasing = Date.now();
  }, 10);
  let locked = 0;
  const second = await startFerryPlay(c.playbook, {
    ...c.run,
    onEvent: (e) => {
      if (!locked && e.kind === 'host_result' && /^Take the migration lock/.test(e.task)) locked = Date.now();
    },
  }).result;
  clearInterval(watch);
  const refused = second.code !== 0 && /holds the migration lock/.test(failureText(second));
  if (refused) return `second run ${c.moment.label} refused by the lock`;
  if (second.code === 0 && releasing && locked > releasing) return `second run ${c.moment.label} took the lock ${locked - releasing} ms after the first began releasing it; found the migration done (exit 0)`;
  throw new Error(`a second run ${c.moment.label} was not refused by the lock (code ${second.code}; ${locked ? `it took the lock ${releasing ? `${releasing - locked} ms before the first began releasing` : 'while the first had not begun releasing'}` : 'it never took the lock'})`);
}

/** The learner's link slowed (rate and delay drawn) from its add until ferry reports its promote done, or ends. */
async function slowLearner(c: FireContext, h: LabHost): Promise<string> {
  const rate = pick(c.r, [2000, 4000, 8000]);
  await act.slow(h, rate);
  const started = Date.now();
  const promoted = () => c.ferry.events.some((e) => e.kind === 'host_result' && /^Promote the learner/.test(e.task) && e.host === h.name);
  while (!promoted() && c.ferry.child.exitCode === null && c.ferry.child.signalCode === null) await new Promise((res) => setTimeout(res, 100));
  await act.unslow(h);
  const promote = c.ferry.events.find((e) => e.kind === 'host_result' && /^Promote the learner/.test(e.task) && e.host === h.name);
  return `${h.name}'s link slowed to ${rate / 1000} Mbit/s for ${((Date.now() - started) / 1000).toFixed(0)}s ${c.moment.label}` +
    `${promote?.kind === 'host_result' ? ` (promote ${promote.status})` : ' (ferry ended before the promote)'}`;
}

/**
 * The runner host's packets to the controller throttled to 4 kbit/s (an answer of half a kilobyte
 * takes a second); as soon as any other member shows the old member gone, ferry is SIGKILLed:
 * etcd applied the removal, ferry never recorded it (its final output says whether it had).
 */
async function killWithRemovalInFlight(c: FireContext, target: LabHost): Promise<string> {
  const runner = c.fresh[0];
  await act.throttleReplies(runner);
  try {
    const watchers = [...c.old, ...c.fresh].filter((h) => h !== target && h !== runner).map((h) => clientUrl(h));
    await untilNotMember(watchers, peerUrl(target), () => c.ferry.child.exitCode !== null);
    c.ferry.kill();
  } finally {
    await act.unthrottleReplies(runner);
  }
  const answered = (await c.ferry.result).events.some((e) => e.kind === 'host_result' && /^Remove the member/.test(e.task) && e.host === target.name);
  return `ferry SIGKILLed once etcd had removed ${target.name}, ${answered ? 'but its answer had already arrived' : 'its answer never recorded'}`;
}

/** Polls the member list at each of `endpoints` at once, as fast as they answer, until one shows `peer` gone. */
export async function untilNotMember(endpoints: string[], peer: string, giveUp: () => boolean, ms = 120_000): Promise<void> {
  const clients = endpoints.map((e) => directClient(e, 1000));
  const end = Date.now() + ms;
  let gone = false;
  // What each watcher last saw, for the failure message: lists read, the last error.
  const seen = endpoints.map((e) => ({ endpoint: e, lists: 0, error: '' }));
  const watch = async (cl: (typeof clients)[number], i: number) => {
    while (!gone && Date.now() < end && !giveUp()) {
      const list = await cl.cluster.memberList({}).catch((e: unknown) => {
        seen[i].error = String((e as Error).message ?? e).split('\n')[0];
        return null;
      });
      if (list) seen[i].lists++;
      if (list && !list.members.some((m) => m.peerURLs.includes(peer))) gone = true;
      else await new Promise((res) => setTimeout(res, list ? 10 : 50));
    }
  };
  try {
    await Promise.all(clients.map(watch));
    if (!gone) throw new Error(`${peer} still a member after ${ms / 1000}s (or ferry ended); watchers: ${seen.map((w) => `${w.endpoint} ${w.lists} lists${w.error ? `, last error ${w.error}` : ''}`).join('; ')}`);
  } finally {
    for (const cl of clients) cl.close();
  }
}

/** The lab host whose etcd reports itself leader. */
export async function leaderOf(hosts: LabHost[]): Promise<LabHost> {
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
