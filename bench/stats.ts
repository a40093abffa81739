// Small statistics and timing helpers for the benchmark.

import { performance } from 'node:perf_hooks';
import * as os from 'node:os';

export interface Summary {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Median and nearest-rank 95th percentile. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { runs: 0, median: NaN, p95: NaN, min: NaN, max: NaN };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { runs: n, median, p95: sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)], min: sorted[0], max: sorted[n - 1] };
}

export function now(): number {
  return performance.now();
}

export function timeOnce(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export interface RepeatOptions {
  /** Untimed runs first (JIT warm-up). */
  warmup: number;
  minRuns: number;
  maxRuns: number;
  /** Stop after this many milliseconds once minRuns are done. */
  budgetMs: number;
}

/**
 * Runs several measured functions in turns (a, b, c, a, b, c, …), so a change in machine load
 * affects all of them alike and their ratio stays meaningful. Returns the samples of each.
 */
export function interleave(fns: Array<() => unknown>, options: RepeatOptions): number[][] {
  for (let i = 0; i < options.warmup; i++) for (const fn of fns) fn();
  const samples: number[][] = fns.map(() => []);
  const start = performance.now();
  for (let run = 0; run < options.maxRuns; run++) {
    if (run >= options.minRuns && performance.now() - start > options.budgetMs) break;
    // Alternate the order too: whichever runs first after a pause is not always the same one.
    const order = run % 2 === 0 ? fns.map((_, i) => i) : fns.map((_, i) => fns.length - 1 - i);
    for (const i of order) samples[i].push(timeOnce(fns[i]));
  }
  return samples;
}

export function loadAverage(): number {
  return os.loadavg()[0];
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(0)} kB`;
}
