import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { exportedSchemas } from '../../runner/load/schemas/export.js';
import { playbookSchema } from '../../runner/load/schemas/playbook.js';
import { fakeModules } from './fake-modules.js';

describe('exported schemas', () => {
  for (const [file, content] of Object.entries(exportedSchemas())) {
    it(`${file} is up to date (regenerate: npx tsx runner/load/schemas/export.ts)`, () => {
      assert.equal(readFileSync(file, 'utf8'), content);
    });
  }

  it('the editor schema knows each module and its arguments', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(playbookSchema(fakeModules));
    assert.equal(validate([{ hosts: 'all', tasks: [{ command: 'ls' }, { wait_for: { port: 2379 } }] }]), true);
    assert.equal(validate([{ hosts: 'all', tasks: [{ wait_for: { port: 'x' } }] }]), false);
    assert.equal(validate([{ hosts: 'all', tasks: [{ comand: 'ls' }] }]), false);
  });
});
