// Hosts across tasks: serial batches, forks, the free strategy, run_once, delegate_to, failures and stops.
import assert from 'node:assert/strict';
import { ConnectError } from '../../runner/errors.js';
import { inventory, play, runTest, task } from '../helpers/engine.js';

const three = inventory({ h1: {}, h2: {}, h3: {} });
const twoTasks = [task('one', 'test_cmd', 'one'), task('two', 'test_cmd', 'two')];

describe('execute: strategies and host failures', () => {
  it('linear: each task finishes on every host before the next starts', async () => {
    const r = await runTest([play(twoTasks)], three);
    assert.deepEqual(r.log.map((l) => l.split(': ')[1]), ['one', 'one', 'one', 'two', 'two', 'two']);
  });

  it('serial: 1 goes host by host', async () => {
    const r = await runTest([play(twoTasks, { serial: [1] })], three);
    assert.deepEqual(r.log, ['h1: one', 'h1: two', 'h2: one', 'h2: two', 'h3: one', 'h3: two']);
    assert.equal(r.events.filter((e) => e.kind === 'batch_start').length, 3);
  });

  it('serial: a list of sizes, the last one repeating', async () => {
    const r = await runTest([play([task('one', 'test_cmd', 'one')], { serial: [1, 2] })], inventory({ a: {}, b: {}, c: {}, d: {}, e: {} }));
    const batches = r.events.filter((e) => e.kind === 'batch_start').map((e) => e.kind === 'batch_start' && e.hosts);
    assert.deepEqual(batches, [['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('forks bounds how many hosts run at once', async () => {
    let running = 0;
    let peak = 0;
    const hosts = inventory(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`h${i}`, {}])));
    const r = await runTest([play([task('t', 'test_cmd', 'x')])], hosts, {
      forks: 2,
      connect: async (name) => ({
        name, connect: async () => {}, close: async () => {}, putFile: async () => {}, getFile: async () => null,
        openTunnel: async () => ({ host: '', port: 0, close: async () => {} }),
        exec: async () => {
          peak = Math.max(peak, ++running);
          await new Promise((res) => setTimeout(res, 5));
          running--;
          return { rc: 0, stdout: '', stderr: '' };
        },
      }),
    });
    assert.equal(r.recap.ok, true);
    assert.equal(peak, 2);
  });

  it('free: a slow host does not hold the others back', async () => {
    const order: string[] = [];
    const r = await runTest([play(twoTasks, { strategy: 'free' })], inventory({ slow: {}, fast: {} }), {
      connect: async (name) => ({
        name, connect: async () => {}, close: async () => {}, putFile: async () => {}, getFile: async () => null,
        openTunnel: async () => ({ host: '', port: 0, close: async () => {} }),
        exec: async (cmd: string) => {
          if (name === 'slow') await new Promise((res) => setTimeout(res, 30));
          order.push(`${name}:${cmd}`);
          return { rc: 0, stdout: '', stderr: '' };
        },
      }),
    });
    assert.equal(r.recap.ok, true);
    assert.deepEqual(order, ['fast:one', 'fast:two', 'slow:one', 'slow:two']);
  });

  it('run_once: runs on the first host only and shares the registered result', async () => {
    const r = await runTest([play([
      task('once', 'test_cmd', 'token', { runOnce: true, register: 'tok' }),
      task('use', 'test_cmd', 'use {{ tok.stdout }}'),
    ])], three, {}, { h1: { replies: [{ match: 'token', stdout: 'T1' }] } });
    assert.deepEqual(r.log.filter((l) => l.includes('token')), ['h1: token']);
    assert.deepEqual(r.log.filter((l) => l.includes('use')).sort(), ['h1: use T1', 'h2: use T1', 'h3: use T1']);
  });

  it('delegate_to: runs on the delegate\'s transport with the original host\'s vars', async () => {
    const inv = inventory({ h1: { name_of: 'one' }, h2: { name_of: 'two' }, ctl: {} }, { nodes: ['h1', 'h2'] });
    const r = await runTest([play([task('d', 'test_cmd', 'register {{ name_of }}', { delegateTo: 'ctl' })], { hosts: 'nodes' })], inv);
    assert.deepEqual(r.log.sort(), ['ctl: register one', 'ctl: register two']);
  });

  it('delegate_to: localhost works without an inventory entry', async () => {
    const r = await runTest([play([task('d', 'test_cmd', 'local {{ inventory_hostname }}', { delegateTo: 'localhost' })])], inventory({ h1: {} }));
    assert.deepEqual(r.log, ['localhost: local h1']);
  });

  it('a failed host drops out of the rest of the play and of later plays', async () => {
    const r = await runTest([play(twoTasks), play([task('three', 'test_cmd', 'three')])], three, {}, { h2: { replies: [{ match: 'one', rc: 1 }] } });
    assert.deepEqual(r.log.filter((l) => l.startsWith('h2')), ['h2: one']);
    assert.equal(r.log.filter((l) => l.endsWith('three')).length, 2);
    assert.deepEqual(r.recap.hosts.h2, { ok: 0, changed: 0, failed: 1, skipped: 0, unreachable: 0, rescued: 0, ignored: 0 });
    assert.equal(r.recap.exitCode, 1);
  });

  it('unreachable: the host is reported unreachable and drops out', async () => {
    const r = await runTest([play(twoTasks)], three, {}, { h3: { connectError: new ConnectError('h3', 'connection refused') } });
    assert.equal(r.recap.hosts.h3.unreachable, 1);
    assert.equal(r.recap.hosts.h3.failed, 0);
    assert.equal(r.results('one').find((e) => e.host === 'h3')?.status, 'unreachable');
    assert.equal(r.results('two').length, 2);
    assert.equal(r.recap.ok, false);
  });

  it('any_errors_fatal: one failure stops every host', async () => {
    const r = await runTest([play(twoTasks, { anyErrorsFatal: true }), play([task('three', 'test_cmd', 'three')])], three, {}, { h1: { replies: [{ match: 'one', rc: 1 }] } });
    assert.equal(r.log.filter((l) => l.endsWith('two') || l.endsWith('three')).length, 0);
    assert.equal(r.recap.exitCode, 1);
  });

  it('max_fail_percentage: stops once the batch has more failures than allowed', async () => {
    const four = inventory({ a: {}, b: {}, c: {}, d: {} });
    const fails = { a: { replies: [{ match: 'one', rc: 1 }] }, b: { replies: [{ match: 'one', rc: 1 }] } };
    const over = await runTest([play(twoTasks, { maxFailPercentage: 49 })], four, {}, fails);
    assert.equal(over.log.filter((l) => l.endsWith('two')).length, 0);
    const within = await runTest([play(twoTasks, { maxFailPercentage: 50 })], four, {}, fails);
    assert.equal(within.log.filter((l) => l.endsWith('two')).length, 2);
  });

  it('--limit narrows the play\'s hosts', async () => {
    const r = await runTest([play(twoTasks)], three, { limit: 'h2' });
    assert.deepEqual(r.log, ['h2: one', 'h2: two']);
    assert.deepEqual(Object.keys(r.recap.hosts), ['h2']);
  });
});
