import { strict as assert } from 'node:assert';
import { checkTemplateVars, templateVariableUses, templateVariables } from '../../runner/template/variables.js';

describe('templateVariables', () => {
  const cases: Array<[string, string[]]> = [
    ['{{a}} {{b.c}} {{a}}', ['a', 'b']],
    ['{{join list ","}} {{shq (first other)}}', ['list', 'other']],
    ['{{default opt "x"}} {{default (get hostvars "h.ip") fallback}}', ['fallback']],
    ['{{#if cond}}{{inside}}{{else}}{{other}}{{/if}}', ['inside', 'other']],
    ["{{#if (eq x 1)}}{{/if}} {{and y z}} {{not w}}", ["x"]],
    ['{{#each items}}{{name}} {{../outer}} {{@index}} {{this}}{{else}}{{none}}{{/each}}', ['items', 'none']],
    ['{{#each items as |it|}}{{it.name}}{{/each}}', ['items']],
    ['{{#with obj}}{{field}}{{/with}}', ['obj']],
    ['{{@root.x}} {{this.y}} {{./z}}', []],
    ['{{len}}', []],
    ['{{#section}}{{x}}{{/section}}', ['section']],
    ['{{lookup hostvars h}}', ['hostvars', 'h']],
    ['{{join l sep=x}}', ['l']],
  ];
  for (const [source, names] of cases) {
    it(`${source} → ${names.join(',') || '(none)'}`, () => {
      assert.deepEqual(templateVariables(source), names);
    });
  }

  it('gives positions, 1-based, shifted for wrapped expressions', () => {
    assert.deepEqual(templateVariableUses('x\n  {{a.b}}', 't'), [{ name: 'a', path: 'a.b', line: 2, col: 5 }]);
    assert.deepEqual(templateVariableUses('{{len inventory_hostname}}', 't', 2), [
      { name: 'inventory_hostname', path: 'inventory_hostname', line: 1, col: 5 },
    ]);
  });

  it('asked again for the same string (validation does, per play): the same uses, a copy the caller may change', () => {
    const first = templateVariableUses('{{a}} {{b.c}}', 't1');
    first[0].name = 'changed';
    assert.deepEqual(templateVariableUses('{{a}} {{b.c}}', 't2'), [
      { name: 'a', path: 'a', line: 1, col: 3 },
      { name: 'b', path: 'b.c', line: 1, col: 9 },
    ]);
    // The same text with another shift is another answer.
    assert.deepEqual(templateVariableUses('{{a}} {{b.c}}', 't3', 2), [
      { name: 'a', path: 'a', line: 1, col: 1 },
      { name: 'b', path: 'b.c', line: 1, col: 7 },
    ]);
  });

  it('a broken template fails each time it is asked, naming the caller of that time', () => {
    assert.throws(() => templateVariableUses('{{#if x}}', 'first'), /^TemplateError: first/);
    assert.throws(() => templateVariableUses('{{#if x}}', 'second'), /^TemplateError: second/);
  });
});

describe('checkTemplateVars', () => {
  it('reports unknown roots as diagnostics of the template file', () => {
    const src = 'name={{name}}\nurl={{join (concat peer_urls) ","}}\ntoken={{tokn}}\n';
    assert.deepEqual(checkTemplateVars(src, 'templates/etcd.env', new Set(['name', 'peer_urls'])), [
      { file: 'templates/etcd.env', line: 3, col: 9, message: 'variable "tokn" is not defined' },
    ]);
  });

  it('reports nothing when everything is known', () => {
    assert.deepEqual(checkTemplateVars('{{a}}{{#each b}}{{c}}{{/each}}', 't', new Set(['a', 'b'])), []);
  });
});
