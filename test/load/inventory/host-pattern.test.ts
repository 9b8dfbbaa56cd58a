import { strict as assert } from 'node:assert';
import { expandHostPattern } from '../../../runner/load/inventory/host-pattern.js';

describe('expandHostPattern (Ansible host ranges and ports)', () => {
  const cases: Array<[string, string[], number?]> = [
    ['www[01:06:2].example.com', ['www01.example.com', 'www03.example.com', 'www05.example.com']],
    ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
    ['n[1:2]-[x:y]', ['n1-x', 'n1-y', 'n2-x', 'n2-y']],
    ['web[8:10]', ['web8', 'web9', 'web10']],
    ['host[:2]', ['host0', 'host1', 'host2']],
    ['host9:2200', ['host9'], 2200],
    ['www[1:2]:2222', ['www1', 'www2'], 2222],
    ['[2001:db8::1]:2222', ['2001:db8::1'], 2222],
    ['2001:db8::2', ['2001:db8::2']],
    ['10.0.0.1:22', ['10.0.0.1'], 22],
  ];
  for (const [pattern, names, port] of cases) {
    it(`${pattern} → ${names.join(' ')}${port ? ` port ${port}` : ''}`, () => {
      assert.deepEqual(expandHostPattern(pattern), port === undefined ? { names } : { names, port });
    });
  }

  const bad: Array<[string, RegExp]> = [
    ['h[1:]', /must specify an end value/],
    ['h[01:5]', /equal-length begin and end/],
    ['h[c:a]', /begin <= end/],
    ['h[1:2:3:4]', /begin:end or begin:end:step/],
    ['h[1:999999999]', /more than 100000 hosts/],
    ['h[1:400][1:400]', /more than 100000 hosts/],
    ['h[1:3', /no closing/],
  ];
  for (const [pattern, message] of bad) it(`refuses ${pattern}`, () => assert.throws(() => expandHostPattern(pattern), message));
});
