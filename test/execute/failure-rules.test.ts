// Which plays and tasks run after a failure, and the exit code: Ansible's rules, case by case.
// Each case is the engine twin of a small multi-play playbook run through ansible-core 2.14.18
// (`ansible-playbook -i inv.ini x.yml`, hosts a = h1 h2 h3, b = h4, connection local); `ran` is the
// tasks Ansible ran, per host, in order, and `rc` its exit code mapped to ferry's (Ansible: 2 or 4 → 1).
import assert from 'node:assert/strict';
import { ConnectError } from '../../runner/errors.js';
import type { Play, Task } from '../../runner/load/types.js';
import type { MemoryTransportOptions } from '../../runner/transport/memory.js';
import { block, inventory, play, runTest, task } from '../helpers/engine.js';

const hosts = inventory({ h1: {}, h2: {}, h3: {}, h4: {} }, { a: ['h1', 'h2', 'h3'], b: ['h4'] });
const cmd = (name: string, extra: Partial<Task> = {}): Task => task(name, 'test_cmd', name, extra);
const playB = play([cmd('play2')], { name: 'b', hosts: 'b' });
const playA = (tasks: Task[], extra: Partial<Play> = {}): Play => play(tasks, { name: 'a', hosts: 'a', ...extra });
const failsOn = (...names: string[]): Record<string, MemoryTransportOptions> =>
  Object.fromEntries(names.map((n) => [n, { replies: [{ match: 'fail', rc: 1 }] }]));
const unreachable = (...names: string[]): Record<string, MemoryTransportOptions> =>
  Object.fromEntries(names.map((n) => [n, { connectError: new ConnectError(n, 'connection refused') }]));

interface Case {
  name: string;
  plays: Play[];
  transports: Record<string, MemoryTransportOptions>;
  /** Commands sent, per host, in order (what Ansible ran). */
  ran: Record<string, string[]>;
  rc: 0 | 1;
  /** Recap lines to check (Ansible's PLAY RECAP). */
  recap?: Record<string, Partial<Record<'ok' | 'failed' | 'rescued' | 'ignored' | 'unreachable', number>>>;
}

