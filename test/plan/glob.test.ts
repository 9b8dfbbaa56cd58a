// Host globs match in linear time and read `[` as fnmatch does.
import assert from 'node:assert/strict';
import { globMatch } from '../../runner/plan/patterns.js';

describe('plan: host globs', () => {
  const cases: Array<[string, string, boolean]> = [
    ['etcd-*', 'etcd-new-1', true], ['*-1', 'etcd-new-1', true], ['etcd-?ew-1', 'etcd-new-1', true], ['etcd-*-2', 'etcd-new-1', false],
    ['web[12]', 'web1', true], ['web[12]', 'web3', false], ['web[!12]', 'web3', true], ['web[a-c]x', 'webbx', true], ['web[1', 'web[1', true], ['web[1', 'web1', false],
    ['*', '', true], ['a*b*c', 'axxbyyc', true], ['a*b*c', 'axxbyy', false],
  ];
  for (const [glob, name, want] of cases) it(`${glob} ${want ? 'matches' : 'does not match'} ${name}`, () => assert.equal(globMatch(glob, name), want));

  it('a backtracking glob (*a*a*a*a*a*a*a*a*a*a*a*ab) against a long name answers at once', () => {
    const started = Date.now();
    assert.equal(globMatch('*a*a*a*a*a*a*a*a*a*a*a*ab', 'a'.repeat(5000)), false);
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms`);
  });
});
