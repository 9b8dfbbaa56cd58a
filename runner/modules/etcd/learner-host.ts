// What a learner's own host shows while its etcd catches up. etcd 3.4 serves its client port only
// once it is ready (caught up and published), so Status says nothing until then; its metrics
// listener (--listen-metrics-urls) answers from the start, the snapshot being received grows in
// member/snap, and systemd knows whether the process is still the one that started.
import { request } from 'node:http';
import { shq } from '../../transport/shell-quote.js';
import type { Tunnel } from '../../transport/types.js';
import type { ModuleContext } from '../types.js';

/** The catch-up counters of etcd's /metrics (etcd 3.4 names). */
export interface LearnerMetrics {
  /** etcd_server_proposals_applied_total: the applied raft index. */
  applied: number | null;
  /** etcd_mvcc_db_total_size_in_bytes. */
  dbSize: number | null;
  /** Sum of etcd_network_peer_received_bytes_total over peers (snapshots and appends). */
  receivedBytes: number | null;
}

/** No metrics: the listener off, refusing, or not answering. */
const NO_METRICS: Readonly<LearnerMetrics> = { applied: null, dbSize: null, receivedBytes: null };

/** Reads the counters out of a Prometheus text exposition; absent ones are null. */
export function parseMetrics(text: string): LearnerMetrics {
  const out: LearnerMetrics = { ...NO_METRICS };
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_:]+)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[3]);
    if (!Number.isFinite(v)) continue;
    if (m[1] === 'etcd_server_proposals_applied_total') out.applied = v;
    else if (m[1] === 'etcd_mvcc_db_total_size_in_bytes') out.dbSize = v;
    else if (m[1] === 'etcd_network_peer_received_bytes_total') out.receivedBytes = (out.receivedBytes ?? 0) + v;
  }
  return out;
}

/** The unit as `systemctl show` reports it. */
export interface UnitState {
  activeState: string;
  subState: string;
  nRestarts: number;
  mainPid: number;
  execMainStatus: number | null;
}

/** Parses `systemctl show -p ActiveState,SubState,NRestarts,MainPID,ExecMainStatus` output; null when it has none of them. */
export function parseUnitState(text: string): UnitState | null {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) kv.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  if (!kv.has('ActiveState')) return null;
  const num = (k: string) => (kv.has(k) && kv.get(k) !== '' && Number.isFinite(Number(kv.get(k))) ? Number(kv.get(k)) : null);
  return { activeState: kv.get('ActiveState') ?? '', subState: kv.get('SubState') ?? '', nRestarts: num('NRestarts') ?? 0, mainPid: num('MainPID') ?? 0, execMainStatus: num('ExecMainStatus') };
}

/**
 * Why the etcd that started catching up is gone, or null while it runs. `baseline` is the state when
 * the watch began: a restart since means the catch-up begins again from what is on disk.
 */
export function unitExited(baseline: UnitState | null, now: UnitState): string | null {
  const status = now.execMainStatus !== null && now.execMainStatus !== 0 ? ` (status ${now.execMainStatus})` : '';
  if (now.activeState === 'failed') return `failed${status}`;
  if (now.subState === 'auto-restart') return `exited${status} and is waiting to be restarted by systemd`;
  if (now.activeState === 'inactive' || now.activeState === 'deactivating') return `stopped${status}`;
  if (baseline && now.nRestarts > baseline.nRestarts) return `exited${status} and was restarted by systemd ${now.nRestarts - baseline.nRestarts} time(s)`;
  if (baseline && baseline.mainPid > 0 && now.mainPid > 0 && now.mainPid !== baseline.mainPid) return `exited (pid ${baseline.mainPid}, now ${now.mainPid})`;
  return null;
}

/** Where the learner's host is looked at. */
export interface LearnerHostArgs {
  /** http://127.0.0.1:2381 (the template's --listen-metrics-urls); '' or absent: no metrics. */
  metricsUrl?: string;
  /** The systemd unit, e.g. etcd3. */
  unit: string;
  /** The member's data dir, for the size of the snapshot being received. */
  dataDir?: string;
}

