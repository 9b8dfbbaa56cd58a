// Samples a lab etcd cluster while a migration runs: every `everyMs`, the member list from any
// member that answers, then Status of each voter straight at its client URL. A sample counts as a
// quorum loss only when both tests agree: fewer than quorum voters answer and name one leader, and
// a linearizable read fails on every voter. A voter that is merely slow (loaded host, fsync stall)
// or an election after a leader's death is not a loss: the read is retried for `readTimeoutMs` (5 s),
// several of etcd's election timeouts (1 s by default), so a new leader has time to take over.
// Records the fewest agreeing voters against quorum, quorum losses, and samples with two learners.
//
//   const q = new QuorumSampler(allClientUrls); q.start(); ...; const s = await q.stop();
//   s.samples, s.quorumLosses, s.twoLearners, s.minMargin, s.losses (the first few, with the time)
import { quorum } from '../../runner/modules/etcd/members.js';
import { directClient } from './etcd-writer.js';

/** What the sampler saw. */
export interface QuorumStats {
  samples: number;
  /** Samples where the voters answering Status were fewer than quorum. */
  quorumLosses: number;
  /** Samples whose member list held two learners or more. */
  twoLearners: number;
  /** Smallest (voters up − quorum) seen; negative means a loss. */
  minMargin: number;
  /** Samples where no member answered the member list at all. */
  blind: number;
  /** Samples where fewer than quorum voters answered with one leader, yet a linearizable read succeeded. */
  slowNotLost: number;
  losses: string[];
}

/** Polls the cluster until stop(). */
export class QuorumSampler {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly stats: QuorumStats = { samples: 0, quorumLosses: 0, twoLearners: 0, minMargin: Infinity, blind: 0, slowNotLost: 0, losses: [] };
  private readonly started = Date.now();

  /** `callTimeoutMs` bounds each Status; `readTimeoutMs` the linearizable read that confirms a loss (longer than an election). */
  constructor(private readonly endpoints: string[], private readonly everyMs = 500, private readonly callTimeoutMs = 3000, private readonly readTimeoutMs = 5000) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const t = Date.now();
        await this.sample().catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.max(0, this.everyMs - (Date.now() - t))));
      }
    })();
  }

  async stop(): Promise<QuorumStats> {
    this.running = false;
    await this.loop;
    return { ...this.stats };
  }

  /** One sample: who is a voter, how many answer naming the same leader, and (when too few) whether the cluster still serves a linearizable read. */
  async sample(): Promise<void> {
    const members = await this.memberList();
    if (!members) {
      this.stats.blind++;
      return;
    }
    this.stats.samples++;
    const voters = members.filter((m) => !m.isLearner);
    if (members.length - voters.length >= 2) this.stats.twoLearners++;
    const leaders = await Promise.all(voters.map((m) => this.leaderSeenBy(m.clientURLs)));
    const agreeing = mostCommon(leaders.filter((l): l is string => !!l && l !== '0'));
    let margin = agreeing - quorum(voters.length);
    if (margin < 0 && (await this.linearizableRead(voters.flatMap((m) => m.clientURLs)))) {
      this.stats.slowNotLost++;
      margin = 0;
    }
    this.stats.minMargin = Math.min(this.stats.minMargin, margin);
    if (margin < 0) {
      this.stats.quorumLosses++;
      if (this.stats.losses.length < 5) this.stats.losses.push(`+${((Date.now() - this.started) / 1000).toFixed(1)}s: ${agreeing} of ${voters.length} voters answered with one leader, and no linearizable read succeeded`);
    }
  }

  // Linearizable first (a cut-off member's own view may be stale); during an election none answers
  // that, so a member's local view is used, and its voters are still counted.
  private async memberList(): Promise<{ isLearner: boolean; clientURLs: string[] }[] | null> {
    for (const linearizable of [true, false]) {
      const list = await this.firstList(linearizable);
      if (list) return list;
    }
    return null;
  }

  private async firstList(linearizable: boolean): Promise<{ isLearner: boolean; clientURLs: string[] }[] | null> {
    for (const ep of this.endpoints) {
      const c = directClient(ep, this.callTimeoutMs);
      try {
        const r = await c.cluster.memberList({ linearizable });
        return r.members.map((m) => ({ isLearner: !!m.isLearner, clientURLs: m.clientURLs ?? [] }));
      } catch {
        // next endpoint
      } finally {
        c.close();
      }
    }
    return null;
  }

  /** The leader's ID as this voter sees it ("0" while it has none), or null when it does not answer in time. */
  private async leaderSeenBy(urls: string[]): Promise<string | null> {
    for (const u of urls) {
      const c = directClient(u, this.callTimeoutMs);
      try {
        return String((await c.maintenance.status()).leader);
      } catch {
        // next URL
      } finally {
        c.close();
      }
    }
    return null;
  }

  /**
   * True when any voter serves a linearizable read within the deadline (it goes through the leader:
   * proof of a quorum). Retried until then: mid-election a member may refuse at once ("leader changed").
   */
  private async linearizableRead(urls: string[]): Promise<boolean> {
    const deadline = Date.now() + this.readTimeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      // Short attempts: a member mid-election holds a read until its deadline, and the next may answer.
      const reads = urls.map(async (u) => {
        const c = directClient(u, Math.min(left, 400));
        try {
          await c.get('ferry-quorum-probe').exists();
        } finally {
          c.close();
        }
      });
      if (await Promise.any(reads).then(() => true, () => false)) return true;
      await new Promise((r) => setTimeout(r, Math.min(100, Math.max(0, deadline - Date.now()))));
    }
  }
}

/** How many times the most frequent value occurs (0 for none). */
function mostCommon(values: string[]): number {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}
