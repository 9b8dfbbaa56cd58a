// Scalars as PyYAML (Ansible's reader) resolves them, checked against PyYAML itself: yes/no, on/off
// are booleans, a bare y or n is a string; floats need a dot.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseYaml } from '../../runner/load/yaml.js';

const TEXT = 'a: y\nb: n\nc: yes\nd: Off\ny: two\nn: 3\ne: True\nf: NO\ng: on\nh: e1\ni: 1.5\nj: Y\n';

describe('YAML scalars as PyYAML reads them', () => {
  it('y, n, Y are strings (as keys too); yes/no/on/off/true/false in their spellings are booleans', () => {
    const ours = parseYaml(TEXT, 'x.yaml').doc.toJS() as Record<string, unknown>;
    assert.deepEqual(ours, { a: 'y', b: 'n', c: true, d: false, y: 'two', n: 3, e: true, f: false, g: true, h: 'e1', i: 1.5, j: 'Y' });
    const py = spawnSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: TEXT, encoding: 'utf8' });
    if (py.status === 0) assert.deepEqual(ours, JSON.parse(py.stdout), 'PyYAML reads the same');
  });
});
