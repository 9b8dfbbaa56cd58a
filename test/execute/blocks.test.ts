// block / rescue / always, and handlers.
import assert from 'node:assert/strict';
import { block, inventory, play, runTest, task } from '../helpers/engine.js';

const one = inventory({ a: {} });
const failOn = (match: string) => ({ a: { replies: [{ match, rc: 1 }] } });

describe('execute: blocks and handlers', () => {
  it('a failure in block runs rescue with ansible_failed_task/result; the host counts as rescued', async () => {
    const r = await runTest([play([
      block('b', [task('boot', 'test_cmd', 'step1'), task('step2', 'test_cmd', 'step2')],
        [task('fix', 'test_cmd', 'fix {{ ansible_failed_task.name }} {{ ansible_failed_result.rc }}')],
        [task('cleanup', 'test_cmd', 'cleanup')]),
      task('after', 'test_cmd', 'after'),
    ])], one, {}, failOn('step1'));
    assert.deepEqual(r.log, ['a: step1', 'a: fix boot 1', 'a: cleanup', 'a: after']);
    assert.equal(r.recap.hosts.a.failed, 0);
    assert.equal(r.recap.hosts.a.rescued, 1);
    assert.equal(r.recap.exitCode, 0);
  });

  it('always runs after an unrescued failure, and the host still fails', async () => {
    const r = await runTest([play([
      block('b', [task('step1', 'test_cmd', 'step1')], [], [task('cleanup', 'test_cmd', 'cleanup')]),
      task('after', 'test_cmd', 'after'),
    ])], one, {}, failOn('step1'));
    assert.deepEqual(r.log, ['a: step1', 'a: cleanup']);
    assert.equal(r.recap.hosts.a.failed, 1);
  });

  it('a failing rescue leaves the host failed', async () => {
    const r = await runTest([play([block('b', [task('s', 'test_cmd', 'step1')], [task('fix', 'test_cmd', 'fix')])])], one,
      {}, { a: { replies: [{ match: 'step1', rc: 1 }, { match: 'fix', rc: 1 }] } });
    assert.equal(r.recap.hosts.a.failed, 2);
    assert.equal(r.recap.hosts.a.rescued, 0);
  });

  it('block keywords (when, vars) flow down to its tasks', async () => {
    const r = await runTest([play([
      block('b', [task('t', 'test_cmd', 'echo {{ greeting }}')], [], [], { vars: { greeting: 'hi' }, when: ['eq inventory_hostname "a"'] }),
    ])], inventory({ a: {}, b: {} }));
    assert.deepEqual(r.log, ['a: echo hi']);
  });

  it('handlers run at the end of the play, only where notified, in definition order, once', async () => {
    const r = await runTest([play([
      task('conf', 'test_cmd', 'write conf', { notify: ['restart'], when: ['eq inventory_hostname "a"'] }),
      task('conf2', 'test_cmd', 'write conf2', { notify: ['reload', 'restart'] , when: ['eq inventory_hostname "a"'] }),
      task('last', 'test_cmd', 'last'),
    ], {
      handlers: [task('restart', 'test_cmd', 'restart'), task('reload', 'test_cmd', 'reload'), task('never', 'test_cmd', 'never')],
    })], inventory({ a: {}, b: {} }));
    assert.deepEqual(r.log.filter((l) => l.startsWith('a')), ['a: write conf', 'a: write conf2', 'a: last', 'a: restart', 'a: reload']);
    assert.deepEqual(r.log.filter((l) => l.startsWith('b')), ['b: last']);
    assert.deepEqual(r.events.filter((e) => e.kind === 'handler_start').map((e) => e.kind === 'handler_start' && e.handler), ['restart', 'reload']);
  });

  it('handlers answer to listen topics and are not run for unchanged results', async () => {
    const r = await runTest([play([
      task('same', 'test_cmd', 'same', { notify: ['restart web'], changedWhen: 'false' }),
      task('changed', 'test_cmd', 'chg', { notify: ['web changed'] }),
    ], { handlers: [task('restart nginx', 'test_cmd', 'restart', { listen: ['web changed'] }), task('restart web', 'test_cmd', 'nope')] })], one);
    assert.deepEqual(r.log, ['a: same', 'a: chg', 'a: restart']);
  });

  it('under serial, handlers run at the end of each batch', async () => {
    const r = await runTest([play([task('c', 'test_cmd', 'conf', { notify: ['h'] })], { serial: [1], handlers: [task('h', 'test_cmd', 'handler')] })],
      inventory({ a: {}, b: {} }));
    assert.deepEqual(r.log, ['a: conf', 'a: handler', 'b: conf', 'b: handler']);
  });

  it('a failed host does not run its handlers', async () => {
    const r = await runTest([play([task('c', 'test_cmd', 'conf', { notify: ['h'] }), task('boom', 'test_cmd', 'boom')],
      { handlers: [task('h', 'test_cmd', 'handler')] })], one, {}, failOn('boom'));
    assert.deepEqual(r.log, ['a: conf', 'a: boom']);
  });
});
