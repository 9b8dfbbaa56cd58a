import { strict as assert } from 'node:assert';
import { pythonLiteral } from '../../../runner/load/inventory/python-literal.js';
import { shlexSplit } from '../../../runner/load/inventory/shlex.js';

describe('pythonLiteral (INI values as ast.literal_eval types them)', () => {
  const cases: Array<[string, unknown]> = [
    ['42', 42], ['-7', -7], ['0x1F', 31], ['1_000', 1000], ['1.5', 1.5], ['1e3', 1000], ['.5', 0.5],
    ['True', true], ['False', false], ['None', null],
    ['true', 'true'], ['yes', 'yes'], ['0777', '0777'], ['10.0.0.1', '10.0.0.1'], ['/etc/x', '/etc/x'], ['', ''],
    ["'single'", 'single'], ['"a" "b"', 'ab'], ["'a\\nb'", 'a\nb'], ["r'a\\nb'", 'a\\nb'],
    ["[1, 'two', 3.0]", [1, 'two', 3]], ['(1)', 1], ['(1,)', [1]], ['1,2', [1, 2]],
    ["{'k': 'v', 'n': [1]}", { k: 'v', n: [1] }], ['hello world', 'hello world'], ['{1, 2}', '{1, 2}'], [' 1', ' 1'],
  ];
  for (const [text, value] of cases) it(`${JSON.stringify(text)} → ${JSON.stringify(value)}`, () => assert.deepEqual(pythonLiteral(text), value));
});

describe('shlexSplit (INI host lines as Python shlex splits them)', () => {
  const cases: Array<[string, string[]]> = [
    ['h a=1 b=2', ['h', 'a=1', 'b=2']],
    ['h a=b#c d', ['h', 'a=b']],
    ['h a="x # y" z', ['h', 'a=x # y', 'z']],
    ['h a=x"y z"w', ['h', 'a=xy zw']],
    ['h a="q\\"x" b=\\\\n', ['h', 'a=q"x', 'b=\\n']],
    ["h a='x\\y'", ['h', 'a=x\\y']],
  ];
  for (const [line, words] of cases) it(line, () => assert.deepEqual(shlexSplit(line), words));
  it('refuses an open quote', () => assert.throws(() => shlexSplit('h a="x'), /No closing quotation/));
});
