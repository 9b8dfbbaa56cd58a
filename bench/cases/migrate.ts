// The 3 → 3 migration of N keys of S bytes (default 50,000 × 1 KB, a ~69 MB db) against its floor:
// time per play, and for each join how long etcd's own rules held it (the add refused until the newest
// voter has been connected for 5 s; the promote refused until the learner is in sync). Those waits
// are ferry polling etcd (runner/modules/etcd/retry.ts), never a fixed sleep.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKeys } from '../../test/helpers/etcd-writer.js';
import { failedResults, ferryPlay, hostResults, playTimes, startFerryPlay, type FerryRunOptions, type FerryRunResult, type TimedEvent } from '../../test/helpers/ferry-run.js';
import { ensureLab, resetEtcd, writeInventory } from '../../test/helpers/lab.js';
import { ms, type Row } from '../lib/table.js';
import type { Target } from '../lib/targets.js';

/**
 * How long one join's task was held by etcd: from its first progress line ("…; retrying" for the add,
 * the learner's catch-up for the promote) to the line that ends the wait (`until`), or else its result.
 */
function heldMs(r: FerryRunResult, task: RegExp, host: string, from: RegExp, until?: RegExp): { ms: number; total: number } {
  const result = hostResults(r).find((e) => task.test(e.task) && e.host === host);
  if (!result) return { ms: 0, total: 0 };
  const lines = r.events.filter((e): e is Extract<TimedEvent, { kind: 'progress' }> => e.kind === 'progress' && e.host === host && task.test(e.task));
  const first = lines.find((e) => from.test(e.msg));
  const end = (until && lines.find((e) => until.test(e.msg))) || result;
  return { ms: first ? Math.max(0, end.at - first.at) : 0, total: result.durationMs };
}

/** The kernel's high-water mark of a process's resident memory (VmHWM), in bytes; undefined once it is gone. */
function peakRss(pid: number): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a play, reading the ferry process's peak RSS every 50 ms (VmHWM only grows, so the last read is the peak). */
async function playWithPeakRss(playbook: string, o: FerryRunOptions): Promise<FerryRunResult & { peakRssBytes: number }> {
  const run = startFerryPlay(playbook, o);
  let peak = 0;
  const read = (): void => { peak = Math.max(peak, peakRss(run.child.pid!) ?? 0); };
  run.child.stdout!.on('data', read);
  const timer = setInterval(read, 50);
  try {
    return { ...(await run.result), peakRssBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Provisions the old members, loads the keys, migrates, and returns the tables (phases, joins). */
export async function migrationReport(targets: Target[], keys: number, size: number, say: (l: string) => void): Promise<Array<{ title: string; header: Row; rows: Row[] }>> {
  const hosts = targets.slice(0, 6).map((t) => ({ name: t.name, ip: t.ip }));
  const [old, neu] = [hosts.slice(0, 3), hosts.slice(3, 6)];
  const knownHosts = targets[0].knownHosts;
  // The lab helpers (resetEtcd, writeInventory) act on the lab the bench already runs on: share it, never reboot it.
  process.env.FERRY_LAB_REUSE = '1';
  await ensureLab(hosts.length);
  await Promise.all(hosts.map((h) => resetEtcd(h)));
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-migrate-'));
  try {
    const inv = writeInventory(hosts, { etcd_old: old.map((h) => h.name), etcd_new: neu.map((h) => h.name) }, join(dir, 'inventory.yaml'));
    const prov = await ferryPlay('playbooks/provision-etcd.yml', { inventory: inv, knownHosts });
    if (prov.code !== 0) throw new Error(`provision failed: ${failedResults(prov)}`);
    const load = await loadKeys(old.map((h) => `http://${h.ip}:2379`), { count: keys, size, concurrency: 16 });
    say(`  migrate: provisioned in ${ms(prov.durationMs)}; loaded ${load.count} keys of ${size} B in ${ms(load.ms)}`);
    const r = await playWithPeakRss('playbooks/migrate-etcd.yml', { inventory: inv, knownHosts, extraVars: { etcd_backup_dir: join(dir, 'backups') } });
    if (r.code !== 0) throw new Error(`migration failed: ${failedResults(r)}`);
    const phases: Row[] = playTimes(r).map((p) => [p.play, ms(p.ms)]);
    phases.push(['**end to end** (the `ferry` process)', `**${ms(r.durationMs)}**`]);
    phases.push(['controller peak RSS (the `ferry` process, VmHWM)', `${Math.round(r.peakRssBytes / 2 ** 20)} MB`]);
    const joins: Row[] = neu.map((h) => {
      const add = heldMs(r, /^Add the member/, h.name, /retrying/);
      const promote = heldMs(r, /^Promote the learner/, h.name, /^(?!promoted)/, /^promoted/);
      return [h.name, ms(add.total), ms(add.ms), ms(promote.total), ms(promote.ms)];
    });
    const snap = hostResults(r).find((e) => e.task.startsWith('Save a snapshot'));
    return [
      { title: `the 3 → 3 migration of ${keys} keys of ${size} B${snap ? ` (snapshot ${(Number(snap.result.size) / 1e6).toFixed(1)} MB)` : ''}: time per play`, header: ['play', 'time'], rows: phases },
      { title: 'each join: the add and the promote, and how long etcd refused them (polled, not slept)', header: ['host', 'add', 'add refused (5 s rule)', 'promote', 'promote held (learner catching up)'], rows: joins },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
