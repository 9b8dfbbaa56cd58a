// The Jinja → Handlebars translator (ferry convert's core): every Jinja expression of the helper
// table, translated, gives in ferry the value Ansible gives; conditions and statements translate
// to the forms the README shows; what has no ferry form is reported with its offset.
import { strict as assert } from 'node:assert';
import { evaluate, evaluateCondition } from '../../runner/template/evaluate.js';
import { translateCondition, translateText } from '../../runner/template/jinja/translate.js';
import { CASES, FERRY_ONLY, VARS } from './jinja-cases.js';

const style = { quote: '"' as const };

describe('Jinja → Handlebars translation', () => {
  describe('each Jinja expression of the helper table, translated, gives the value Ansible gives', () => {
    for (const [jinja, , expected] of CASES.filter(([j]) => !FERRY_ONLY(j) || j.includes('ansible.utils.'))) {
      it(jinja, () => {
        const t = translateText(`{{ ${jinja} }}`, style);
        assert.deepEqual(t.problems, []);
        assert.deepEqual(evaluate(t.text, VARS, { template: 't' }), expected, t.text);
      });
    }
  });

  const texts: Array<[string, string]> = [
    ["{{ x | default('a') }}", '{{ default x "a" }}'],
    ['{{ item.name }}', '{{ item.name }}'],
    ["{{ hostvars[host]['ansible_host'] }}", '{{ lookup (lookup hostvars host) "ansible_host" }}'],
    ["{{ groups['etcd'][0] }}", '{{ groups.etcd.[0] }}'],
    ["{{ 'http://' ~ ip ~ ':2379' }}", 'http://{{ ip }}:2379'],
    ["{{ a or 'b' }}", '{{ default a "b" true }}'],
    ["{{ x if x is defined else 'd' }}", '{{ default x "d" }}'],
    ["{{ 'on' if enabled else 'off' }}", '{{ ternary enabled "on" "off" }}'],
    ["{{ x.split(',')[0] }}", '{{ lookup (split x ",") 0 }}'],
    ["{{ {'a': 1} | combine(m, recursive=True) }}", '{{ combine (dict a=1) m recursive=true }}'],
    ['{{- x | trim -}}', '{{~ trim x ~}}'],
    ['{% if x is defined %}y{% elif z == 1 %}w{% else %}n{% endif %}', '{{#if (defined x)}}y{{else if (eq z 1)}}w{{else}}n{{/if}}'],
    ["{% for h in groups['etcd'] %}{{ h }}:{{ port }}{% if not loop.last %},{% endif %}{% endfor %}", '{{#each groups.etcd as |h|}}{{ h }}:{{ @root.port }}{{#if (not @last)}},{{/if}}{{/each}}'],
    ['{% for k, v in env.items() %}{{ k }}={{ v }} {% endfor %}', '{{#each env as |v k|}}{{ k }}={{ v }} {{/each}}'],
    ['{# why #}', '{{!-- why --}}'],
    ['{{ default x "a" }}', '{{ default x "a" }}'],
  ];
  for (const [jinja, ferry] of texts) {
    it(`${jinja} → ${ferry}`, () => assert.equal(translateText(jinja, style).text, ferry));
  }

  it('a loop translated renders with the play-level names (@root) and loop.last', () => {
    const t = translateText("{% for h in groups['etcd'] %}{{ h }}:{{ port }}{% if not loop.last %},{% endif %}{% endfor %}", style);
    assert.equal(evaluate(t.text, { groups: { etcd: ['a', 'b'] }, port: 2380 }, { template: 't' }), 'a:2380,b:2380');
  });

  const conditions: Array<[string, string, Record<string, unknown>, boolean]> = [
    ["x is defined and y == 'a'", 'and (defined x) (eq y "a")', { x: 1, y: 'a' }, true],
    ["inventory_hostname not in groups['old']", 'not (includes groups.old inventory_hostname)', { inventory_hostname: 'h1', groups: { old: ['h2'] } }, true],
    ['r is failed', 'r.failed', { r: { failed: false } }, false],
    ['r is not changed', 'not r.changed', { r: { changed: false } }, true],
    ["ansible_distribution_version is version('12', '>=')", 'version ansible_distribution_version "12" ">="', { ansible_distribution_version: '12.11' }, true],
    ['x | bool', 'bool x', { x: 'yes' }, true],
    ['(n | int) % 2 == 0 or force', 'or (eq (mod (int n) 2) 0) force', { n: '3', force: false }, false],
    ['eq a 1', 'eq a 1', { a: 1 }, true],
  ];
  for (const [jinja, ferry, vars, value] of conditions) {
    it(`when: ${jinja} → ${ferry} (${value})`, () => {
      const t = translateCondition(jinja, style);
      assert.equal(t.text, ferry);
      assert.equal(evaluateCondition(t.text, vars, { template: 't' }), value);
    });
  }

  const left: Array<[string, number, RegExp]> = [
    ["{{ lookup('env', 'HOME') }}", 3, /lookup\(\) plugins have no ferry form/],
    ['a {% set x = 1 %}', 5, /\{% set %\} has no ferry form/],
    ['{{ x[1:] }}', 6, /slices/],
    ["{{ l | map('int') | list }}", 3, /applying a filter to each item has no ferry form/],
    ['{{ x | password_hash }}', 3, /filter "password_hash" has no ferry helper/],
    ['{% if a %}x', 11, /never closed/],
    ['{{ x', 0, /never closed/],
  ];
  for (const [jinja, offset, message] of left) {
    it(`leaves ${jinja} and says why at offset ${offset}`, () => {
      const t = translateText(jinja, style);
      assert.equal(t.problems.length, 1, JSON.stringify(t.problems));
      assert.equal(t.problems[0]!.offset, offset);
      assert.match(t.problems[0]!.message, message);
    });
  }
});
