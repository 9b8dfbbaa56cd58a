// An `etcdctl endpoint status -w table` look-alike, so operators see the shape they know.

/** Bytes in SI units like etcdctl's humanize.Bytes: `20 kB`, `69 MB`. */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  const e = Math.min(units.length - 1, Math.floor(Math.log(n) / Math.log(1000)));
  const v = n / 1000 ** e;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[e]}`;
}

/** Renders a bordered table; headers centered, cells right-aligned except the first `leftCols`. */
export function renderTable(headers: string[], rows: string[][], leftCols = 2): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const center = (s: string, w: number): string => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const head = `|${headers.map((h, i) => ` ${center(h, widths[i]!)} `).join('|')}|`;
  const body = rows.map((r) => `|${widths.map((w, i) => {
    const c = r[i] ?? '';
    return ` ${i < leftCols ? c.padEnd(w) : c.padStart(w)} `;
  }).join('|')}|`);
  return [line, head, line, ...body, line].join('\n');
}
