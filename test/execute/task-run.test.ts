// One task on one host: when, loop, register, until/retries, changed_when/failed_when, ignore_errors.
import assert from 'node:assert/strict';
import { inventory, play, runTest, task } from '../helpers/engine.js';

const two = inventory({ a: { role: 'x' }, b: { role: 'y' } });

describe('execute: one task on one host', () => {
  it('when: runs only where every condition holds, and reports skipped elsewhere', async () => {
    const r = await runTest([play([task('t', 'test_cmd', 'echo hi', { when: ['eq role "x"', 'true'] })])], two);
    assert.deepEqual(r.log, ['a: echo hi']);
    assert.deepEqual(r.results('t').map((e) => [e.host, e.status]).sort(), [['a', 'changed'], ['b', 'skipped']]);
    assert.equal(r.recap.hosts.b.skipped, 1);
  });

  it('templates args per host with its vars', async () => {
    const r = await runTest([play([task('t', 'test_cmd', { cmd: 'echo {{ role }} {{ inventory_hostname }}' })])], two);
    assert.deepEqual(r.log.sort(), ['a: echo x a', 'b: echo y b']);
  });

  it('leaves the arguments a module declares as conditions untemplated', async () => {
    const r = await runTest([play([task('t', 'test_raw', { that: ['eq role "{{x}}"'], other: '{{ role }}' })])], inventory({ a: { role: 'r' } }));
    assert.deepEqual(r.results('t')[0].result.got, { that: ['eq role "{{x}}"'], other: 'r' });
  });

  it('loop: runs per item with loop_var, checks when per item, registers results[]', async () => {
    const r = await runTest([play([
      task('l', 'test_cmd', 'echo {{ n }}', { loop: [1, 2, 3], loopVar: 'n', when: ['ne n 2'], register: 'out' }),
      task('show', 'test_echo', { count: '{{ len out.results }}', second: '{{ out.results.1.skipped }}', first: '{{ out.results.0.n }}' }),
    ])], inventory({ a: {} }));
    assert.deepEqual(r.log, ['a: echo 1', 'a: echo 3']);
    const show = r.results('show')[0].result;
    assert.equal(show.count, 3);
    assert.equal(show.second, true);
    assert.equal(show.first, 1);
    const items = r.events.filter((e) => e.kind === 'host_result' && e.task === 'l' && e.item !== undefined);
    assert.equal(items.length, 3);
  });

  it('loop: a templated list from vars', async () => {
    const r = await runTest([play([task('l', 'test_cmd', 'touch {{ item }}', { loop: '{{ files }}' })], { vars: { files: ['f1', 'f2'] } })], inventory({ a: {} }));
    assert.deepEqual(r.log, ['a: touch f1', 'a: touch f2']);
  });

  it('register: later tasks see the result', async () => {
    const r = await runTest([play([
      task('get', 'test_cmd', 'cat v', { register: 'v' }),
      task('use', 'test_cmd', 'echo got {{ v.stdout }}'),
    ])], inventory({ a: {} }), {}, { a: { replies: [{ match: 'cat v', stdout: '42' }] } });
    assert.deepEqual(r.log, ['a: cat v', 'a: echo got 42']);
  });

  it('until: retries until the condition holds, emitting retry events', async () => {
    const r = await runTest([play([
      task('wait', 'test_cmd', 'probe', { until: 'eq r.stdout "up"', register: 'r', retries: 5, delay: 0.001 }),
    ])], inventory({ a: {} }), {}, { a: { replies: [{ match: 'probe', stdout: 'down', times: 2 }, { match: 'probe', stdout: 'up' }] } });
    assert.equal(r.log.length, 3);
    assert.deepEqual(r.events.filter((e) => e.kind === 'retry').map((e) => e.kind === 'retry' && e.attempt), [1, 2]);
    assert.equal(r.results('wait')[0].status, 'changed');
    assert.equal(r.results('wait')[0].result.attempts, 3);
  });

  it('until: fails after retries + 1 attempts', async () => {
    const r = await runTest([play([task('wait', 'test_cmd', 'probe', { until: 'false', retries: 2, delay: 0 })])], inventory({ a: {} }));
    assert.equal(r.log.length, 3);
    assert.equal(r.results('wait')[0].status, 'failed');
    assert.match(String(r.results('wait')[0].result.msg), /after 3 attempts/);
    assert.equal(r.recap.exitCode, 1);
  });

  it('changed_when / failed_when override the module', async () => {
    const r = await runTest([play([
      task('c', 'test_cmd', 'check', { register: 'out', changedWhen: 'false' }),
      task('f', 'test_cmd', 'grep', { register: 'g', failedWhen: 'eq g.stdout "bad"' }),
    ])], inventory({ a: {} }), {}, { a: { replies: [{ match: 'grep', stdout: 'bad' }] } });
    assert.equal(r.results('c')[0].status, 'ok');
    assert.equal(r.results('f')[0].status, 'failed');
    assert.equal(r.recap.hosts.a.failed, 1);
  });

  it('failed_when false turns a failing command into ok', async () => {
    const r = await runTest([play([task('f', 'test_cmd', 'x', { failedWhen: 'false' }), task('next', 'test_cmd', 'y')])],
      inventory({ a: {} }), {}, { a: { replies: [{ match: 'x', rc: 3 }] } });
    assert.deepEqual(r.log, ['a: x', 'a: y']);
    assert.equal(r.recap.ok, true);
  });

  it('ignore_errors: the host goes on; counted ignored, not failed', async () => {
    const r = await runTest([play([task('bad', 'test_cmd', 'false', { ignoreErrors: true }), task('next', 'test_cmd', 'true')])],
      inventory({ a: {} }), {}, { a: { replies: [{ match: 'false', rc: 1 }] } });
    assert.deepEqual(r.log, ['a: false', 'a: true']);
    assert.equal(r.results('bad')[0].ignored, true);
    assert.deepEqual({ failed: r.recap.hosts.a.failed, ignored: r.recap.hosts.a.ignored }, { failed: 0, ignored: 1 });
    assert.equal(r.recap.exitCode, 0);
  });

  it('an undefined variable in args fails the host with a message naming it', async () => {
    const r = await runTest([play([task('t', 'test_cmd', 'echo {{ nope }}')])], inventory({ a: {} }));
    assert.equal(r.log.length, 0);
    assert.equal(r.results('t')[0].status, 'failed');
    assert.match(String(r.results('t')[0].result.msg), /nope/);
  });

  it('set_fact-style facts become vars for later tasks and hostvars', async () => {
    const r = await runTest([play([
      task('f', 'test_fact', { color: '{{ inventory_hostname }}-blue' }),
      task('use', 'test_cmd', 'echo {{ color }} {{ hostvars.b.color }}'),
    ])], two);
    assert.deepEqual(r.log.sort(), ['a: echo a-blue b-blue', 'b: echo b-blue b-blue']);
  });
});
