// Modes as Ansible reads them: integers are the mode, strings octal or symbolic, checked at validation.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../../runner/load/inventory.js';
import { readPlaybook } from '../../../runner/load/playbook.js';
import { parseMode, resolveMode } from '../../../runner/modules/support/mode.js';

describe('modules/support/mode', () => {
  const parsed: Array<[unknown, string]> = [
    [420, '0644'], [0o600, '0600'], [0o755, '0755'], [0, '0000'], [0o7777, '7777'],
    ['0644', '0644'], ['644', '0644'], ['01777', '1777'], ['u=rw,g=r,o=r', 'u=rw,g=r,o=r'], ['u+x', 'u+x'], ['a-w', 'a-w'], ['ug=rwX', 'ug=rwX'],
  ];
  for (const [input, want] of parsed) it(`parseMode(${JSON.stringify(input)}) = ${want}`, () => assert.equal(parseMode(input), want));

  for (const bad of ['0999', 'rwx', 'u=rw;', '12345', 4096, -1, 6.5, '']) {
    it(`parseMode(${JSON.stringify(bad)}) is refused, naming the value`, () => assert.throws(() => parseMode(bad), new RegExp(`mode: ${JSON.stringify(bad).replace(/[.+]/g, '\\$&')}`)));
  }

  const resolved: Array<[string, string | undefined, boolean, string]> = [
    ['u=rw,g=r,o=r', '777', false, '0644'], ['u+x', '600', false, '0700'], ['a-w', '644', false, '0444'],
    ['go=', '755', true, '0700'], ['a+X', '644', false, '0644'], ['a+X', '644', true, '0755'], ['g=u', '750', false, '0770'],
    ['u+s', '755', false, '4755'], ['+t', '777', true, '1777'], ['u+x', undefined, false, '0744'], ['0640', '777', false, '0640'],
  ];
  for (const [mode, current, dir, want] of resolved) {
    it(`${mode} on ${current ?? 'a new path'}${dir ? ' (directory)' : ''} gives ${want}`, () => assert.equal(resolveMode(mode, current, dir), want));
  }

  it('validate: an unquoted mode: 0644 loads as the integer 420 (mode 0644); bad modes are located errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-mode-'));
    writeFileSync(join(dir, 'inv.yml'), 'all:\n  hosts:\n    localhost: {}\n');
    writeFileSync(join(dir, 'site.yml'), [
      '- hosts: all', '  tasks:',
      '    - file: { path: /tmp/a, mode: 0644 }',
      '    - file: { path: /tmp/b, mode: "u=rw,g=r" }',
      '    - file: { path: /tmp/c, mode: "{{ m }}" }',
      '      vars: { m: "0600" }',
      '    - file: { path: /tmp/d, mode: "0999" }',
      '    - copy: { dest: /tmp/e, content: x, mode: rwx }',
      '    - template: { src: t.hbs, dest: /tmp/f, mode: 70000 }',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 't.hbs'), 'x\n');
    const { playbook, diagnostics } = readPlaybook(join(dir, 'site.yml'), { inventory: loadInventory(join(dir, 'inv.yml')) });
    assert.equal((playbook.plays[0].tasks[0].args as { mode: unknown }).mode, 420);
    assert.deepEqual(diagnostics.map((d) => `${d.line}:${d.col}`), ['7:35', '8:47', '9:51']);
    for (const d of diagnostics) assert.match(d.message, /'mode': .* is not a mode: give octal/);
  });
});
