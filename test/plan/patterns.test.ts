import { strict as assert } from 'node:assert';
import { loadInventory } from '../../runner/load/inventory.js';
import { matchHosts, unknownPatternNames } from '../../runner/plan/patterns.js';

const inv = loadInventory('test/fixtures/load/inventory-good.yaml');

describe('matchHosts', () => {
  const cases: Array<[string, string[]]> = [
    ['all', ['lonely', 'old-1', 'old-2', 'new-1', 'ctl']],
    ['*', ['lonely', 'old-1', 'old-2', 'new-1', 'ctl']],
    ['etcd', ['old-1', 'old-2', 'new-1']],
    ['etcd_new', ['new-1']],
    ['old-1', ['old-1']],
    ['old-*', ['old-1', 'old-2']],
    ['etcd_*', ['old-1', 'old-2', 'new-1']],
    ['?ld-1', ['old-1']],
    ['etcd_new:web', ['old-2', 'new-1']],
    ['etcd_new,web', ['old-2', 'new-1']],
    ['etcd:&web', ['old-2']],
    ['etcd:!etcd_old', ['new-1']],
    ['!etcd_old:etcd', ['new-1']],
    ['all:!etcd:!ctl', ['lonely']],
    ['ungrouped', ['lonely']],
    ['localhost', ['localhost']],
    ['etcd_new:localhost', ['new-1', 'localhost']],
    ['nope', []],
    ['etcd:&nope', []],
    // Subscripts and regexes, as `ansible -i test/fixtures/load/inventory-good.yaml PATTERN --list-hosts` lists them.
    ['etcd[0]', ['old-1']],
    ['etcd[-1]', ['new-1']],
    ['etcd[1:2]', ['old-2', 'new-1']],
    ['etcd[1:]', ['old-2', 'new-1']],
    ['~old-.*', ['old-1', 'old-2']],
    ['~(new|ct)', ['new-1', 'ctl']],
    ['etcd[0]:ctl', ['old-1', 'ctl']],
  ];
  for (const [pattern, hosts] of cases) {
    it(`${pattern} → ${hosts.join(',') || '(nothing)'}`, () => assert.deepEqual(matchHosts(inv, pattern), hosts));
  }

  it('names the parts of a pattern that match nothing', () => {
    assert.deepEqual(unknownPatternNames(inv, 'etcd:etcd_nwe:!web*:zz*'), ['etcd_nwe', 'zz*']);
  });
});
