import { strict as assert } from 'node:assert';
import { renderString } from '../../runner/template/evaluate.js';

const vars = {
  l: [3, 1, 2],
  s: "it's",
  m: { a: 1, b: 'x' },
  n: 5,
  hostvars: { h1: { ip: '10.0.0.1' } },
  empty: [],
  nothing: null,
};

const cases: Array<[string, string]> = [
  ['{{eq n 5}} {{eq n "5"}}', 'true false'],
  ['{{ne n 5}} {{ne n 6}}', 'false true'],
  ['{{gt n 4}} {{gt n 5}}', 'true false'],
  ['{{lt n 6}} {{lt n 5}}', 'true false'],
  ['{{gte n 5}} {{gte n 6}}', 'true false'],
  ['{{lte n 5}} {{lte n 4}}', 'true false'],
  ['{{and n l}} {{and n empty}}', 'true false'],
  ['{{or empty n}} {{or empty nothing}}', 'true false'],
  ['{{not empty}} {{not n}}', 'true false'],
  ['{{join l ", "}}|{{join l}}', '3, 1, 2|3,1,2'],
  ['{{default missing "d"}} {{default n "d"}} {{default nothing "d"}}', 'd 5 d'],
  ['{{default m.nope.deeper "d"}}', 'd'],
  ['{{json m}} {{json l}}', '{"a":1,"b":"x"} [3,1,2]'],
  ['{{shq s}} {{shq "a b"}}', `'it'\\''s' 'a b'`],
  ['{{includes l 1}} {{includes l 9}} {{includes "abc" "b"}} {{includes m "a"}}', 'true false true true'],
  ['{{len l}} {{len s}} {{len m}} {{len empty}}', '3 4 2 0'],
  ['{{first l}} {{last l}}', '3 2'],
  ['{{lookup hostvars.h1 "ip"}} {{get hostvars "h1.ip"}} {{default (get hostvars "h9.ip") "none"}}', '10.0.0.1 10.0.0.1 none'],
  ['{{upper "ab"}} {{lower "AB"}} {{trim "  x "}}', 'AB ab x'],
  ['{{replace "a-b-c" "-" "_"}}', 'a_b_c'],
  ['{{join (split "a,b" ",") "+"}}', 'a+b'],
  ['{{add n 1}} {{add "a" "b"}}', '6 ab'],
  ['{{join (concat l 4 (split "x,y" ",")) ","}}', '3,1,2,4,x,y'],
  ['{{yaml m}}', 'a: 1\nb: x'],
  ['{{b64 "hi"}}', 'aGk='],
  ['{{join (keys m) ","}} {{join (range 0 3) ","}}', 'a,b 0,1,2'],
  ['{{#if empty}}y{{else}}n{{/if}} {{#if "false"}}y{{else}}n{{/if}} {{#unless n}}y{{else}}n{{/unless}}', 'n n n'],
  ['{{#if missing.x}}y{{else}}n{{/if}}', 'n'],
];

describe('template helpers', () => {
  for (const [source, expected] of cases) {
    it(`${source} → ${JSON.stringify(expected)}`, () => {
      assert.equal(renderString(source, vars, { template: 't' }), expected);
    });
  }

  it('shq output survives sh -c as one word', async () => {
    const { execFileSync } = await import('node:child_process');
    const nasty = `a'b "c" $(id) \`x\` \\ ;|&`;
    const out = execFileSync('sh', ['-c', `printf %s ${renderString('{{shq v}}', { v: nasty }, { template: 't' })}`]).toString();
    assert.equal(out, nasty);
  });

  const strictCases: Array<[string, string]> = [
    ['{{join missing ","}}', 't:1:1: variable "missing" is not defined (in "join") (host h1)'],
    ['x\n{{len (first nope)}}', 't:2:7: variable "nope" is not defined (in "first") (host h1)'],
    ['{{upper m.nope}}', 't:1:1: variable "m.nope" is not defined (in "upper") (host h1)'],
    ['a\n{{#each ips}}{{this}}{{/each}}', 't:2:1: variable "ips" is not defined (in "#each"; use (default x (concat)) for an optional list) (host h1)'],
  ];
  it('#each still walks a defined list, and an empty default renders nothing', () => {
    assert.equal(renderString('{{#each l}}[{{this}}]{{/each}}', { l: ['a', 'b'] }, { template: 't' }), '[a][b]');
    assert.equal(renderString('{{#each (default l (concat))}}x{{/each}}.', {}, { template: 't' }), '.');
  });
  for (const [source, message] of strictCases) {
    it(`refuses an undefined argument: ${source}`, () => {
      assert.throws(() => renderString(source, vars, { template: 't', host: 'h1' }), { name: 'TemplateError', message });
    });
  }
});
