// The module argument schemas compile with the loader's validator and catch typos.
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { k8sModules } from '../../../runner/modules/k8s/index.js';

describe('k8s module argument schemas', () => {
  for (const m of k8sModules) {
    it(`${m.name}: compiles, accepts a valid call and rejects an unknown argument`, () => {
      const validate = new Ajv({ strict: false }).compile(m.argsSchema);
      const good = m.name === 'k8s'
        ? { api_version: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'default', state: 'get', wait_for: { field: 'status.phase', equals: 'Running' } }
        : { name: 'c', namespace: 'n', state: 'started', kv_address_from: ['http://a:2379'], wait_timeout: 600 };
      assert.ok(validate(good), JSON.stringify(validate.errors));
      assert.equal(validate({ ...good, wait_timout: 5 }), false);
      assert.equal(m.controlSide, true);
      assert.equal(m.supportsCheck && m.supportsDiff, true);
    });
  }
});
