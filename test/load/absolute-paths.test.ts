// Absolute vars_files and template paths: validate accepts what the run uses.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAll } from '../../runner/load/validate.js';

describe('load: absolute paths', () => {
  it('an absolute vars_files entry and template src validate (they were looked up under the playbook dir)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-abs-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'ferry-abs-other-'));
    writeFileSync(join(elsewhere, 'vars.yml'), 'greeting: hi\n');
    writeFileSync(join(elsewhere, 'motd.hbs'), '{{greeting}}\n');
    writeFileSync(join(dir, 'inv.yml'), 'all:\n  hosts:\n    localhost: {}\n');
    writeFileSync(join(dir, 'site.yml'), `- hosts: all\n  vars_files: [${join(elsewhere, 'vars.yml')}]\n  tasks:\n    - template: { src: ${join(elsewhere, 'motd.hbs')}, dest: /tmp/motd }\n`);
    assert.deepEqual(validateAll(join(dir, 'site.yml'), join(dir, 'inv.yml')), []);
  });
});
