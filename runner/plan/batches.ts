// `serial`: the play runs batch by batch; sizes are counts or percentages, the last one repeating.

/** Size of one batch for `spec` out of `total` hosts: percentages round down, never below 1. */
export function batchSize(spec: number | string, total: number): number {
  if (typeof spec === 'string' && spec.trim().endsWith('%')) {
    return Math.max(1, Math.floor((total * Number.parseFloat(spec)) / 100));
  }
  const n = Number(spec);
  return n > 0 ? Math.floor(n) : total;
}

/** Splits `hosts` into batches; an empty `serial` (or 0) is one batch of every host. */
export function serialBatches(hosts: string[], serial: Array<number | string>): string[][] {
  if (hosts.length === 0) return [];
  if (serial.length === 0) return [hosts];
  const batches: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = Math.max(1, batchSize(serial[Math.min(k, serial.length - 1)], hosts.length));
    batches.push(hosts.slice(i, i + size));
    i += size;
    k++;
  }
  return batches;
}
