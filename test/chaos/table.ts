// The chaos suite's table: per fault kind and in total, as Markdown (for the README) and per-run lines.
import type { RunRecord } from './run-one.js';

/** One line per run, as the suite goes. */
export function runLine(x: RunRecord): string {
  const outcome = x.completed ? (x.reruns ? `completed after ${x.reruns} rerun(s)` : 'completed') : 'NOT completed';
  return `#${x.n} ${x.kind}: ${x.what}; first run ${x.firstCode === null ? 'killed' : `exit ${x.firstCode}`}; ${outcome}; ` +
    `${x.acked} acked, ${x.lost} lost, ${x.quorumLosses} quorum losses; ${x.seconds.toFixed(0)} s${x.problems.length ? `\n    PROBLEMS: ${x.problems.join('\n    ')}` : ''}`;
}

/** The summary table: runs, faults by kind, reruns needed, acknowledged writes, lost, quorum losses, time. */
export function summaryTable(runs: RunRecord[], totalSeconds: number): string {
  const kinds = [...new Set(runs.map((r) => r.kind))];
  const row = (label: string, xs: RunRecord[]) => {
    const sum = (f: (r: RunRecord) => number) => xs.reduce((n, r) => n + f(r), 0);
    return `| ${label} | ${xs.length} | ${xs.filter((r) => r.completed).length} | ${xs.filter((r) => r.reruns > 0).length} (${sum((r) => r.reruns)}) | ` +
      `${sum((r) => r.acked)} | ${sum((r) => Math.max(0, r.lost))} | ${sum((r) => r.quorumLosses)} | ${sum((r) => r.twoLearners)} | ` +
      `${xs.filter((r) => r.problems.length).length} | ${(sum((r) => r.seconds) / Math.max(1, xs.length)).toFixed(0)} s |`;
  };
  return [
    '| fault | runs | completed | needed a rerun (reruns) | acknowledged writes | lost | quorum losses | two-learner samples | runs with a failed check | mean time |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...kinds.map((k) => row(k, runs.filter((r) => r.kind === k))),
    row('**all**', runs),
    '',
    `${runs.length} runs in ${(totalSeconds / 60).toFixed(1)} min.`,
  ].join('\n');
}
