// The performance run of issue 4: provision 3 old members, load N keys of S bytes (default 50,000 ×
// 1 KB, a ~69 MB db), migrate 3 → 3 with playbooks/migrate-etcd.yml, and report the end-to-end wall
// time and per-play / slowest-task times from the JSON events.
//
//   FERRY_LAB_INSTANCE=2 npx tsx bench/migrate.ts [--keys 50000] [--size 1024] [--keep]
//
// Boots (or reuses, via `up`'s own teardown) the lab instance's 6 hosts and tears it down at the end
// unless --keep.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKeys } from '../test/helpers/etcd-writer.js';
import { ferryPlay, failedResults, hostResults, playTimes } from '../test/helpers/ferry-run.js';
import { ensureLab, resetEtcd, stopLab, writeInventory } from '../test/helpers/lab.js';

const { values } = parseArgs({ options: { keys: { type: 'string', default: '50000' }, size: { type: 'string', default: '1024' }, keep: { type: 'boolean', default: false } } });

/** Runs the benchmark and prints its figures. */
async function main(): Promise<void> {
  const lab = await ensureLab(6);
  const [old, neu] = [lab.hosts.slice(0, 3), lab.hosts.slice(3, 6)];
  await Promise.all(lab.hosts.map((h) => resetEtcd(h)));
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  const inv = writeInventory([...old, ...neu], { etcd_old: old.map((h) => h.name), etcd_new: neu.map((h) => h.name) }, join(dir, 'inventory.yaml'));
  const prov = await ferryPlay('playbooks/provision-etcd.yml', { inventory: inv, knownHosts: lab.knownHosts });
  if (prov.code !== 0) throw new Error(`provision failed: ${failedResults(prov)}`);
  const load = await loadKeys(old.map((h) => `http://${h.ip}:2379`), { count: Number(values.keys), size: Number(values.size), concurrency: 16 });
  console.log(`provisioned in ${prov.durationMs} ms; loaded ${load.count} keys of ${values.size} B in ${load.ms} ms`);
  const r = await ferryPlay('playbooks/migrate-etcd.yml', { inventory: inv, knownHosts: lab.knownHosts, extraVars: { etcd_backup_dir: join(dir, 'backups') } });
  if (r.code !== 0) throw new Error(`migration failed: ${failedResults(r)}`);
  const recap = r.events.find((e) => e.kind === 'recap');
  console.log(`\nmigration: ${(r.durationMs / 1000).toFixed(1)} s wall (process), ${recap?.kind === 'recap' ? (recap.durationMs / 1000).toFixed(1) : '?'} s in the engine`);
  for (const p of playTimes(r)) console.log(`  ${(p.ms / 1000).toFixed(2).padStart(6)} s  ${p.play}`);
  const slow = hostResults(r).filter((e) => e.durationMs >= 300).sort((a, b) => b.durationMs - a.durationMs).slice(0, 12);
  console.log('slowest tasks:');
  for (const e of slow) console.log(`  ${(e.durationMs / 1000).toFixed(2).padStart(6)} s  ${e.host} ${e.task}`);
  const snap = hostResults(r).find((e) => e.task.startsWith('Save a snapshot'));
  if (snap) console.log(`snapshot: ${String(snap.result.size)} bytes`);
  if (!values.keep) await stopLab();
}

main().catch(async (e) => {
  console.error(`bench: ${(e as Error).message}`);
  if (!values.keep) await stopLab();
  process.exit(1);
});
