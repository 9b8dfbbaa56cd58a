import { strict as assert } from 'node:assert';
import { compileTemplate } from '../../runner/template/compile.js';

describe('compileTemplate', () => {
  it('renders without HTML escaping', () => {
    assert.equal(compileTemplate('A={{a}} B={{{a}}}', 'x').render({ a: '<&"\'>' }), 'A=<&"\'> B=<&"\'>');
  });

  it('renders objects as JSON, lists joined, null as nothing', () => {
    assert.equal(compileTemplate('{{o}}|{{l}}|{{n}}|{{z}}', 'x').render({ o: { a: 1 }, l: [1, 2], n: null, z: 0 }), '{"a":1}|1,2||0');
  });

  const syntaxErrors: Array<[string, string]> = [
    ['a\n{{#if x}}', 'etcd.conf:2:10: syntax error: unexpected end of template (is a block left open?)'],
    ['a\n  {{x', 'etcd.conf:2:5: syntax error: malformed expression'],
    ['{{#if x}}{{/each}}', 'etcd.conf:1:4: syntax error: if doesn\'t match each'],
    ['ok\n{{nohelper x}}', 'etcd.conf:2:3: unknown helper "nohelper"'],
    ['{{join (nohelper) ","}}', 'etcd.conf:1:9: unknown helper "nohelper"'],
  ];
  for (const [source, message] of syntaxErrors) {
    it(`fails at compile time: ${JSON.stringify(source)}`, () => {
      assert.throws(() => compileTemplate(source, 'etcd.conf'), (err: any) => {
        assert.equal(err.name, 'TemplateError');
        assert.equal(err.message, message);
        assert.equal(err.where.template, 'etcd.conf');
        return true;
      });
    });
  }

  const strictErrors: Array<[string, Record<string, unknown>, string]> = [
    ['line1\n  {{x}}', {}, 'unit:2:5: variable "x" is not defined (host h1)'],
    ['{{a.b.c}}', { a: {} }, 'unit:1:3: variable "a.b.c" is not defined (host h1)'],
    ['{{a.b}}', { a: null }, 'unit:1:3: variable "a.b" is not defined (host h1)'],
    ['{{#each l}}{{this.nope}}{{/each}}', { l: [{}] }, 'unit:1:14: variable "this.nope" is not defined (host h1)'],
  ];
  for (const [source, vars, message] of strictErrors) {
    it(`names template, line and host for a missing variable: ${JSON.stringify(source)}`, () => {
      assert.throws(() => compileTemplate(source, 'unit').render(vars, 'h1'), (err: any) => {
        assert.equal(err.name, 'TemplateError');
        assert.equal(err.message, message);
        assert.equal(err.where.host, 'h1');
        return true;
      });
    });
  }

  it('a defined null is not missing', () => {
    assert.equal(compileTemplate('[{{x}}]', 'u').render({ x: null }), '[]');
  });

  it('lets default and if handle optional variables', () => {
    const t = compileTemplate('{{default opt "d"}}{{#if opt.deep}}y{{else}}n{{/if}}{{#unless opt}}!{{/unless}}', 'u');
    assert.equal(t.render({}), 'dn!');
    assert.equal(t.render({ opt: { deep: 1 } }), '{"deep":1}y');
  });

  describe('file mode', () => {
    const refused: Array<[string, string]> = [
      ['a\nb', '\\x0a'],
      ['a\rb', '\\x0d'],
      ['a\x00b', '\\x00'],
      ['a\x1bb', '\\x1b'],
      ['a\x7fb', '\\x7f'],
    ];
    for (const [value, shown] of refused) {
      it(`refuses a value holding ${shown}`, () => {
        const t = compileTemplate('[Service]\nEnvironment=X={{v}}\n', 'etcd.service', { file: true });
        assert.throws(() => t.render({ v: value }, 'etcd-1'), {
          name: 'TemplateError',
          message: `etcd.service:2:15: value contains control character ${shown}, refused in a file (newlines would inject lines) (host etcd-1)`,
        });
      });
    }

    it('refuses in triple-stash and inside blocks too', () => {
      const t = compileTemplate('{{#each l}}{{{this}}}{{/each}}', 'f', { file: true });
      assert.throws(() => t.render({ l: ['ok', 'x\ny'] }), /f:1:12: value contains control character \\x0a/);
    });

    it('allows tabs, and newlines in the template text itself', () => {
      const t = compileTemplate('A={{v}}\nB=2\n', 'f', { file: true });
      assert.equal(t.render({ v: 'a\tb' }), 'A=a\tb\nB=2\n');
    });

    it('does not apply outside file mode', () => {
      assert.equal(compileTemplate('{{v}}', 'f').render({ v: 'a\nb' }), 'a\nb');
    });
  });
});
