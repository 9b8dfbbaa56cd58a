// The chaos suite (`npm run chaos -- --runs 30 --minutes 60 --seed 1`): N migrations on the lab,
// back and forth between host1-3 and host4-6 (one cluster, one cluster id throughout), each under
// a writer and a quorum sampler with a fault drawn at random at a random moment, rerun when the
// run stopped; then the checks (checks.ts) and the table. Not part of `npm test`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureLab, resetEtcd, stopLab } from '../helpers/lab.js';
import { bootstrapCluster, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';
import { FAULT_KINDS, rng } from './faults.js';
import { runOne, type RunRecord } from './run-one.js';
import { runLine, summaryTable } from './table.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, minutes: { type: 'string', default: '600' }, seed: { type: 'string' }, out: { type: 'string' }, kinds: { type: 'string' } } });
const runs = Number(values.runs);
const deadline = Date.now() + Number(values.minutes) * 60_000;
const seed = Number(values.seed ?? Date.now() % 100_000);
const kinds = values.kinds ? (values.kinds.split(',') as typeof FAULT_KINDS[number][]) : [...FAULT_KINDS];
const out = values.out ?? join(tempDir('ferry-chaos-'), 'chaos.json');

async function main(): Promise<number> {
  const started = Date.now();
  const r = rng(seed);
  console.log(`chaos: up to ${runs} runs, ${values.minutes} min at most, seed ${seed}, faults ${kinds.join(', ')}; records in ${out}`);
  const lab = await ensureLab(6);
  let [old, fresh] = [lab.hosts.slice(0, 3), lab.hosts.slice(3, 6)];
  await Promise.all([...old, ...fresh].map((h) => resetEtcd(h)));
  const clusterId = await bootstrapCluster(old, migrateInventory(old, fresh, join(tempDir('ferry-chaos-'), 'inventory.yaml')));
  const records: RunRecord[] = [];
  // Rounds through every kind in a shuffled order, so each kind gets its share of the runs.
  let bag: typeof kinds = [];
  for (let n = 1; n <= runs && Date.now() < deadline; n++) {
    if (bag.length === 0) bag = [...kinds].sort(() => r() - 0.5);
    const kind = bag.shift()!;
    const rec = await runOne(n, kind, r, old, fresh, clusterId);
    records.push(rec);
    console.log(runLine(rec));
    writeFileSync(out, JSON.stringify({ seed, clusterId, records }, null, 2));
    if (!rec.completed) {
      console.log('chaos: a run did not complete after its reruns; stopping (the cluster is not where the next run expects it)');
      break;
    }
    [old, fresh] = [fresh, old];
  }
  console.log(`\n${summaryTable(records, (Date.now() - started) / 1000)}\nseed ${seed}; command: npm run chaos -- --runs ${runs} --minutes ${values.minutes} --seed ${seed}`);
  return records.every((x) => x.completed && x.problems.length === 0 && x.lost === 0) ? 0 : 1;
}

main()
  .then(async (code) => {
    await stopLab();
    process.exit(code);
  })
  .catch(async (e: unknown) => {
    console.error(`chaos: ${(e as Error)?.stack ?? String(e)}`);
    await stopLab().catch(() => undefined);
    process.exit(2);
  });
