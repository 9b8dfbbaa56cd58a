// Table-driven cases for the pure membership rules: ids, lookup by peer URL, --initial-cluster, quorum.
import assert from 'node:assert/strict';
import {
  decimalId, defaultMemberName, findByPeerUrl, hexId, initialCluster, otherLearner, pickTransferee, quorum, removalQuorumProblem, toMember, type Member,
} from '../../../runner/modules/etcd/members.js';
import { catchUpLine } from '../../../runner/modules/etcd/member-promote.js';
import { humanBytes } from '../../../runner/modules/etcd/table.js';
import { checkSnapshot } from '../../../runner/modules/etcd/snapshot.js';
import { createHash } from 'node:crypto';

/** A started voter at 10.0.0.<n>. */
const voter = (n: number, extra: Partial<Member> = {}): Member => ({
  id: `a${n}`, name: `etcd-10.0.0.${n}`, peerURLs: [`http://10.0.0.${n}:2380`], clientURLs: [`http://10.0.0.${n}:2379`], isLearner: false, started: true, ...extra,
});
const unstarted = (n: number, isLearner = true): Member => voter(n, { name: '', clientURLs: [], isLearner, started: false });

describe('etcd members', () => {
  it('converts decimal uint64 ids to hex like etcdctl and back', () => {
    assert.equal(hexId('5357067392292040716'), '4a5820690b65300c');
    assert.equal(decimalId('4a5820690b65300c'), '5357067392292040716');
    assert.equal(toMember({ ID: '18446744073709551615', name: '', peerURLs: ['http://x:2380'] }).id, 'ffffffffffffffff');
    assert.equal(toMember({ ID: '1', name: '' }).started, false);
  });

  const finds: [string, string | undefined][] = [
    ['http://10.0.0.2:2380', 'a2'],
    ['HTTP://10.0.0.2:2380/', 'a2'],
    ['http://10.0.0.2:2379', undefined],
    ['http://10.0.0.9:2380', 'a9'],
  ];
  for (const [url, id] of finds) {
    it(`finds ${url} by peer URL`, () => assert.equal(findByPeerUrl([voter(1), voter(2), unstarted(9)], url)?.id, id));
  }

  it('names members like the procedure', () => {
    assert.equal(defaultMemberName('http://192.168.152.142:2380'), 'etcd-192.168.152.142');
    assert.equal(defaultMemberName('https://[fd00::1]:2380'), 'etcd-fd00::1');
  });

  const clusters: [string, Member[], string, string, string][] = [
    ['3 + the unstarted learner being added', [voter(1), voter(2), voter(3), unstarted(4)], 'http://10.0.0.4:2380', 'etcd-10.0.0.4',
      'etcd-10.0.0.1=http://10.0.0.1:2380,etcd-10.0.0.2=http://10.0.0.2:2380,etcd-10.0.0.3=http://10.0.0.3:2380,etcd-10.0.0.4=http://10.0.0.4:2380'],
    ['a rerun after it started keeps its real name', [voter(1), voter(4, { name: 'n4' })], 'http://10.0.0.4:2380', 'ignored',
      'etcd-10.0.0.1=http://10.0.0.1:2380,n4=http://10.0.0.4:2380'],
    ['another unstarted member gets the default name', [voter(1), unstarted(5, false), unstarted(4)], 'http://10.0.0.4:2380', 'new',
      'etcd-10.0.0.1=http://10.0.0.1:2380,etcd-10.0.0.5=http://10.0.0.5:2380,new=http://10.0.0.4:2380'],
    ['a member with two peer URLs lists both', [voter(1, { peerURLs: ['http://10.0.0.1:2380', 'http://10.1.0.1:2380'] }), unstarted(2)], 'http://10.0.0.2:2380', 'x',
      'etcd-10.0.0.1=http://10.0.0.1:2380,etcd-10.0.0.1=http://10.1.0.1:2380,x=http://10.0.0.2:2380'],
  ];
  for (const [what, ms, peer, name, want] of clusters) it(`initial cluster: ${what}`, () => assert.equal(initialCluster(ms, peer, name), want));

  const quorums: [number, number][] = [[1, 1], [2, 2], [3, 2], [4, 3], [5, 3], [6, 4]];
  for (const [n, q] of quorums) it(`quorum of ${n} voters is ${q}`, () => assert.equal(quorum(n), q));

  const all = (ms: Member[]) => new Set(ms.map((m) => m.id));
  const removals: [string, Member[], string, Set<string> | null, RegExp | null][] = [
    ['3 healthy voters: remove one', [voter(1), voter(2), voter(3)], 'a1', null, null],
    ['3 voters, one down: removing a live one leaves 1 of 2', [voter(1), voter(2), voter(3)], 'a2', new Set(['a2', 'a3']), /1 started voter\(s\) of 2, below quorum 2 \(not answering: etcd-10.0.0.1\)/],
    ['3 voters, one down: removing the down one is fine', [voter(1), voter(2), voter(3)], 'a1', new Set(['a2', 'a3']), null],
    ['learners need no quorum', [voter(1), voter(2), unstarted(3)], 'a3', new Set(['a1']), null],
    ['an unstarted voter does not count as started', [voter(1), voter(2), unstarted(3, false)], 'a1', null, /1 started voter\(s\) of 2/],
    ['learners do not count as voters', [voter(1), voter(2, { isLearner: true })], 'a1', null, /last voting member/],
    ['6 voters → 5, two down still leaves 3', [1, 2, 3, 4, 5, 6].map((n) => voter(n)), 'a1', new Set(['a1', 'a2', 'a3', 'a4']), null],
  ];
  for (const [what, ms, id, up, want] of removals) {
    it(`removal quorum: ${what}`, () => {
      const problem = removalQuorumProblem(ms, ms.find((m) => m.id === id)!, up ?? all(ms));
      if (want) assert.match(problem ?? '', want);
      else assert.equal(problem, null);
    });
  }

  it('finds the other learner and picks a preferred transferee', () => {
    const ms = [voter(1), voter(2), voter(4), unstarted(5)];
    assert.equal(otherLearner(ms, 'http://10.0.0.5:2380'), undefined);
    assert.equal(otherLearner(ms, 'http://10.0.0.6:2380')?.id, 'a5');
    assert.equal(pickTransferee(ms, 'a1', ['http://10.0.0.4:2380'], all(ms))?.id, 'a4');
    assert.equal(pickTransferee(ms, 'a1', [], all(ms))?.id, 'a2');
    assert.equal(pickTransferee(ms, 'a1', ['http://10.0.0.4:2380'], new Set(['a2']))?.id, 'a2');
  });

  const lines: [number | null, number | null, string][] = [
    [1200, 5000, 'learner 4a5820… (etcd-x) applied 1200/5000 (24%)'],
    [null, 5000, 'learner 4a5820… (etcd-x) not answering Status yet (not started?)'],
    [7, null, 'learner 4a5820… (etcd-x) applied 7'],
  ];
  for (const [a, l, want] of lines) it(`progress line ${want}`, () => assert.equal(catchUpLine({ ...voter(1), id: '4a5820690b65300c', name: 'etcd-x' }, a, l), want));

  it('formats sizes like etcdctl and checks the snapshot trailer', () => {
    assert.deepEqual([0, 20480, 69_000_000].map(humanBytes), ['0 B', '20 kB', '69 MB']);
    const db = Buffer.from('bolt db bytes');
    const good = Buffer.concat([db, createHash('sha256').update(db).digest()]);
    assert.equal(checkSnapshot(good).trailerOk, true);
    assert.equal(checkSnapshot(Buffer.concat([db, Buffer.alloc(32)])).trailerOk, false);
    assert.equal(checkSnapshot(Buffer.alloc(0)).trailerOk, false);
  });
});
