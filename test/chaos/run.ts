// The chaos suite (`npm run chaos -- --runs 30 --seed 1 [--hosts 9-14] [--kinds a,b]`): N migrations
// on the lab, back and forth between two halves of six hosts (one cluster, one cluster id
// throughout), each under a writer and a quorum sampler with a fault drawn at random at a random
// moment, rerun when the run stopped; then the checks (checks.ts) and the table. Not in `npm test`.
// `--hosts` picks the six lab hosts (default 1-6), so two streams (or tests, FERRY_LAB_REUSE=1) share
// one lab; `--table a.json,b.json` prints one table over the records of several streams.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKeys } from '../helpers/etcd-writer.js';
import { ensureLab, resetEtcd, stopLab } from '../helpers/lab.js';
import { writeKubeconfig } from '../k8s-standin/kubeconfig.js';
import { K8sStandIn } from '../k8s-standin/server.js';
import { bootstrapCluster, clientUrl, migrateInventory, tempDir } from '../fixtures/integration/migrate/support.js';
import { FAULT_KINDS, rng, type FaultKind } from './faults.js';
import { freezeCode } from './frozen-code.js';
import { runOne, type RunRecord } from './run-one.js';
import { runLine, summaryTable } from './table.js';

const { values } = parseArgs({ options: {
  runs: { type: 'string', default: '30' }, minutes: { type: 'string', default: '600' }, seed: { type: 'string' }, out: { type: 'string' },
  kinds: { type: 'string' }, hosts: { type: 'string', default: '1-6' }, 'preload-mb': { type: 'string', default: '16' }, table: { type: 'string' },
} });
const runs = Number(values.runs);
const deadline = Date.now() + Number(values.minutes) * 60_000;
const seed = Number(values.seed ?? Date.now() % 100_000);
const kinds = values.kinds ? (values.kinds.split(',') as FaultKind[]) : [...FAULT_KINDS];
const out = values.out ?? join(tempDir('ferry-chaos-'), 'chaos.json');
const [firstHost, lastHost] = values.hosts!.split('-').map(Number);

async function main(): Promise<number> {
  const started = Date.now();
  const r = rng(seed);
  if (lastHost - firstHost !== 5) throw new Error(`--hosts ${values.hosts}: six hosts, e.g. 1-6 or 9-14`);
  const command = `npm run chaos -- --runs ${runs} --seed ${seed} --hosts ${values.hosts}${values.kinds ? ` --kinds ${values.kinds}` : ''}`;
  console.log(`chaos: up to ${runs} runs, ${values.minutes} min at most, seed ${seed}, hosts ${values.hosts}, faults ${kinds.join(', ')}; records in ${out}`);
  const code = freezeCode();
  console.log(`chaos: ferry frozen in ${code.root} (every run and rerun uses that copy)`);
  const api = await new K8sStandIn({ deleteDelayMs: 400, runningDelayMs: 300 }).start();
  const lab = await ensureLab(lastHost);
  const six = lab.hosts.slice(firstHost - 1, lastHost);
  let [old, fresh] = [six.slice(0, 3), six.slice(3, 6)];
  const records: RunRecord[] = [];
  try {
    await Promise.all(six.map((h) => resetEtcd(h)));
    const dir = tempDir('ferry-chaos-');
    const clusterId = await bootstrapCluster(old, migrateInventory(old, fresh, join(dir, 'inventory.yaml')));
    // A database of some size, so a learner's catch-up takes a while (and a slowed one much longer).
    const mb = Number(values['preload-mb']);
    if (mb > 0) await loadKeys(old.map((h) => clientUrl(h)), { count: mb * 64, size: 16 * 1024, batch: 16, concurrency: 2, prefix: '/chaos-preload/' });
    const stream = { root: code.root, playbook: code.playbook('playbooks/migrate-etcd.yml'), clusterId, api, kubeconfig: writeKubeconfig(api, dir) };
    // Rounds through every kind in a shuffled order, so each kind gets its share of the runs.
    let bag: FaultKind[] = [];
    for (let n = 1; n <= runs && Date.now() < deadline; n++) {
      if (bag.length === 0) bag = [...kinds].sort(() => r() - 0.5);
      const kind = bag.shift()!;
      const rec = await runOne(n, kind, r, old, fresh, stream);
      records.push(rec);
      console.log(runLine(rec));
      writeFileSync(out, JSON.stringify({ seed, command, clusterId, hosts: values.hosts, records }, null, 2));
      if (!rec.completed) {
        console.log('chaos: a run did not complete after its reruns; stopping (the cluster is not where the next run expects it)');
        break;
      }
      [old, fresh] = [fresh, old];
    }
  } finally {
    await api.stop();
    code.remove();
  }
  console.log(`\n${summaryTable(records, (Date.now() - started) / 1000)}\nseed ${seed}; command: ${command}`);
  return records.every((x) => x.completed && x.problems.length === 0 && x.lost === 0) ? 0 : 1;
}

/** One table over the records of several streams' files. */
function mergedTable(files: string[]): number {
  const all = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { command: string; records: RunRecord[] });
  const records = all.flatMap((a) => a.records);
  console.log(`${summaryTable(records, Math.max(...all.map((a) => a.records.reduce((n, x) => n + x.seconds, 0))))}\n${all.map((a) => a.command).join('\n')}`);
  return 0;
}

if (values.table) {
  process.exit(mergedTable(values.table.split(',')));
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
