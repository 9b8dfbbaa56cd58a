import { strict as assert } from 'node:assert';
import { evaluate, evaluateCondition, renderString } from '../../runner/template/evaluate.js';
import { truthy } from '../../runner/template/truthy.js';

const vars = {
  inventory_hostname: 'etcd-1',
  l: [1, 2],
  m: { a: true, n: 3 },
  r: { changed: false, rc: 0, stdout: 'ok' },
  s: 'text',
  groups: { etcd_new: ['n1', 'n2'] },
};
const where = { template: 'site.yml:7', host: 'etcd-1' };

describe('evaluate', () => {
  const raw: Array<[unknown, unknown]> = [
    ['{{ l }}', [1, 2]],
    ['  {{m}} ', { a: true, n: 3 }],
    ['{{ m.n }}', 3],
    ['{{ m.a }}', true],
    ['{{ groups.etcd_new }}', ['n1', 'n2']],
    ['{{ len l }}', 2],
    ['{{ concat l 3 }}', [1, 2, 3]],
    ['{{ 5 }}', 5],
    ['{{ "five" }}', 'five'],
    ['{{ l.length }}', 2],
    ['x {{ l }}', 'x 1,2'],
    ['{{s}}{{s}}', 'texttext'],
    ['no braces', 'no braces'],
    [{ a: ['{{ m.n }}', '{{s}}!'], b: 7, c: null, d: false }, { a: [3, 'text!'], b: 7, c: null, d: false }],
  ];
  for (const [input, expected] of raw) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(evaluate(input, vars, where), expected);
    });
  }

  it('a missing variable in a single expression is an error naming where and the host', () => {
    assert.throws(() => evaluate({ x: ['{{ nope.x }}'] }, vars, where), {
      name: 'TemplateError',
      message: 'site.yml:7:1:4: variable "nope.x" is not defined (host etcd-1)',
    });
  });

  it('a missing variable in a mixed string is an error too', () => {
    assert.throws(() => renderString('a {{nope}}', vars, where), /variable "nope" is not defined \(host etcd-1\)/);
  });

  it('does not mutate its input', () => {
    const input = { a: '{{ l }}' };
    evaluate(input, vars, where);
    assert.deepEqual(input, { a: '{{ l }}' });
  });
});

describe('evaluateCondition', () => {
  const conditions: Array<[string | boolean, boolean]> = [
    ['eq inventory_hostname "etcd-1"', true],
    ['eq inventory_hostname "etcd-2"', false],
    ['r.changed', false],
    ['not r.changed', true],
    ['not (eq r.rc 0)', false],
    ['and (eq r.rc 0) (includes groups.etcd_new "n2")', true],
    ['or r.changed m.a', true],
    ['{{ r.changed }}', false],
    ['{{ eq r.stdout "ok" }}', true],
    ['{{#if m.a}}yes{{/if}}', true],
    ['gt (len l) 1', true],
    ['true', true],
    ['false', false],
    [true, true],
    [false, false],
    ['(default optional false)', false],
    ['default optional "x"', true],
    ['and optional m.a', false],
  ];
  for (const [expr, expected] of conditions) {
    it(`${JSON.stringify(expr)} is ${expected}`, () => {
      assert.equal(evaluateCondition(expr, vars, where), expected);
    });
  }

  it('a missing root variable is an error, not false (typos must not skip tasks)', () => {
    assert.throws(() => evaluateCondition('changd', vars, where), {
      message: 'site.yml:7:1:1: variable "changd" is not defined (host etcd-1)',
    });
  });

  it('reports columns of the bare expression, not of its wrapping', () => {
    assert.throws(() => evaluateCondition('eq r.rc (len nope)', vars, where), {
      message: 'site.yml:7:1:9: variable "nope" is not defined (in "len") (host etcd-1)',
    });
  });
});

describe('truthy', () => {
  const table: Array<[unknown, boolean]> = [
    [false, false], [null, false], [undefined, false], [0, false], ['', false], ['false', false], ['False', false],
    [[], false], [{}, false], [Number.NaN, false],
    [true, true], [1, true], [-1, true], ['0', true], ['no', true], [[0], true], [{ a: 0 }, true],
  ];
  for (const [value, expected] of table) {
    it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(truthy(value), expected));
  }
});
