// A bench case: methods doing the same work, run alternately for several rounds, medians compared.
import { median, type Timing } from './exec.js';
import { ms, ratio, type Row } from './table.js';

/** One way of doing the case's work. */
export interface Method {
  name: string;
  run: () => Promise<Timing>;
}

/** The same work done by ferry and its anchors. */
export interface Case {
  title: string;
  /** The method the others are compared with (ferry's). */
  baseline: string;
  methods: Method[];
  /** Runs once before the rounds (converging hosts, warming caches). */
  prepare?: () => Promise<void>;
  /** Record a failed run and go on (scale runs: a failure is a finding), instead of stopping. */
  tolerant?: boolean;
  /** Runs once after the rounds, even when one failed (closing control masters). */
  cleanup?: () => Promise<void>;
}

/** A case's outcome: every method's timings. */
export interface CaseResult {
  title: string;
  baseline: string;
  rows: Array<{ name: string; times: Timing[]; failures: string[] }>;
}

/** Runs every method once per round, rotating the order each round so none always goes first. */
export async function runCase(c: Case, rounds: number, say: (line: string) => void): Promise<CaseResult> {
  const times = new Map<string, Timing[]>(c.methods.map((m) => [m.name, []]));
  const failures = new Map<string, string[]>(c.methods.map((m) => [m.name, []]));
  try {
    await c.prepare?.();
    for (let r = 0; r < rounds; r++) {
      const order = c.methods.map((_, i) => c.methods[(i + r) % c.methods.length]);
      for (const m of order) {
        try {
          const t = await m.run();
          times.get(m.name)!.push(t);
          say(`  ${c.title}: round ${r + 1}/${rounds} ${m.name}: ${ms(t.ms)}`);
        } catch (e) {
          if (!c.tolerant) throw e;
          failures.get(m.name)!.push(e instanceof Error ? e.message : String(e));
          say(`  ${c.title}: round ${r + 1}/${rounds} ${m.name}: FAILED ${failures.get(m.name)!.at(-1)!.slice(0, 300)}`);
        }
      }
    }
  } finally {
    await c.cleanup?.();
  }
  return { title: c.title, baseline: c.baseline, rows: c.methods.map((m) => ({ name: m.name, times: times.get(m.name)!, failures: failures.get(m.name)! })) };
}

/** Table rows: median, min, max, each method against the baseline, CPU/RSS where measured, failures. */
export function resultRows(r: CaseResult, perHost = 0): { header: Row; rows: Row[] } {
  const baseTimes = r.rows.find((x) => x.name === r.baseline)!.times.map((t) => t.ms);
  const base = baseTimes.length ? median(baseTimes) : NaN;
  const withCpu = r.rows.some((x) => x.times.some((t) => t.cpuMs !== undefined));
  const failed = r.rows.some((x) => x.failures.length > 0);
  const header = ['method', 'median', 'min', 'max', `vs ${r.baseline}`, ...(withCpu ? ['CPU', ...(perHost ? ['CPU per host'] : []), 'peak RSS'] : []), ...(failed ? ['failed runs'] : [])];
  const rows = r.rows.map((x) => {
    const wall = x.times.map((t) => t.ms);
    const fails = failed ? [String(x.failures.length)] : [];
    if (!wall.length) return [x.name, 'failed', '', '', '', ...(withCpu ? ['', ...(perHost ? [''] : []), ''] : []), ...fails];
    const m = median(wall);
    const cpu = x.times.map((t) => t.cpuMs).filter((v): v is number => v !== undefined);
    const rss = x.times.map((t) => t.rssMb).filter((v): v is number => v !== undefined);
    const perHostCell = perHost ? [cpu.length ? ms(median(cpu) / perHost) : ''] : [];
    const extra = withCpu ? [cpu.length ? ms(median(cpu)) : '', ...perHostCell, rss.length ? `${Math.round(median(rss))} MB` : ''] : [];
    return [x.name, ms(m), ms(Math.min(...wall)), ms(Math.max(...wall)), Number.isNaN(base) ? '' : ratio(m / base), ...extra, ...fails];
  });
  return { header, rows };
}
