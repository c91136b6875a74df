/** Timing helpers and the printed report. Benchmarks print; they never fail a build. */
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Runs fn `runs` times (after `warmup` unmeasured runs) and returns each duration in ms. */
export function timeSync(fn: () => unknown, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

export interface Row {
  suite: string;
  name: string;
  value: string;
  budget?: string;
  verdict?: 'ok' | 'OVER';
}

const rows: Row[] = [];

/** Records a measured figure against an optional budget (in ms unless unit says otherwise). */
export function record(suite: string, name: string, ms: number, budgetMs?: number, unit = 'ms'): void {
  const row: Row = { suite, name, value: `${ms.toFixed(ms < 10 ? 2 : 1)} ${unit}` };
  if (budgetMs !== undefined) {
    row.budget = `≤ ${budgetMs} ${unit}`;
    row.verdict = ms <= budgetMs ? 'ok' : 'OVER';
  }
  rows.push(row);
  console.log(
    `  ${name.padEnd(58)} ${row.value.padStart(12)} ${row.budget ? `(budget ${row.budget}: ${row.verdict})` : ''}`,
  );
}

/** Records a figure that is not a duration (a rate, a ratio, a size). */
export function note(suite: string, name: string, value: string, budget?: string, ok?: boolean): void {
  const row: Row = { suite, name, value, budget, verdict: ok === undefined ? undefined : ok ? 'ok' : 'OVER' };
  rows.push(row);
  console.log(
    `  ${name.padEnd(58)} ${value.padStart(12)} ${budget ? `(budget ${budget}: ${row.verdict})` : ''}`,
  );
}

export function summary(): Row[] {
  return rows;
}
