// Engine overhead: a guard against pathological growth (work per host-task that grows with the number
// of hosts), not a benchmark: no time limit, which a loaded machine breaks; the figures come from
// `npm run bench`. CPU per host-task at 100 hosts is compared with 10 hosts' (quadratic work per host-task: 10×).
import assert from 'node:assert/strict';
import { inventory, play, runTest, task } from '../helpers/engine.js';

/** The least CPU (ms) per host-task of five runs of 5 tasks on `hosts` hosts. */
async function cpuPerHostTask(hosts: number): Promise<number> {
  const inv = inventory(Object.fromEntries(Array.from({ length: hosts }, (_, i) => [`h${i}`, { ip: `10.0.0.${i}`, port: 2379, db_password: `pw-${i}-secret` }])));
  const tasks = Array.from({ length: 5 }, (_, i) => task(`t${i}`, 'test_cmd', `true {{ ip }}:{{ port }} ${i}`, { register: `r${i}` }));
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const before = process.cpuUsage();
    const r = await runTest([play(tasks, { vars: { url: 'http://{{ ip }}:{{ port }}' } })], inv, { forks: hosts });
    const used = process.cpuUsage(before);
    assert.equal(r.log.length, hosts * 5);
    best = Math.min(best, (used.user + used.system) / 1000 / (hosts * 5));
  }
  return best;
}

describe('execute: overhead', function () {
  this.timeout(120_000);
  it('CPU per host-task does not grow with the number of hosts (100 hosts within 5× of 10 hosts)', async () => {
    await cpuPerHostTask(100); // warm up the template cache, module imports and the JIT
    const small = await cpuPerHostTask(10);
    const large = await cpuPerHostTask(100);
    if (process.env.FERRY_BENCH) console.log(`CPU per host-task: ${small.toFixed(3)} ms at 10 hosts, ${large.toFixed(3)} ms at 100`);
    assert.ok(large < 5 * small + 0.2, `${large.toFixed(3)} ms per host-task at 100 hosts against ${small.toFixed(3)} ms at 10`);
  });
});
