// The one table `npm run bench` prints: a row per figure, its target and PASS/MISS.

export interface Row {
  section: string;
  metric: string;
  value: string;
  target?: string;
  /** undefined: informational, no target. */
  pass?: boolean;
}

export const rows: Row[] = [];

export function add(row: Row): void {
  rows.push(row);
}

export const ms = (value: number, digits = 2): string => `${value.toFixed(digits)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ratio = (value: number): string => `${value.toFixed(2)}x`;

/** The table as GitHub Markdown (readable in a terminal too). */
export function renderTable(list: Row[] = rows): string {
  const header = ['Section', 'Metric', 'Value', 'Target', 'Result'];
  const body = list.map((r) => [
    r.section,
    r.metric,
    r.value,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Sorted copy's value at quantile q (0..1), nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / (values.length || 1);

/** Runs fn `times` times and returns each run's duration in ms. */
export async function timeEach(times: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

export const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};
