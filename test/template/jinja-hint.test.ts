// Validation meeting Jinja says so, at the tag's file:line:col, with the Handlebars to write.
import { strict as assert } from 'node:assert';
import { compileTemplate, evaluate, evaluateCondition } from '../../runner/template/index.js';

const cases: Array<[string, string]> = [
  ["{{ x | default('a') }}", `site.yml:1:1: this is Jinja (| default(...)), not ferry's template language (Handlebars); in Handlebars: {{ default x "a" }}; \`ferry convert FILE\` rewrites the common forms`],
  ['port {{ x is defined }}', `site.yml:1:6: this is Jinja (is defined), not ferry's template language (Handlebars); in Handlebars: {{ defined x }}; \`ferry convert FILE\` rewrites the common forms`],
  ['{{ a == b }}', `site.yml:1:1: this is Jinja ("=="), not ferry's template language (Handlebars); in Handlebars: {{ eq a b }}; \`ferry convert FILE\` rewrites the common forms`],
  ["{{ groups['etcd'][0] }}", `site.yml:1:1: this is Jinja (a [subscript]), not ferry's template language (Handlebars); in Handlebars: {{ groups.etcd.[0] }}; \`ferry convert FILE\` rewrites the common forms`],
  ["{{ lookup('env', 'HOME') }}", `site.yml:1:1: this is Jinja (a call()), not ferry's template language (Handlebars) (lookup() plugins have no ferry form (set the value in vars or with -e)); \`ferry convert FILE\` rewrites the common forms`],
];

describe('Jinja met in validation', () => {
  for (const [source, message] of cases) {
    it(source, () => assert.throws(() => evaluate(source, {}, { template: 'site.yml' }), { name: 'TemplateError', message }));
  }

  it('a {% if %} in a template file is located and translated', () => {
    assert.throws(() => compileTemplate('a: 1\n  {% if x is defined %}b{% endif %}\n', 'templates/x.j2', { file: true }), {
      message: `templates/x.j2:2:3: this is Jinja ({% if %}), not ferry's template language (Handlebars); in Handlebars: {{#if (defined x)}}b{{/if}}; \`ferry convert FILE\` rewrites the common forms`,
    });
  });

  it('a bare Jinja condition is named with its ferry form', () => {
    assert.throws(() => evaluateCondition("x is defined and y == 'a'", {}, { template: 'site.yml' }), /this is Jinja \(is defined\).*in Handlebars: \{\{and \(defined x\) \(eq y "a"\)\}\}/);
  });

  it('Handlebars blocks and comments are not mistaken for Jinja', () => {
    const t = compileTemplate('{{!-- c --}}{{#each l as |h|}}{{h}}{{/each}}{{#if x}}y{{else}}n{{/if}}', 't', { file: true });
    assert.equal(t.render({ l: ['a'], x: false }), 'an');
  });
});
