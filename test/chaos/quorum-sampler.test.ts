// The chaos suite's quorum sampler against real etcd processes on loopback (election timeout
// 500 ms): it must count a real loss (two of three voters frozen) and must not count a stall
// shorter than its deadline, a single frozen voter, or the election after a leader's death.
import assert from 'node:assert/strict';
import { Etcd3 } from 'etcd3';
import { EtcdTestCluster, type TestMember } from '../helpers/etcd.js';
import { QuorumSampler } from '../helpers/quorum-sampler.js';

describe('quorum sampler on a real 3-member cluster', function () {
  this.timeout(60000);
  let cluster: EtcdTestCluster;
  let m: TestMember[] = [];
  const urls = () => m.map((x) => x.clientUrl);
  const signal = (x: TestMember, s: NodeJS.Signals) => x.proc!.kill(s);

  beforeEach(async () => {
    cluster = new EtcdTestCluster();
    m = await cluster.bootstrap(3);
  });
  afterEach(async () => {
    for (const x of m) if (cluster.running(x)) signal(x, 'SIGCONT');
    await cluster.stopAll();
  });

  async function sampleOnce(callTimeoutMs: number, readTimeoutMs = 1500): Promise<Awaited<ReturnType<QuorumSampler['stop']>>> {
    const q = new QuorumSampler(urls(), 100, callTimeoutMs, readTimeoutMs);
    await q.sample();
    return q.stop();
  }

  it('sees every voter agreeing on one leader when all are up', async () => {
    const s = await sampleOnce(1500);
    assert.equal(s.samples, 1);
    assert.equal(s.quorumLosses, 0);
    assert.equal(s.minMargin, 1, 'three voters agree, quorum is two');
  });

  it('counts no loss with one voter frozen (two still agree)', async () => {
    signal(m[2]!, 'SIGSTOP');
    const s = await sampleOnce(1500);
    assert.equal(s.quorumLosses, 0, s.losses.join('; '));
    assert.equal(s.minMargin, 0);
  });

  it('counts a loss with two of three voters frozen, and says so', async () => {
    signal(m[1]!, 'SIGSTOP');
    signal(m[2]!, 'SIGSTOP');
    const s = await sampleOnce(1500);
    assert.equal(s.quorumLosses, 1);
    assert.ok(s.minMargin < 0);
    assert.match(s.losses[0]!, /1 of 3 voters answered with one leader, and no linearizable read succeeded/);
  });

  it('does not count a stall shorter than its deadline: Status times out, the linearizable read then succeeds', async () => {
    // Status gets 0.3 s; the two voters resume after 0.4 s, well inside the read's 5 s (room for an election).
    signal(m[1]!, 'SIGSTOP');
    signal(m[2]!, 'SIGSTOP');
    const resume = setTimeout(() => [m[1]!, m[2]!].forEach((x) => signal(x, 'SIGCONT')), 400);
    try {
      const s = await sampleOnce(300, 5000);
      assert.equal(s.quorumLosses, 0, s.losses.join('; '));
      assert.equal(s.slowNotLost, 1, 'too few answered Status in time, and the read proved a quorum');
    } finally {
      clearTimeout(resume);
    }
  });

  it('counts no loss across the election after the leader is killed', async () => {
    const kv = new Etcd3({ hosts: urls() });
    const leaderId = BigInt((await kv.maintenance.status()).leader);
    const ids = await Promise.all(m.map(async (x) => {
      const c = new Etcd3({ hosts: [x.clientUrl] });
      try {
        return BigInt((await c.maintenance.status()).header.member_id);
      } finally {
        c.close();
      }
    }));
    kv.close();
    const leader = m[ids.indexOf(leaderId)]!;
    m = m.filter((x) => x !== leader).concat(leader);
    const q = new QuorumSampler(m.slice(0, 2).map((x) => x.clientUrl), 50, 2000);
    q.start();
    await cluster.stop(leader, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 2500));
    const s = await q.stop();
    assert.ok(s.samples >= 3, `sampled ${s.samples} times`);
    assert.equal(s.quorumLosses, 0, s.losses.join('; '));
  });
});
