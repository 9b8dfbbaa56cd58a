// The Jinja-compatible helpers give what Ansible gives (the table in jinja-cases.ts), and refuse
// bad input with the template's location; regexes run in linear time.
import { strict as assert } from 'node:assert';
import { evaluate, renderString } from '../../runner/template/evaluate.js';
import { CASES, VARS } from './jinja-cases.js';

describe('Jinja-compatible helpers', () => {
  for (const [jinja, ferry, expected] of CASES) {
    it(`{{${ferry}}} = ${JSON.stringify(expected)}  (Jinja: ${jinja})`, () => {
      assert.deepEqual(evaluate(`{{${ferry}}}`, VARS, { template: 't' }), expected);
    });
  }

  it('add "2379" 1 renders 2380, not 23791', () => {
    assert.equal(renderString('{{add etcd_port 1}}', VARS, { template: 't' }), '2380');
    assert.equal(renderString('{{add "a" "b"}}', VARS, { template: 't' }), 'ab');
  });

  const refusals: Array<[string, RegExp]> = [
    ['x\n{{add "a" 1}}', /^t:2:1: add: "a" and 1 are not both numbers/],
    ['{{regex_replace "x" "(a)\\1" "y"}}', /^t:1:1: regex_replace: invalid pattern .*backreferences and lookarounds are not supported/],
    ['{{regex_search "x" "(?=a)"}}', /lookarounds are not supported/],
    ['{{combine m 3}}', /^t:1:1: combine: combine needs maps, got 3/],
    ['{{selectattr users "uid" "bigger" 1}}', /^t:1:1: selectattr: unknown test "bigger" \(known: defined/],
    ['{{version "1" "2" "~"}}', /unknown version operator "~"/],
    ['{{from_json "{nope"}}', /^t:1:1: from_json: /],
    ['{{map users}}', /map needs an attribute/],
    ['{{hash "x" "sha999"}}', /unknown hash "sha999"/],
  ];
  for (const [source, message] of refusals) {
    it(`refuses ${JSON.stringify(source)} with ${message}`, () => {
      assert.throws(() => evaluate(source, VARS, { template: 't' }), (err: Error) => err.name === 'TemplateError' && message.test(err.message));
    });
  }

  it('a backtracking-bomb pattern over 100,000 characters answers in linear time', () => {
    const started = Date.now();
    const text = `${'a'.repeat(100_000)}!`;
    assert.equal(evaluate('{{search t "^(a+)+$"}}', { t: text }, { template: 't' }), false);
    // Node's own RegExp would take longer than the age of the universe here.
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  it('refuses a text over the 1 MiB limit rather than search it', () => {
    assert.throws(() => evaluate('{{search t "a"}}', { t: 'a'.repeat(1024 * 1024 + 1) }, { template: 't' }), /text is 1048577 characters; the limit is 1048576/);
  });

  it('defined/undefined are not reported as undefined variables by the static check', async () => {
    const { templateVariables } = await import('../../runner/template/variables.js');
    assert.deepEqual(templateVariables('{{#if (defined maybe)}}y{{/if}}{{not (defined other)}}'), []);
  });
});
