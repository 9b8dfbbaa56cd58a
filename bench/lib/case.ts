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
  /** Runs once after the rounds, even when one failed (closing control masters). */
  cleanup?: () => Promise<void>;
}

/** A case's outcome: every method's timings. */
export interface CaseResult {
  title: string;
  baseline: string;
  rows: Array<{ name: string; times: Timing[] }>;
}

/** Runs every method once per round, rotating the order each round so none always goes first. */
export async function runCase(c: Case, rounds: number, say: (line: string) => void): Promise<CaseResult> {
  const times = new Map<string, Timing[]>(c.methods.map((m) => [m.name, []]));
  try {
    await c.prepare?.();
    for (let r = 0; r < rounds; r++) {
      const order = c.methods.map((_, i) => c.methods[(i + r) % c.methods.length]);
      for (const m of order) {
        const t = await m.run();
        times.get(m.name)!.push(t);
        say(`  ${c.title}: round ${r + 1}/${rounds} ${m.name}: ${ms(t.ms)}`);
      }
    }
  } finally {
    await c.cleanup?.();
  }
  return { title: c.title, baseline: c.baseline, rows: c.methods.map((m) => ({ name: m.name, times: times.get(m.name)! })) };
}

/** Table rows: median, min, max, each method against the baseline, and CPU/RSS where measured. */
export function resultRows(r: CaseResult): { header: Row; rows: Row[] } {
  const base = median(r.rows.find((x) => x.name === r.baseline)!.times.map((t) => t.ms));
  const withCpu = r.rows.some((x) => x.times.some((t) => t.cpuMs !== undefined));
  const header = ['method', 'median', 'min', 'max', `vs ${r.baseline}`, ...(withCpu ? ['CPU', 'peak RSS'] : [])];
  const rows = r.rows.map((x) => {
    const wall = x.times.map((t) => t.ms);
    const m = median(wall);
    const cpu = x.times.map((t) => t.cpuMs).filter((v): v is number => v !== undefined);
    const rss = x.times.map((t) => t.rssMb).filter((v): v is number => v !== undefined);
    const extra = withCpu ? [cpu.length ? ms(median(cpu)) : '', rss.length ? `${Math.round(median(rss))} MB` : ''] : [];
    return [x.name, ms(m), ms(Math.min(...wall)), ms(Math.max(...wall)), ratio(m / base), ...extra];
  });
  return { header, rows };
}
