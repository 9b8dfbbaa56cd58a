// Engine overhead: 6 hosts × 20 tasks on MemoryTransport. A guard against pathological growth
// (quadratic work per task), not a benchmark: the figures come from `npm run bench`, on a quiet machine.
import assert from 'node:assert/strict';
import { inventory, play, runTest, task } from '../helpers/engine.js';

describe('execute: overhead', () => {
  it('6 hosts × 20 tasks run under 25 ms per task', async () => {
    const inv = inventory(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`h${i}`, { ip: `10.0.0.${i}`, port: 2379 }])));
    const tasks = Array.from({ length: 20 }, (_, i) => task(`t${i}`, 'test_cmd', `true {{ ip }}:{{ port }} ${i}`, { register: `r${i}` }));
    await runTest([play(tasks.slice(0, 2))], inv); // warm up the template cache and module imports
    const started = performance.now();
    const r = await runTest([play(tasks, { vars: { url: 'http://{{ ip }}:{{ port }}' } })], inv);
    const perTask = (performance.now() - started) / 20;
    assert.equal(r.log.length, 120);
    assert.ok(perTask < 25, `${perTask.toFixed(2)} ms per task`);
    if (process.env.FERRY_BENCH) console.log(`${perTask.toFixed(2)} ms per task`);
  });
});
