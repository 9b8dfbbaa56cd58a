// Samples a lab etcd cluster while a migration runs: every `everyMs`, the member list from any
// member that answers, then Status of each member straight at its client URL. Records the fewest
// voters up against quorum, quorum losses, and samples with two learners.
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
  losses: string[];
}

/** Polls the cluster until stop(). */
export class QuorumSampler {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly stats: QuorumStats = { samples: 0, quorumLosses: 0, twoLearners: 0, minMargin: Infinity, blind: 0, losses: [] };
  private readonly started = Date.now();

  constructor(private readonly endpoints: string[], private readonly everyMs = 500, private readonly callTimeoutMs = 3000) {}

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

  /** One sample: who is a voter, and how many voters answer. */
  async sample(): Promise<void> {
    const members = await this.memberList();
    if (!members) {
      this.stats.blind++;
      return;
    }
    this.stats.samples++;
    const voters = members.filter((m) => !m.isLearner);
    if (members.length - voters.length >= 2) this.stats.twoLearners++;
    const up = await Promise.all(voters.map((m) => this.answers(m.clientURLs)));
    const n = up.filter(Boolean).length;
    const margin = n - quorum(voters.length);
    this.stats.minMargin = Math.min(this.stats.minMargin, margin);
    if (margin < 0) {
      this.stats.quorumLosses++;
      if (this.stats.losses.length < 5) this.stats.losses.push(`+${((Date.now() - this.started) / 1000).toFixed(1)}s: ${n} of ${voters.length} voters up`);
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

  private async answers(urls: string[]): Promise<boolean> {
    for (const u of urls) {
      const c = directClient(u, this.callTimeoutMs);
      try {
        await c.maintenance.status();
        return true;
      } catch {
        // next URL
      } finally {
        c.close();
      }
    }
    return false;
  }
}
