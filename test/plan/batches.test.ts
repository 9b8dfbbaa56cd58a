import { strict as assert } from 'node:assert';
import { serialBatches } from '../../runner/plan/batches.js';

const six = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('serialBatches', () => {
  const cases: Array<[Array<number | string>, string[][]]> = [
    [[], [six]],
    [[0], [six]],
    [[1], [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    [[4], [['a', 'b', 'c', 'd'], ['e', 'f']]],
    [['50%'], [['a', 'b', 'c'], ['d', 'e', 'f']]],
    [['30%'], [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    [['10%'], [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    [[1, 2], [['a'], ['b', 'c'], ['d', 'e'], ['f']]],
    [[1, '50%', 10], [['a'], ['b', 'c', 'd'], ['e', 'f']]],
    [['100%'], [six]],
    [[10], [six]],
  ];
  for (const [serial, batches] of cases) {
    it(`${JSON.stringify(serial)}`, () => assert.deepEqual(serialBatches(six, serial), batches));
  }

  it('no hosts, no batches', () => assert.deepEqual(serialBatches([], [1]), []));
});
