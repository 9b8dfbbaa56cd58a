import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyState, parseState, resourcesOf, withResource, withoutResource, type Resource } from '../../lab/state.js';
import { loadState, stateFile, StateStore } from '../../lab/state-file.js';
import { mirrorPath, recordedLabs } from '../../lab/registry.js';

describe('lab/state', () => {
  const ns: Resource = { kind: 'netns', name: 'ferry-host1' };
  const proc: Resource = { kind: 'process', pid: 4242, host: 'host1', merged: '/lab/hosts/host1/root' };

  it('records each resource once, in order, and forgets it', () => {
    let s = emptyState('/lab');
    s = withResource(s, ns);
    s = withResource(s, { kind: 'bridge', name: 'ferrybr0' });
    s = withResource(s, { ...ns });
    assert.deepEqual(s.resources.map((r) => r.kind), ['netns', 'bridge']);
    s = withResource(s, proc);
    assert.deepEqual(resourcesOf(s, 'process'), [proc]);
    s = withoutResource(s, ns);
    assert.deepEqual(s.resources.map((r) => r.kind), ['bridge', 'process']);
  });

  it('parses what it wrote, and refuses what is not a lab state', () => {
    const s = withResource(withResource(emptyState('/lab'), ns), proc);
    assert.deepEqual(parseState(JSON.stringify(s), 'state.json'), s);
    assert.throws(() => parseState('{', 'f.json'), /f\.json: not JSON/);
    assert.throws(() => parseState('{"version":2,"resources":[],"hosts":[]}', 'f.json'), /not a ferry lab state/);
    assert.throws(() => parseState('{"version":1,"resources":[{"kind":"disk"}],"hosts":[]}', 'f.json'), /unknown resource/);
    // pid 1 or garbage would signal the wrong process: refuse it.
    assert.throws(() => parseState('{"version":1,"resources":[{"kind":"process","pid":1}],"hosts":[]}', 'f.json'), /bad process id/);
  });

  it('writes through on every record, so a killed run leaves the record of what it made', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-state-'));
    const registry = mkdtempSync(join(tmpdir(), 'ferry-registry-'));
    assert.equal(loadState(dir), null);
    const store = StateStore.fresh(dir, registry);
    store.record(ns);
    assert.deepEqual(loadState(dir)?.resources, [ns]);
    // The machine-wide copy finds the lab even if its dir is gone.
    assert.deepEqual(recordedLabs(registry).map((s) => [s.dir, s.resources]), [[dir, [ns]]]);
    store.forget(ns);
    assert.deepEqual(JSON.parse(readFileSync(stateFile(dir), 'utf8')).resources, []);
    store.remove();
    assert.equal(existsSync(stateFile(dir)), false);
    assert.equal(existsSync(mirrorPath(dir, registry)), false);
    assert.deepEqual(recordedLabs(registry), []);
  });

  it('names the file when the state on disk is corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-state-'));
    writeFileSync(stateFile(dir), 'not json');
    assert.throws(() => loadState(dir), new RegExp(`${stateFile(dir)}: not JSON`));
  });
});
