/** Runs the load generator (`load-worker.ts`) in a child process and returns what it measured. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load-worker.js';
import { fmtInt, fmtMs, fmtRatio, median, onCleanup, ROOT, table } from './util.js';

export type { LoadOptions, LoadResult };

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(options)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forget = onCleanup('stop the load generator', () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    // The worker stops by itself; this is only a backstop against a hung child.
    const limit = options.warmupMs + options.durationMs + options.responseTimeoutMs + 30_000;
    const killer = setTimeout(() => child.kill('SIGKILL'), limit);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => {
      clearTimeout(killer);
      forget();
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      forget();
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`load generator exited with ${code ?? signal}: ${err.trim() || out.trim()}`));
        return;
      }
      resolve(JSON.parse(last) as LoadResult);
    });
  });
}

/** One measured round of one target. */
export type RoundSample<T extends string> = { round: number; target: T; result: LoadResult };

/**
 * Prints the per-round table and the medians of a subject measured against a
 * baseline in alternating rounds, with ratios taken per round (so that noise
 * hits both sides) and their median.
 */
export function printComparison<T extends string>(
  samples: readonly RoundSample<T>[],
  rounds: number,
  baseline: { target: T; label: string },
  subject: { target: T; label: string },
): void {
  const of = (target: T) => samples.filter((s) => s.target === target).map((s) => s.result);
  const ratios = (pick: (r: LoadResult) => number) =>
    Array.from({ length: rounds }, (_, i) => {
      const b = samples.find((s) => s.round === i + 1 && s.target === baseline.target)?.result;
      const s = samples.find((x) => x.round === i + 1 && x.target === subject.target)?.result;
      return b && s ? pick(s) / pick(b) : Number.NaN;
    });
  const rps = (r: LoadResult) => r.rps;
  const p50 = (r: LoadResult) => r.latencyMs.p50;
  const p99 = (r: LoadResult) => r.latencyMs.p99;
  const line = (label: string, target: T) => [label, fmtInt(median(of(target).map(rps))), fmtMs(median(of(target).map(p50))), fmtMs(median(of(target).map(p99)))];
  console.log(
    table(
      ['round', 'target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'responses'],
      samples.map((s) => [
        String(s.round),
        s.target,
        fmtInt(s.result.rps),
        fmtMs(s.result.latencyMs.p50),
        fmtMs(s.result.latencyMs.p90),
        fmtMs(s.result.latencyMs.p99),
        fmtMs(s.result.latencyMs.max),
        fmtInt(s.result.requests),
      ]),
    ),
  );
  console.log('');
  console.log(
    table(
      [`median of ${rounds} rounds`, 'req/s', 'p50 ms', 'p99 ms'],
      [
        line(baseline.label, baseline.target),
        line(subject.label, subject.target),
        [`ratio ${subject.target} / ${baseline.target}`, fmtRatio(median(ratios(rps))), fmtRatio(median(ratios(p50))), fmtRatio(median(ratios(p99)))],
      ],
    ),
  );
  console.log('');
  console.log('  (ratios: the median of the per-round ratios; req/s: higher is better, latency: lower is better)');
}
