// etcd_member state=promoted: promote a learner once it is in sync. etcd refuses until the
// learner has ~90% of the leader's log; we retry for as long as the learner's catch-up makes
// progress, show it, and give up only once it stalls. etcd 3.4 answers on a learner's client port
// only once it has caught up, so with learner_unit the learner's own host is watched too (its
// metrics listener, the snapshot it receives, and systemd: an etcd that exits stops the wait).
import { setTimeout as sleep } from 'node:timers/promises';
import { TaskError } from '../../errors.js';
import { fail, ok, type ModuleContext, type ModuleResult } from '../types.js';
import type { ConnArgs, EtcdConn } from './client.js';
import { listMembers, memberStatus, statusOf } from './cluster.js';
import { etcdMessage, isClientDeadline, isLearnerNotReady, isTransient } from './errors.js';
import { sampleLearnerHost, unitExited, unitJournalTail, type LearnerHostArgs, type LearnerHostSample, type UnitState } from './learner-host.js';
import { decimalId, findByPeerUrl, type Member } from './members.js';
import type { MemberArgs } from './member.js';
import { retrying } from './retry.js';
import { humanBytes } from './table.js';

/** A progress line like `learner 4a5820… applied 1200/5000 (24%)`, with what the host shows after it. */
export function catchUpLine(learner: Member, applied: number | null, leaderIndex: number | null, extra = ''): string {
  const who = `learner ${learner.id.slice(0, 6)}…${learner.name ? ` (${learner.name})` : ''}`;
  if (applied === null) return `${who} not answering Status yet (not started?)${extra}`;
  if (!leaderIndex) return `${who} applied ${applied}${extra}`;
  return `${who} applied ${applied}/${leaderIndex} (${Math.min(100, Math.floor((applied * 100) / leaderIndex))}%)${extra}`;
}

/** What one look at the learner found; every counter only grows while catch-up goes on. */
export interface CatchUp {
  line: string;
  applied: number | null;
  dbSize: number | null;
  /** Bytes etcd received from its peers (metrics). */
  receivedBytes?: number | null;
  /** Bytes of the snapshot being received (its data dir's member/snap). */
  snapBytes?: number | null;
}

const COUNTERS = ['applied', 'dbSize', 'receivedBytes', 'snapBytes'] as const;

/** Tracks the best catch-up seen; `advanced` says whether this sample moved past it. */
export class CatchUpProgress {
  private best: Record<(typeof COUNTERS)[number], number> = { applied: -1, dbSize: -1, receivedBytes: -1, snapBytes: -1 };
  lastProgressAt = Date.now();
  /** Records a sample; true (and the clock reset) when any counter is past its best so far. */
  record(s: CatchUp, now = Date.now()): boolean {
    let advanced = false;
    for (const k of COUNTERS) {
      const v = s[k] ?? -1;
      if (v > this.best[k]) {
        advanced = true;
        this.best[k] = v;
      }
    }
    if (advanced) this.lastProgressAt = now;
    return advanced;
  }
}

/** The leader's raft index, for the line's denominator; null when no member answers. */
async function leaderIndex(ctx: ModuleContext, args: ConnArgs, endpoint: string, members: Member[]): Promise<number | null> {
  try {
    const via = await statusOf(ctx, args, endpoint);
    const leader = members.find((m) => m.id === via.leader);
    const ls = leader && leader.id !== via.id ? await memberStatus(ctx, args, leader) : via;
    return ls?.raftIndex ?? via.raftIndex;
  } catch {
    return null;
  }
}

/** Watches one learner: etcd's view, and (with host args) its host's; throws once its etcd has exited. */
export class CatchUpWatch {
  private baseline: UnitState | null = null;
  private lastHostLook = 0;
  private hostSample: LearnerHostSample | null = null;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly args: ConnArgs,
    private readonly peerUrl: string,
    private readonly host: LearnerHostArgs | null,
  ) {}

  /** Records the unit as it is when the wait begins. */
  async begin(): Promise<void> {
    if (this.host) this.baseline = (await sampleLearnerHost(this.ctx, this.host)).unit;
  }

  /** Throws a TaskError naming the unit and its journal when its etcd is gone. */
  private async checkUnit(unit: UnitState | null): Promise<void> {
    const why = this.host && unit ? unitExited(this.baseline, unit) : null;
    if (!why || !this.host) return;
    const journal = await unitJournalTail(this.ctx, this.host.unit);
    throw new TaskError(`etcd (${this.host.unit}) on this host ${why} while catching up as a learner; its journal: ${journal}`, { host: this.ctx.host, task: this.ctx.task });
  }

  /** One look (the host at most once a second); `endpoint` is the member that answered last. */
  async look(endpoint: string): Promise<CatchUp> {
    const { members } = await listMembers(this.ctx, this.args);
    const learner = findByPeerUrl(members, this.peerUrl);
    if (!learner) return { line: `${this.peerUrl} is no longer a member`, applied: null, dbSize: null };
    if (this.host && Date.now() - this.lastHostLook >= 1000) {
      this.lastHostLook = Date.now();
      this.hostSample = await sampleLearnerHost(this.ctx, this.host);
      await this.checkUnit(this.hostSample.unit);
    }
    const [mine, total] = await Promise.all([memberStatus(this.ctx, this.args, learner), leaderIndex(this.ctx, this.args, endpoint, members)]);
    const h = this.hostSample;
    const applied = mine?.raftAppliedIndex ?? h?.applied ?? null;
    const got = [h?.snapBytes ? `snapshot dir ${humanBytes(h.snapBytes)}` : '', h?.receivedBytes ? `received ${humanBytes(h.receivedBytes)}` : ''].filter(Boolean).join(', ');
    return {
      line: catchUpLine(learner, applied, total, got ? `; ${got}` : ''),
      applied,
      dbSize: mine?.dbSize ?? h?.dbSize ?? null,
      receivedBytes: h?.receivedBytes ?? null,
      snapBytes: h?.snapBytes ?? null,
    };
  }

  /** After the promote: until the member answers Status (it serves), as long as the host shows it running; the members then. */
  async untilServing(stallMs: number): Promise<Member[]> {
    const started = Date.now();
    for (let wait = 100; ; wait = Math.min(1000, wait * 2)) {
      const { members } = await listMembers(this.ctx, this.args);
      const m = findByPeerUrl(members, this.peerUrl);
      if (!m || (m.started && (await memberStatus(this.ctx, this.args, m)))) return members;
      if (this.host) await this.checkUnit((await sampleLearnerHost(this.ctx, this.host)).unit);
      if (Date.now() - started > stallMs) throw new TaskError(notServingLine(m, stallMs), { host: this.ctx.host, task: this.ctx.task });
      this.ctx.progress(`promoted ${m.id.slice(0, 6)}…; waiting until it answers on its client URL`);
      await sleep(wait, undefined, { signal: this.ctx.signal }).catch((e: unknown) => {
        throw new TaskError('interrupted', {}, { cause: e });
      });
    }
  }
}