const cases: Case[] = [
  {
    name: 'a failed run_once task fails every host of the batch, and with no host left the playbook stops',
    plays: [playA([cmd('fail', { runOnce: true }), cmd('after')]), playB],
    transports: failsOn('h1'),
    ran: { h1: ['fail'] },
    rc: 1,
    recap: { h1: { failed: 1 } },
  },
  {
    name: 'a failed run_once task with ignore_errors lets every host go on',
    plays: [playA([cmd('fail', { runOnce: true, ignoreErrors: true }), cmd('after')]), playB],
    transports: failsOn('h1'),
    ran: { h1: ['fail', 'after'], h2: ['after'], h3: ['after'], h4: ['play2'] },
    rc: 0,
    recap: { h1: { ok: 2, ignored: 1 }, h2: { ok: 1 } },
  },
  {
    name: 'a failed run_once task in a block sends every host to rescue; only the host that ran it counts rescued',
    plays: [playA([block('b', [cmd('fail', { runOnce: true })], [cmd('rescue')]), cmd('after')]), playB],
    transports: failsOn('h1'),
    ran: { h1: ['fail', 'rescue', 'after'], h2: ['rescue', 'after'], h3: ['rescue', 'after'], h4: ['play2'] },
    rc: 0,
    recap: { h1: { failed: 0, rescued: 1 }, h2: { failed: 0, rescued: 0 } },
  },
  {
    name: 'a failed run_once task in the second serial batch ends the play after the first batch and stops the playbook',
    plays: [playA([cmd('fail', { runOnce: true, when: ['eq inventory_hostname "h3"'] }), cmd('after')], { serial: [2] }), playB],
    transports: failsOn('h3'),
    ran: { h1: ['after'], h2: ['after'], h3: ['fail'] },
    rc: 1,
  },
  {
    name: 'when every host of a play failed, later plays on other hosts do not run',
    plays: [playA([cmd('fail'), cmd('after')]), playB],
    transports: failsOn('h1', 'h2', 'h3'),
    ran: { h1: ['fail'], h2: ['fail'], h3: ['fail'] },
    rc: 1,
  },
  {
    name: 'a play where some hosts failed goes on with the others, and later plays run',
    plays: [playA([cmd('fail'), cmd('after')]), playB],
    transports: failsOn('h2'),
    ran: { h1: ['fail', 'after'], h2: ['fail'], h3: ['fail', 'after'], h4: ['play2'] },
    rc: 1,
  },
  {
    name: 'always still runs on hosts that all failed; then the playbook stops',
    plays: [playA([block('b', [cmd('fail')], [], [cmd('always')]), cmd('after')]), playB],
    transports: failsOn('h1', 'h2', 'h3'),
    ran: { h1: ['fail', 'always'], h2: ['fail', 'always'], h3: ['fail', 'always'] },
    rc: 1,
  },
  {
    name: 'hosts that all failed and were all rescued carry on, and later plays run',
    plays: [playA([block('b', [cmd('fail')], [cmd('rescue')]), cmd('after')]), playB],
    transports: failsOn('h1', 'h2', 'h3'),
    ran: { h1: ['fail', 'rescue', 'after'], h2: ['fail', 'rescue', 'after'], h3: ['fail', 'rescue', 'after'], h4: ['play2'] },
    rc: 0,
    recap: { h1: { failed: 0, rescued: 1 } },
  },
  {
    name: 'serial: a batch whose every host failed ends the play (later batches never start) and the playbook',
    plays: [playA([cmd('fail', { when: ['eq inventory_hostname "h1"'] }), cmd('after')], { serial: [1] }), playB],
    transports: failsOn('h1'),
    ran: { h1: ['fail'] },
    rc: 1,
  },
  {
    name: 'serial: a batch with a host left goes on to the next batches and plays',
    plays: [playA([cmd('fail', { when: ['eq inventory_hostname "h1"'] }), cmd('after')], { serial: [2] }), playB],
    transports: failsOn('h1'),
    ran: { h1: ['fail'], h2: ['after'], h3: ['after'], h4: ['play2'] },
    rc: 1,
  },
  {
    name: 'any_errors_fatal: one failure ends the play on every host and no later play runs',
    plays: [playA([cmd('fail', { when: ['eq inventory_hostname "h2"'] }), cmd('after')], { anyErrorsFatal: true }), playB],
    transports: failsOn('h2'),
    ran: { h2: ['fail'] },
    rc: 1,
  },
  {
    name: 'any_errors_fatal: a failure that a rescue handles is not fatal',
    plays: [playA([block('b', [cmd('fail', { when: ['eq inventory_hostname "h2"'] }), cmd('inblock')], [cmd('rescue')]), cmd('after')], { anyErrorsFatal: true }), playB],
    transports: failsOn('h2'),
    ran: { h1: ['inblock', 'after'], h2: ['fail', 'rescue', 'after'], h3: ['inblock', 'after'], h4: ['play2'] },
    rc: 0,
  },
  {
    name: 'max_fail_percentage exceeded (1 of 3 > 30%) ends the play and the playbook',
    plays: [playA([cmd('fail', { when: ['eq inventory_hostname "h2"'] }), cmd('after')], { maxFailPercentage: 30 }), playB],
    transports: failsOn('h2'),
    ran: { h2: ['fail'] },
    rc: 1,
  },
  {
    name: 'max_fail_percentage not exceeded (1 of 3 ≤ 34%) goes on',
    plays: [playA([cmd('fail', { when: ['eq inventory_hostname "h2"'] }), cmd('after')], { maxFailPercentage: 34 }), playB],
    transports: failsOn('h2'),
    ran: { h1: ['after'], h2: ['fail'], h3: ['after'], h4: ['play2'] },
    rc: 1,
  },
  {
    name: 'unreachable hosts count as lost: unreachable plus failed covering the play stops the playbook',
    plays: [playA([cmd('ping'), cmd('fail'), cmd('after')]), playB],
    transports: { ...unreachable('h2'), ...failsOn('h1', 'h3') },
    ran: { h1: ['ping', 'fail'], h3: ['ping', 'fail'] },
    rc: 1,
    recap: { h2: { unreachable: 1 }, h1: { failed: 1 } },
  },
  {
    name: 'a play whose hosts are all unreachable stops the playbook',
    plays: [play([cmd('ping'), cmd('after')], { name: 'a', hosts: 'h1:h2' }), playB],
    transports: unreachable('h1', 'h2'),
    ran: {},
    rc: 1,
  },
  {
    name: 'some unreachable hosts: the others go on, later plays run, the exit code says it',
    plays: [playA([cmd('ping'), cmd('after')]), playB],
    transports: unreachable('h2'),
    ran: { h1: ['ping', 'after'], h3: ['ping', 'after'], h4: ['play2'] },
    rc: 1,
  },
  {
    name: 'a failed run_once task with an unreachable host in the batch still stops everything',
    plays: [playA([cmd('ping'), cmd('fail', { runOnce: true }), cmd('after')]), playB],
    transports: { ...unreachable('h2'), ...failsOn('h1') },
    ran: { h1: ['ping', 'fail'], h3: ['ping'] },
    rc: 1,
    recap: { h1: { failed: 1 }, h2: { unreachable: 1 }, h3: { ok: 1, failed: 0 } },
  },
];

// The commands each host was sent, in order.
function perHost(log: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of log) {
    const [host, command] = line.split(': ');
    (out[host] ??= []).push(command);
  }
  return out;
}

describe('execute: failure rules, as ansible-playbook runs them', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runTest(c.plays, hosts, {}, c.transports);
      assert.deepEqual(perHost(r.log), c.ran);
      assert.equal(r.recap.exitCode, c.rc);
      for (const [host, counts] of Object.entries(c.recap ?? {})) {
        for (const [key, value] of Object.entries(counts)) assert.equal(r.recap.hosts[host]?.[key as 'ok'], value, `${host} ${key}`);
      }
    });
  }

  it('says that no host is left when a play lost all its hosts', async () => {
    const r = await runTest([playA([cmd('fail')]), playB], hosts, {}, failsOn('h1', 'h2', 'h3'));
    assert.ok(r.events.some((e) => e.kind === 'warning' && /NO MORE HOSTS LEFT/.test(e.msg)));
  });
});
