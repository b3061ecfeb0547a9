/** Small helpers shared by the benchmarks: ports, temp dirs, clean-up, statistics, tables. */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- clean-up

type Cleanup = { what: string; fn: () => Promise<void> | void };
const cleanups: Cleanup[] = [];

/** Registers an undo step; `runCleanups` runs them newest first. Returns a remover. */
export function onCleanup(what: string, fn: () => Promise<void> | void): () => void {
  const entry: Cleanup = { what, fn };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

let running: Promise<void> | undefined;

/**
 * Runs (and forgets) every registered clean-up step, one at a time; errors are
 * reported, not thrown. A second caller (Ctrl-C while a benchmark is failing)
 * waits for the same run instead of starting another.
 */
export function runCleanups(): Promise<void> {
  running ??= (async () => {
    try {
      for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) {
        try {
          await withTimeout(Promise.resolve(entry.fn()), 30_000, `clean-up: ${entry.what}`);
        } catch (err) {
          console.error(`  clean-up failed (${entry.what}): ${String(err)}`);
        }
      }
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/** A temporary directory PostgreSQL may use (it runs as `postgres` when we are root); removed at clean-up. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await sleep(20);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// ---------------------------------------------------------------- statistics

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The nearest-rank percentile of an ascending array. */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return Number.NaN;
  const rank = Math.min(sortedAsc.length, Math.max(1, Math.ceil((p / 100) * sortedAsc.length)));
  return sortedAsc[rank - 1] ?? Number.NaN;
}

// ---------------------------------------------------------------- formatting

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–';
}

export function fmtMs(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

export function fmtRatio(n: number): string {
  if (!Number.isFinite(n)) return '–';
  return n >= 10 ? `${n.toFixed(1)}×` : n >= 0.1 ? `${n.toFixed(2)}×` : `${n.toFixed(3)}×`;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) =>
    indent +
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('   ')
      .trimEnd();
  const rule = indent + widths.map((w) => '─'.repeat(w)).join('   ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- benchmarks

/** One benchmark: `run` prints its own results and leaves its clean-up to `onCleanup`. */
export type Benchmark = { name: string; title: string; run: () => Promise<void> };

/** A progress line. */
export function log(message: string): void {
  console.log(`  · ${message}`);
}

/** An integer setting from the environment (for a longer or shorter run), within bounds. */
export function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return n;
}
