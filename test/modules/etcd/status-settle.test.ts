// etcd_status `settle`: a read waits for a member systemd is restarting, and not for one declared dead.
// A real 3-member loopback cluster; a member "down" is its etcd process SIGSTOPped (it stops answering).
import assert from 'node:assert/strict';
import { EtcdTestCluster, TestResources, testContext, type TestMember } from '../../helpers/etcd.js';
import { etcdStatus, type StatusArgs } from '../../../runner/modules/etcd/status.js';

describe('etcd_status settle (waits for a restarting member)', function () {
  this.timeout(60000);
  const cluster = new EtcdTestCluster();
  const resources = new TestResources();
  let m: TestMember[] = [];
  const pause = (x: TestMember) => x.proc?.kill('SIGSTOP');
  const resume = (x: TestMember) => x.proc?.kill('SIGCONT');
  const status = (args: Partial<StatusArgs>) => {
    const ctx = testContext({ resources });
    const run = etcdStatus.run({ endpoints: m.map((x) => x.clientUrl), tunnel: false, call_timeout: 1, members_from_list: true, fail_on_unhealthy: false, ...args } as StatusArgs, ctx);
    return { ctx, run };
  };

  before(async () => {
    m = await cluster.bootstrap(3);
  });
  afterEach(() => m.forEach(resume));
  after(async () => {
    await resources.close();
    await cluster.stopAll();
  });

  it('reports the member down at once without settle', async () => {
    pause(m[2]!);
    const t0 = Date.now();
    const r = await status({}).run;
    assert.equal(r.healthy, false);
    assert.match(String(r.msg), new RegExp(m[2]!.clientUrl.replace(/[/.]/g, '\\$&')));
    assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
  });

  it('waits for a member that comes back within settle, and says so', async () => {
    pause(m[2]!);
    setTimeout(() => resume(m[2]!), 2500);
    const t0 = Date.now();
    const { ctx, run } = status({ settle: 20 });
    const r = await run;
    const took = Date.now() - t0;
    assert.equal(r.healthy, true, String(r.msg));
    assert.ok(took >= 2400 && took < 15000, `took ${took} ms`);
    assert.ok(ctx.progressLines.some((l) => /waiting up to 20 s for .*to answer healthy/.test(l)), ctx.progressLines.join('\n'));
  });

  it('gives up after settle seconds and reports the member that never came back', async () => {
    pause(m[1]!);
    const t0 = Date.now();
    const r = await status({ settle: 3 }).run;
    const took = Date.now() - t0;
    assert.equal(r.healthy, false);
    assert.equal(r.failed, false);
    assert.ok(took >= 3000 && took < 10000, `took ${took} ms`);
  });

  it('does not wait for a member named in settle_except', async () => {
    pause(m[2]!);
    const t0 = Date.now();
    const r = await status({ settle: 30, settle_except: [m[2]!.peerUrl] }).run;
    assert.equal(r.healthy, false);
    // One poll (its dial and call timeouts on the frozen member), not the 30 s of settle.
    assert.ok(Date.now() - t0 < 15000, `took ${Date.now() - t0} ms`);
  });
});