/** The failure when a promoted member never serves. */
export function notServingLine(m: Member, stallMs: number): string {
  return `member ${m.id} (${m.peerURLs[0] ?? ''}) was promoted but has not answered on its client URL for ${stallMs / 1000}s`;
}

/** Where to look on the learner's host, from the module's args; null when the learner is elsewhere. */
function hostArgs(args: MemberArgs): LearnerHostArgs | null {
  if (!args.learner_unit) return null;
  return { unit: args.learner_unit, metricsUrl: args.learner_metrics_url || undefined, dataDir: args.learner_data_dir };
}

/** Promotes the learner with this peer URL; a voter already is ok. */
export async function promoteMember(args: MemberArgs & { peer_url: string }, ctx: ModuleContext): Promise<ModuleResult> {
  const listed = await listMembers(ctx, args);
  const { members } = listed;
  let conn: EtcdConn = listed.conn;
  const target = findByPeerUrl(members, args.peer_url);
  // In check mode an add before this one was only planned: report the promote it would do.
  if (!target && ctx.check) return ok({ changed: true, msg: `would promote ${args.peer_url} once added and in sync`, members, member: null });
  if (!target) return fail(`${args.peer_url} is not a member: add it first (state: present)`, { members });
  if (!target.isLearner) return ok({ msg: `${target.name || target.id} is already a voting member`, members, member: target });
  if (ctx.check) return ok({ changed: true, msg: `would promote learner ${target.id} (${args.peer_url})`, members, member: target });
  const what = `member promote ${target.id}`;
  const stallMs = (args.timeout ?? 120) * 1000;
  const watch = new CatchUpWatch(ctx, args, args.peer_url, hostArgs(args));
  await watch.begin();
  const progress = new CatchUpProgress();
  let last: CatchUp | undefined;
  let shown = '';
  await retrying(() => conn.call(what, (c) => c.cluster.memberPromote({ ID: decimalId(target.id) })), {
    timeoutMs: stallMs,
    since: () => progress.lastProgressAt,
    retryIf: (e) => isLearnerNotReady(e) || isTransient(e),
    signal: ctx.signal,
    onRetry: async (e) => {
      // The member answering may be the one that went away (a leader killed): ask the next one.
      if (isClientDeadline(e)) conn = (await listMembers(ctx, args).catch(() => null))?.conn ?? conn;
      if (!isLearnerNotReady(e)) return ctx.progress(`${what}: ${etcdMessage(e)}; retrying`);
      last = await watch.look(conn.endpoint).catch((err: unknown) => {
        if (err instanceof TaskError) throw err;
        return last;
      });
      if (last) progress.record(last);
      const idle = Math.floor((Date.now() - progress.lastProgressAt) / 1000);
      const line = `${last?.line ?? etcdMessage(e)}${idle >= 5 ? `; no progress for ${idle}s (gives up after ${stallMs / 1000}s)` : ''}`;
      if (line !== shown) ctx.progress((shown = line));
    },
  }).catch(async (e) => {
    // A retry after a promote that went through but whose answer was lost: check the list.
    const again = await listMembers(ctx, args);
    const now = findByPeerUrl(again.members, args.peer_url);
    if (now && !now.isLearner) return;
    if (isLearnerNotReady(e)) {
      throw new TaskError(`learner ${target.id} (${args.peer_url}) stopped catching up: no progress for ${stallMs / 1000}s (${last?.line ?? 'no Status answer'}); promote gave up`, {}, { cause: e });
    }
    throw e;
  });
  const after = await watch.untilServing(stallMs);
  return ok({ changed: true, msg: `promoted ${target.id} (${args.peer_url}) to a voting member`, members: after, member: findByPeerUrl(after, args.peer_url) ?? null });
}
