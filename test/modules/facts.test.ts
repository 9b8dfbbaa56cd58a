// Fact parsers from fixtures: raw command output → the parsed value (test/fixtures/modules/facts/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeMode, parsePathState } from '../../runner/modules/facts/path-state.js';
import { parseUnitState } from '../../runner/modules/facts/systemd-unit.js';

const parsers: Record<string, (stdout: string) => unknown> = {
  'path-state': parsePathState,
  'systemd-unit': parseUnitState,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/modules/facts');

describe('fact parsers', () => {
  for (const [fact, parse] of Object.entries(parsers)) {
    const cases = JSON.parse(readFileSync(join(root, `${fact}.json`), 'utf8')) as Array<{ description: string; stdout: string; expect: unknown }>;
    for (const c of cases) it(`${fact}: ${c.description}`, () => assert.deepEqual(parse(c.stdout), c.expect));
  }

  it('normalizes modes the way stat prints them', () => {
    assert.deepEqual(['0644', '644', '0755', '01777', '0'].map(normalizeMode), ['644', '644', '755', '1777', '0']);
  });
});