/** One look at the learner's host. */
export interface LearnerHostSample extends LearnerMetrics {
  /** Bytes under <data dir>/member/snap (the received snapshot grows there); null when unreadable. */
  snapBytes: number | null;
  unit: UnitState | null;
}

const SEP = '--- ferry ---';

/** The unit's state and the snapshot dir's size, in one command. */
function hostCommand(a: LearnerHostArgs): string {
  const unit = `systemctl show -p ActiveState,SubState,NRestarts,MainPID,ExecMainStatus -- ${shq(a.unit)}`;
  const snap = a.dataDir ? `du -sb -- ${shq(`${a.dataDir}/member/snap`)} 2>/dev/null | cut -f1` : 'true';
  return `${unit}; echo ${shq(SEP)}; ${snap}`;
}

/** GET /metrics through `tunnel`, within `timeoutMs` (a frozen etcd accepts and never answers). */
function getMetrics(tunnel: Tunnel, path: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: tunnel.host, port: tunnel.port, path, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`metrics: HTTP ${res.statusCode}`));
      }
      let body = '';
      let size = 0;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        size += c.length;
        // etcd's page is ~100 KiB; more is not etcd.
        if (size > 4 << 20) req.destroy(new Error('metrics: page over 4 MiB'));
        else body += c;
      });
      res.on('end', () => resolve(body));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`metrics: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** The metrics counters, or nulls when the listener is off, refuses or does not answer in time. */
async function sampleMetrics(ctx: ModuleContext, metricsUrl: string): Promise<LearnerMetrics> {
  const url = new URL(metricsUrl);
  const port = Number(url.port || 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  try {
    const tunnel = await ctx.resources.get<Tunnel>(`etcd:metrics:${ctx.transport.name}:${host}:${port}`, () => ctx.transport.openTunnel(host, port), (t) => t.close());
    return parseMetrics(await getMetrics(tunnel, `${url.pathname.replace(/\/$/, '')}/metrics`, 2000));
  } catch {
    return { ...NO_METRICS };
  }
}

/** Samples the learner's host: metrics, unit state and received snapshot size, side by side. */
export async function sampleLearnerHost(ctx: ModuleContext, a: LearnerHostArgs): Promise<LearnerHostSample> {
  const [metrics, shown] = await Promise.all([
    a.metricsUrl ? sampleMetrics(ctx, a.metricsUrl) : Promise.resolve({ ...NO_METRICS }),
    ctx.transport.exec(hostCommand(a), { become: ctx.become, timeoutMs: 10_000, signal: ctx.signal }).catch(() => null),
  ]);
  const [unitText = '', snapText = ''] = (shown?.stdout ?? '').split(SEP);
  const snap = snapText.trim();
  return { ...metrics, snapBytes: /^\d+$/.test(snap) ? Number(snap) : null, unit: parseUnitState(unitText) };
}

/** The last lines etcd wrote to the journal: the reason it exited, in its own words. */
export async function unitJournalTail(ctx: ModuleContext, unit: string, lines = 8): Promise<string> {
  const r = await ctx.transport
    .exec(`journalctl -u ${shq(unit)} -n ${lines} --no-pager -o cat 2>&1 | tail -n ${lines}`, { become: ctx.become, timeoutMs: 10_000, signal: ctx.signal })
    .catch(() => null);
  const text = (r?.stdout ?? '').trim();
  return text === '' ? '(nothing in the journal)' : text.split('\n').map((l) => clip(l)).join(' | ');
}

/** A long journal line cut in the middle: etcd puts the reason at the end of a dump ("…: member count is unequal"). */
export function clip(line: string, max = 400): string {
  return line.length <= max ? line : `${line.slice(0, max / 2 - 10)} … ${line.slice(line.length - max / 2)}`;
}
