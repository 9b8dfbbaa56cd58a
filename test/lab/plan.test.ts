import assert from 'node:assert/strict';
import { defaultGroups, defaultNames, hostIp, parseGroups, planHosts, validateNames } from '../../lab/plan.js';
import { namesFrom } from '../../lab/args.js';
import { MAX_HOSTS } from '../../lab/config.js';

describe('lab/plan', () => {
  it('gives host i the address 10.213.7.(11+i), inside the lab /24 only', () => {
    assert.equal(hostIp(0), '10.213.7.11');
    assert.equal(hostIp(9), '10.213.7.20');
    assert.throws(() => hostIp(-1), /outside/);
    assert.throws(() => hostIp(MAX_HOSTS), /outside/);
  });

  it('names each host\'s namespace, veth (<= 15 chars) and dirs', () => {
    const [a, b] = planHosts(['alpha', 'b'], '/tmp/lab');
    assert.deepEqual([a.ip, a.netns, a.veth, a.merged], ['10.213.7.11', 'ferry-alpha', 'ferryv1', '/tmp/lab/hosts/alpha/root']);
    assert.equal(b.veth, 'ferryv2');
    const many = planHosts(defaultNames(MAX_HOSTS), '/x');
    assert.ok(many.every((h) => h.veth.length <= 15 && h.netns.length <= 32));
  });

  const badNames: [string[], RegExp][] = [
    [[], new RegExp(`1 to ${MAX_HOSTS}`)],
    [defaultNames(MAX_HOSTS + 1), new RegExp(`1 to ${MAX_HOSTS}`)],
    [['Host1'], /must match/],
    [['a b'], /must match/],
    [['a', 'a'], /twice/],
  ];
  for (const [names, error] of badNames) {
    it(`refuses host names ${JSON.stringify(names).slice(0, 40)}`, () => assert.throws(() => validateNames(names), error));
  }

  it('groups default to etcd_old = first half, etcd_new = the rest, lab = all', () => {
    assert.deepEqual(defaultGroups(defaultNames(6)), {
      etcd_old: ['host1', 'host2', 'host3'],
      etcd_new: ['host4', 'host5', 'host6'],
      lab: defaultNames(6),
    });
    assert.deepEqual(defaultGroups(['a']), { lab: ['a'] });
  });

  const groupCases: [string, number, Record<string, string[]>][] = [
    ['etcd_old=1,etcd_new=3', 4, { etcd_old: ['host1'], etcd_new: ['host2', 'host3', 'host4'], lab: defaultNames(4) }],
    ['etcd_old=3,etcd_new=5', 8, { etcd_old: ['host1', 'host2', 'host3'], etcd_new: ['host4', 'host5', 'host6', 'host7', 'host8'], lab: defaultNames(8) }],
    ['a=2', 3, { a: ['host1', 'host2'], lab: defaultNames(3) }],
  ];
  for (const [spec, n, expected] of groupCases) {
    it(`parses --groups ${spec} over ${n} hosts`, () => assert.deepEqual(parseGroups(spec, defaultNames(n)), expected));
  }

  it('refuses groups that need more hosts, bad syntax or reserved names', () => {
    assert.throws(() => parseGroups('a=3,b=4', defaultNames(6)), /needs 7 hosts/);
    assert.throws(() => parseGroups('a:3', defaultNames(6)), /NAME=COUNT/);
    assert.throws(() => parseGroups('all=1', defaultNames(6)), /reserved/);
  });

  it('reads --hosts and --names', () => {
    assert.deepEqual(namesFrom({}), defaultNames(6));
    assert.deepEqual(namesFrom({ hosts: '3' }), ['host1', 'host2', 'host3']);
    assert.deepEqual(namesFrom({ names: 'a, b,c' }), ['a', 'b', 'c']);
    assert.deepEqual(namesFrom({ names: 'a,b', hosts: '2' }), ['a', 'b']);
    assert.throws(() => namesFrom({ names: 'a,b', hosts: '3' }), /--names lists 2/);
    assert.throws(() => namesFrom({ hosts: 'x' }), /positive whole number/);
  });
});
