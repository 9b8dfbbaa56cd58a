// What runs: check mode, tags (always/never), --start-at-task, --step.
import assert from 'node:assert/strict';
import { tagsSelect } from '../../runner/execute/selection.js';
import { block, inventory, play, runTest, task } from '../helpers/engine.js';

const one = inventory({ a: {} });

describe('execute: selection', () => {
  it('check mode: modules without check support are skipped, nothing is sent', async () => {
    const r = await runTest([play([task('cmd', 'test_cmd', 'rm -rf /data'), task('echo', 'test_echo', { changed: true, mode: '{{ ansible_check_mode }}' })])], one, { check: true });
    assert.deepEqual(r.log, []);
    assert.equal(r.results('cmd')[0].status, 'skipped');
    assert.match(String(r.results('cmd')[0].result.msg), /check mode/);
    assert.equal(r.results('echo')[0].result.mode, true);
  });

  it('check_mode: false runs a read-only probe for real under --check; check_mode: true checks without --check', async () => {
    const probe = await runTest([play([task('probe', 'test_cmd', 'test -x /usr/bin/etcd', { checkMode: false })])], one, { check: true });
    assert.equal(probe.log.length, 1);
    assert.match(probe.log[0], /test -x \/usr\/bin\/etcd/);
    assert.equal(probe.results('probe')[0].status, 'changed');
    const dry = await runTest([play([task('cmd', 'test_cmd', 'rm -rf /data', { checkMode: true })])], one);
    assert.deepEqual(dry.log, []);
    assert.equal(dry.results('cmd')[0].status, 'skipped');
  });

  const cases: Array<[string[], string[] | undefined, string[] | undefined, boolean]> = [
    [[], undefined, undefined, true],
    [['x'], undefined, undefined, true],
    [['x'], ['x'], undefined, true],
    [['x'], ['y'], undefined, false],
    [[], ['y'], undefined, false],
    [['always'], ['y'], undefined, true],
    [['always'], ['y'], ['always'], false],
    [['never'], undefined, undefined, false],
    [['never', 'debug'], ['debug'], undefined, true],
    [['x'], undefined, ['x'], false],
    [['x'], ['all'], undefined, true],
    [[], ['untagged'], undefined, true],
    [['x'], ['tagged'], undefined, true],
  ];
  for (const [taskTags, tags, skip, expected] of cases) {
    it(`tags ${JSON.stringify(taskTags)} with --tags ${JSON.stringify(tags)} --skip-tags ${JSON.stringify(skip)} → ${expected ? 'runs' : 'skipped'}`, () => {
      assert.equal(tagsSelect(taskTags, tags, skip), expected);
    });
  }

  it('tags select tasks, blocks pass theirs down, play tags apply to all', async () => {
    const r = await runTest([play([
      task('a', 'test_cmd', 'a', { tags: ['etcd'] }),
      task('b', 'test_cmd', 'b'),
      block('blk', [task('c', 'test_cmd', 'c')], [], [], { tags: ['etcd'] }),
      task('d', 'test_cmd', 'd', { tags: ['always'] }),
    ])], one, { tags: ['etcd'] });
    assert.deepEqual(r.log, ['a: a', 'a: c', 'a: d']);
    const all = await runTest([play([task('x', 'test_cmd', 'x')], { tags: ['etcd'] })], one, { tags: ['etcd'] });
    assert.deepEqual(all.log, ['a: x']);
  });

  it('--start-at-task skips everything before the named task (inside blocks too)', async () => {
    const r = await runTest([
      play([task('p1', 'test_cmd', 'p1')]),
      play([task('p2', 'test_cmd', 'p2'), block('b', [task('in1', 'test_cmd', 'in1'), task('start', 'test_cmd', 'start')]), task('end', 'test_cmd', 'end')]),
    ], one, { startAtTask: 'start' });
    assert.deepEqual(r.log, ['a: start', 'a: end']);
  });

  it('--start-at-task naming no task is an error before anything runs', async () => {
    await assert.rejects(runTest([play([task('p1', 'test_cmd', 'p1')])], one, { startAtTask: 'nope' }), /no task is named "nope"/);
  });

  it('--step asks per task: no skips, continue stops asking', async () => {
    const asked: string[] = [];
    const answers = ['yes', 'no', 'continue'] as const;
    const r = await runTest([play(['t1', 't2', 't3', 't4'].map((n) => task(n, 'test_cmd', n)))], inventory({ a: {}, b: {} }), {
      step: async (_play, name) => {
        asked.push(name);
        return answers[asked.length - 1];
      },
    });
    assert.deepEqual(asked, ['t1', 't2', 't3']);
    assert.deepEqual(r.log.map((l) => l.split(': ')[1]), ['t1', 't1', 't3', 't3', 't4', 't4']);
  });
});
