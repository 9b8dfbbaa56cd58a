// The keyword table: defaults (newTask), reading raw tasks, and what blocks pass down.
import { strict as assert } from 'node:assert';
import { KEYWORDS, inheritFrom, newTask, readKeywords } from '../../runner/load/keywords.js';
import { taskKeywords } from '../../runner/load/schemas/playbook.js';

const source = { file: 't.yml', line: 1, col: 1 };

describe('load: the task keyword table', () => {
  it('newTask gives Ansible defaults, with fresh lists each time', () => {
    const a = newTask({ name: 'a', source });
    assert.deepEqual(
      [a.when, a.loopVar, a.retries, a.delay, a.runOnce, a.ignoreErrors, a.notify, a.tags, a.noLog, a.listen, a.vars],
      [[], 'item', 0, 5, false, false, [], [], false, [], {}],
    );
    a.tags.push('x');
    assert.deepEqual(newTask({ name: 'b', source }).tags, []);
  });

  it('reads each keyword into its field; retries default to 3 with until', () => {
    const t = readKeywords({ when: [true, 'x'], until: 'r.ok', loop_control: { loop_var: 'n' }, ignore_errors: true, tags: 'one', become_user: 'etcd', vars: null });
    assert.deepEqual([t.when, t.until, t.retries, t.loopVar, t.ignoreErrors, t.tags, t.becomeUser, t.vars], [['true', 'x'], 'r.ok', 3, 'n', true, ['one'], 'etcd', {}]);
  });

  it('the structural schema is the table', () => {
    assert.deepEqual(Object.keys(taskKeywords).slice(0, KEYWORDS.length), KEYWORDS.map((k) => k.key));
  });

  it('a parent passes down when (first), tags, vars, become, flags; not register, notify or loop', () => {
    const parent = newTask({ name: 'block', source, when: ['p'], tags: ['t', 'u'], vars: { a: 1, b: 1 }, become: true, becomeUser: 'root', ignoreErrors: true, delegateTo: 'x', register: 'r', notify: ['h'], loop: [1] });
    const child = newTask({ name: 'c', source, when: ['c'], tags: ['u', 'v'], vars: { b: 2 }, becomeUser: 'etcd' });
    const t = inheritFrom(parent, child);
    assert.deepEqual(
      [t.when, t.tags, t.vars, t.become, t.becomeUser, t.ignoreErrors, t.delegateTo, t.register, t.notify, t.loop],
      [['p', 'c'], ['t', 'u', 'v'], { a: 1, b: 2 }, true, 'etcd', true, 'x', undefined, [], undefined],
    );
  });

  it('a child cannot switch off what its parent switched on (no_log), but keeps its own fallback values', () => {
    const t = inheritFrom(newTask({ name: 'p', source, noLog: true, checkMode: false }), newTask({ name: 'c', source, noLog: false, checkMode: true }));
    assert.deepEqual([t.noLog, t.checkMode], [true, true]);
  });
});
