import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExtraVars } from '../../runner/load/extra-vars.js';

describe('parseExtraVars', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-ev-'));
  writeFileSync(join(dir, 'vars.yaml'), 'from_file: 1\nlist: [a, b]\n');
  writeFileSync(join(dir, 'list.yaml'), '- a\n');

  const cases: Array<[string[], Record<string, unknown>]> = [
    [['a=1'], { a: '1' }],
    [['version=3.10 name=x'], { version: '3.10', name: 'x' }],
    [['url=http://h:2379/?a=b'], { url: 'http://h:2379/?a=b' }],
    [['{"json": 1, "b": [true]}'], { json: 1, b: [true] }],
    [['@vars.yaml'], { from_file: 1, list: ['a', 'b'] }],
    [['a=1', 'a=2'], { a: '2' }],
  ];
  for (const [args, expected] of cases) {
    it(`${JSON.stringify(args)}`, () => assert.deepEqual(parseExtraVars(args, dir), expected));
  }

  it('reports every bad argument at once', () => {
    assert.throws(() => parseExtraVars(['novalue', '@list.yaml', '{bad'], dir), {
      name: 'ValidationError',
      message: [
        '-e #1:1:1: expected key=value, @file or a JSON mapping (the 7 characters given are not shown: they may hold a secret)',
        `${join(dir, 'list.yaml')}:1:1: extra vars file must hold a mapping`,
        '-e #3:1:5: not a valid JSON/YAML mapping (4 characters, not shown)',
      ].join('\n'),
    });
  });

  it('never echoes a malformed argument, which may hold a secret', () => {
    for (const bad of ['{"db_password": "Hunter2-db-pw"', 'Hunter2-db-pw']) {
      assert.throws(() => parseExtraVars([bad], dir), (err: Error) => !err.message.includes('Hunter2'));
    }
  });
});
