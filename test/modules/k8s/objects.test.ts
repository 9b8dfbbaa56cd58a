// Pure object helpers: server-field stripping, merge patch, field lookup, comparison.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { applyMergePatch, getField, objectsDiffer, stripServerFields } from '../../../runner/modules/k8s/objects.js';
import { recreatedObject } from '../../../runner/modules/k8s/storageos.js';

const live = parse(readFileSync(new URL('../../fixtures/k8s/storageoscluster-live.yaml', import.meta.url), 'utf8'));

describe('k8s objects (pure)', () => {
  it('stripServerFields drops exactly the server-set fields and keeps the rest', () => {
    const clean = stripServerFields(live);
    assert.deepEqual(clean, {
      apiVersion: 'storageos.com/v1',
      kind: 'StorageOSCluster',
      metadata: { annotations: { 'example.com/owner': 'ops' }, labels: { app: 'storageos' }, name: 'cluster-1', namespace: 'storageos' },
      spec: live.spec,
    });
    assert.ok(live.metadata.uid, 'the input is not modified');
  });

  it('recreatedObject keeps the spec field by field, changing only the address (style kept)', () => {
    const obj = recreatedObject(live, ['https://10.1.0.1:2379', 'http://10.1.0.2:2379']);
    assert.equal(obj.spec.kvBackend.address, 'https://10.1.0.1:2379,http://10.1.0.2:2379');
    const { kvBackend: k1, ...rest1 } = obj.spec;
    const { kvBackend: k2, ...rest2 } = live.spec;
    assert.deepEqual(rest1, rest2);
    assert.deepEqual({ ...k1, address: 'x' }, { ...k2, address: 'x' });
    assert.throws(() => recreatedObject({ ...live, spec: { kvBackend: {} } }, ['a:1']), /no spec\.kvBackend\.address/);
  });

  const patches: Array<[string, unknown, unknown, unknown]> = [
    ['merges objects', { a: { b: 1, c: 2 } }, { a: { c: 3 } }, { a: { b: 1, c: 3 } }],
    ['null deletes', { a: 1, b: 2 }, { b: null }, { a: 1 }],
    ['arrays replace', { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ['creates missing parents', {}, { a: { b: { c: 1 } } }, { a: { b: { c: 1 } } }],
  ];
  for (const [title, target, patch, want] of patches) {
    it(`applyMergePatch ${title}`, () => assert.deepEqual(applyMergePatch(target, patch), want));
  }

  it('getField follows dotted paths and array indexes', () => {
    assert.equal(getField(live, 'status.phase'), 'Running');
    assert.equal(getField(live, 'status.nodes.0'), 'node-1');
    assert.equal(getField(live, 'status.nope.deeper'), undefined);
  });

  it('objectsDiffer ignores resourceVersion/managedFields/generation only', () => {
    const bumped = structuredClone(live);
    bumped.metadata.resourceVersion = '1';
    bumped.metadata.generation = 9;
    assert.equal(objectsDiffer(live, bumped), false);
    bumped.spec.k8sDistro = 'rke';
    assert.equal(objectsDiffer(live, bumped), true);
  });
});
