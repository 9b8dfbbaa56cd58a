import { strict as assert } from 'node:assert';
import { planTopology, plannedInitialCluster, type PlanMember } from '../../../runner/modules/etcd/topology.js';
import { assessCluster, hasLearners } from '../../../runner/modules/etcd/topology-assess.js';
import type { Member } from '../../../runner/modules/etcd/members.js';

const groups = { etcd_old: ['o1', 'o2', 'o3'], etcd_new: ['n1', 'n2', 'n3'] };
const hostvars: Record<string, Record<string, unknown>> = Object.fromEntries(
  [...groups.etcd_old, ...groups.etcd_new].map((h, i) => [h, { ssh_host: `10.0.0.${i + 1}` }]),
);
const topo = planTopology(groups, hostvars);
const old = topo.old as PlanMember[];
const neu = topo.new as PlanMember[];

function member(p: PlanMember, id: string, extra: Partial<Member> = {}): Member {
  return { id, name: p.name, peerURLs: [p.peer_url], clientURLs: [p.client_url], isLearner: false, started: true, ...extra };
}
const row = (p: PlanMember, id: string, extra = {}) => ({ endpoint: p.client_url, id, reachable: true, healthy: true, isLeader: false, alarms: [], version: '3.4.23', ...extra });

describe('etcd_topology', () => {
  it('plans URLs, endpoint lists and the final initial-cluster from the inventory', () => {
    assert.equal(old[0].peer_url, 'http://10.0.0.1:2380');
    assert.equal(neu[2].client_url, 'http://10.0.0.6:2379');
    assert.deepEqual(topo.client_urls_new_first, [...neu, ...old].map((m) => m.client_url));
    assert.equal(topo.final_initial_cluster, 'etcd-10.0.0.4=http://10.0.0.4:2380,etcd-10.0.0.5=http://10.0.0.5:2380,etcd-10.0.0.6=http://10.0.0.6:2380');
    assert.equal(topo.runner, 'n1');
  });

  it('uses https, ports and etcd_ip from host vars', () => {
    const t = planTopology({ a: ['x'], b: ['y'] }, { x: { etcd_ip: '10.1.1.1', etcd_peer_cert_file: 'p', etcd_peer_port: 12380 }, y: { ssh_host: 'h', etcd_cert_file: 'c' } }, 'a', 'b');
    assert.equal((t.old as PlanMember[])[0].peer_url, 'https://10.1.1.1:12380');
    assert.equal((t.new as PlanMember[])[0].client_url, 'https://h:2379');
  });

  it('refuses a host in both groups, empty groups and shared addresses', () => {
    assert.throws(() => planTopology({ etcd_old: ['a'], etcd_new: ['a'] }, {}), /in both/);
    assert.throws(() => planTopology({ etcd_old: ['a'], etcd_new: [] }, {}), /etcd_new' is empty/);
    assert.throws(() => planTopology({ etcd_old: ['a'], etcd_new: ['b'] }, { a: { ssh_host: 'x' }, b: { ssh_host: 'x' } }), /share an address/);
  });

  it('a healthy untouched cluster: no problems, learners from 3.4, nothing joined', () => {
    const s = assessCluster(old, neu, { members: old.map((p, i) => member(p, `${i + 1}`)), endpoints: old.map((p, i) => row(p, `${i + 1}`, { isLeader: i === 1 })) }, 'auto');
    assert.deepEqual([s.problems, s.learners, s.joined, s.pending, s.done, s.snapshot_endpoint], [[], true, [], ['n1', 'n2', 'n3'], false, old[1].client_url]);
  });

  it('resumes: a started new voter is joined, an unstarted new member is pending, not a problem', () => {
    const members = [...old.map((p, i) => member(p, `${i + 1}`)), member(neu[0], 'a'), member(neu[1], 'b', { started: false, name: '', clientURLs: [] })];
    const s = assessCluster(old, neu, { members, endpoints: [...old.map((p, i) => row(p, `${i + 1}`)), row(neu[0], 'a'), { endpoint: neu[1].peer_url, id: 'b', reachable: false, healthy: false, isLeader: false, alarms: [] }] }, 'auto');
    assert.deepEqual([s.problems, s.joined, s.pending, s.new_members], [[], ['n1'], ['n2', 'n3'], ['n1', 'n2']]);
  });

  it('etcd_learners=false: an unstarted voter is fine when it is the next host in inventory order, refused when it is not', () => {
    const unstarted = (p: PlanMember, id: string) => member(p, id, { started: false, name: '', clientURLs: [] });
    const rows = old.map((p, i) => row(p, `${i + 1}`));
    const next = assessCluster(old, neu, { members: [...old.map((p, i) => member(p, `${i + 1}`)), member(neu[0], 'a'), unstarted(neu[1], 'b')], endpoints: rows }, 'false');
    assert.deepEqual(next.problems, []);
    const skipped = assessCluster(old, neu, { members: [...old.map((p, i) => member(p, `${i + 1}`)), unstarted(neu[1], 'b')], endpoints: rows }, 'false');
    assert.equal(skipped.problems.length, 1);
    assert.match(skipped.problems[0], /^with etcd_learners=false, n2 \(b\) is an unstarted voter but n1 is next in inventory order/);
    // With learners the add order does not matter: an unstarted learner counts in no quorum.
    const learner = assessCluster(old, neu, { members: [...old.map((p, i) => member(p, `${i + 1}`)), member(neu[1], 'b', { started: false, name: '', clientURLs: [], isLearner: true })], endpoints: rows }, 'true');
    assert.deepEqual(learner.problems, []);
  });

  it('done once the members are exactly the new hosts, started voters', () => {
    const s = assessCluster(old, neu, { members: neu.map((p, i) => member(p, `${i + 10}`)), endpoints: neu.map((p, i) => row(p, `${i + 10}`)) }, 'auto');
    assert.equal(s.done, true);
    assert.deepEqual(s.old_members, []);
  });

  it('problems: foreign member, old member down, old learner, unknown version, forced learners on 3.3', () => {
    const foreign: Member = { id: 'f', name: 'x', peerURLs: ['http://9.9.9.9:2380'], clientURLs: [], isLearner: false, started: true };
    const members = [member(old[0], '1'), member(old[1], '2', { started: false }), member(old[2], '3', { isLearner: true }), foreign];
    const s = assessCluster(old, neu, { members, endpoints: [] }, true);
    assert.equal(s.problems.length, 4, s.problems.join('\n'));
    const v = assessCluster(old, neu, { members: [member(old[0], '1')], endpoints: [row(old[0], '1', { version: '3.3.25' })] }, 'true');
    assert.match(v.problems.join(), /has no learners/);
    assert.equal(assessCluster(old, neu, { members: [member(old[0], '1')], endpoints: [row(old[0], '1', { version: '3.3.25' })] }, 'auto').learners, false);
    assert.equal(hasLearners('3.5.0'), true);
  });

  it('an old member that does not answer is named by host and endpoint, once, with the cause', () => {
    const members = old.map((p, i) => member(p, `${i + 1}`));
    const down = row(old[2], '3', { reachable: false, healthy: false, error: `${old[2].client_url}: status: not reachable (ECONNREFUSED)` });
    const s = assessCluster(old, neu, { members, endpoints: [row(old[0], '1'), row(old[1], '2'), down] }, 'auto');
    assert.deepEqual(s.problems, ['o3 (http://10.0.0.3:2379): status: not reachable (ECONNREFUSED)' +
      ` (if o3 is gone for good, rerun with -e '{"etcd_dead_members": ["o3"]}' to remove it from the cluster)`]);
    assert.deepEqual(s.dead, [], 'a member is never dead unless named');
  });

  describe('dead members (etcd_dead_members)', () => {
    const members = old.map((p, i) => member(p, `${i + 1}`));
    const down = { endpoint: old[1].client_url, reachable: false, healthy: false, isLeader: false, alarms: [], error: `${old[1].client_url}: status: not reachable (EHOSTUNREACH)` };
    const rows = [row(old[0], '1', { isLeader: true }), down, row(old[2], '3')];

    it('a named member etcd finds unreachable: no problem, to be removed, reported', () => {
      const s = assessCluster(old, neu, { members, endpoints: rows }, 'auto', ['o2']);
      assert.deepEqual(s.problems, []);
      assert.deepEqual(s.dead_peer_urls, [old[1].peer_url]);
      assert.match(s.dead_reports[0], /^o2: dead \(no SSH, etcd unreachable\); its etcd3 service could not be stopped or disabled/);
    });

    it('a named member that answers is refused, never removed', () => {
      const s = assessCluster(old, neu, { members, endpoints: [row(old[0], '1'), row(old[1], '2'), row(old[2], '3')] }, 'auto', ['o2']);
      assert.match(s.problems.join('\n'), /o2 is named in etcd_dead_members but its etcd answers at http:\/\/10\.0\.0\.2:2379/);
      assert.deepEqual(s.dead_peer_urls, []);
    });

    it('already removed on an earlier run: nothing to remove, still reported', () => {
      const s = assessCluster(old, neu, { members: [members[0], members[2]], endpoints: [rows[0], rows[2]] }, 'auto', ['o2']);
      assert.deepEqual([s.problems, s.dead_peer_urls], [[], []]);
      assert.match(s.dead_reports[0], /^o2: dead \(no SSH, etcd unreachable\), removed from the cluster;/);
    });

    it('two of three down: below quorum, refused even when named', () => {
      const s = assessCluster(old, neu, { members, endpoints: [rows[0], down, { ...down, endpoint: old[2].client_url }] }, 'auto', ['o2', 'o3']);
      assert.match(s.problems.join('\n'), /only 1 of 3 voters answer .* below quorum 2/);
    });

    it('the plan: names must be old hosts; the dead go last in every endpoint list and never probe', () => {
      assert.throws(() => planTopology(groups, hostvars, 'etcd_old', 'etcd_new', ['n1']), /n1 is in etcd_new/);
      assert.throws(() => planTopology(groups, hostvars, 'etcd_old', 'etcd_new', ['zz']), /zz is not a host of etcd_old/);
      const t = planTopology(groups, hostvars, 'etcd_old', 'etcd_new', ['o1']);
      assert.deepEqual(t.client_urls, [old[1], old[2], ...neu, old[0]].map((m) => m.client_url));
      assert.deepEqual([t.probe_host, t.dead_hosts], ['o2', ['o1']]);
    });
  });

  it('plans the --initial-cluster of each new host as if the ones before it had joined', () => {
    const members = old.map((p, i) => member(p, `${i + 1}`));
    assert.equal(plannedInitialCluster(members, neu, neu[1]), [...old, neu[0], neu[1]].map((p) => `${p.name}=${p.peer_url}`).join(','));
  });
});
