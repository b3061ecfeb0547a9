/**
 * Runs the load generator (`load-worker.ts`) in a child process and returns
 * what it measured; runs an in-process loop (a database baseline) measured the
 * same way; runs targets in rotating order over rounds and prints the comparison.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load-worker.js';
import { fmtInt, fmtMs, fmtRatio, log, median, onCleanup, percentile, ROOT, table } from './util.js';

export type { LoadOptions, LoadResult };

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Through stdin: rotations of bodies can be larger than a command-line argument may be.
    child.stdin.on('error', () => undefined); // a worker that died early is reported on close
    child.stdin.end(JSON.stringify(options));
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

/** Settings of an in-process loop: as LoadOptions, without the HTTP parts. */
export type LoopOptions = Pick<LoadOptions, 'connections' | 'warmupMs' | 'durationMs' | 'maxRequests'>;

/**
 * `connections` concurrent loops, each awaiting `operation` and starting the
 * next, with the load generator's window (warm-up not counted, then the
 * measured window; stops by itself after it or after `maxRequests`). An
 * operation that throws counts as an error and ends its loop. The result has
 * the load generator's shape (statuses: "ok"), so it prints alike.
 */
export async function runLoop(options: LoopOptions, operation: () => Promise<void>): Promise<LoadResult> {
  const start = performance.now();
  const windowStart = start + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  const latencies: number[] = [];
  let sent = 0;
  let done = 0;
  let errors = 0;
  let firstError: string | null = null;
  const loop = async () => {
    while (performance.now() < windowEnd && sent < options.maxRequests) {
      sent += 1;
      const t0 = performance.now();
      try {
        await operation();
      } catch (err) {
        errors += 1;
        firstError ??= String(err);
        return;
      }
      const t1 = performance.now();
      done += 1;
      if (t1 >= windowStart && t1 < windowEnd) latencies.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  latencies.sort((a, b) => a - b);
  const windowMs = Math.max(0, Math.min(windowEnd, performance.now()) - windowStart);
  return {
    requests: latencies.length,
    windowMs,
    rps: windowMs > 0 ? (latencies.length * 1000) / windowMs : 0,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      mean: latencies.length > 0 ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Number.NaN,
    },
    statuses: latencies.length > 0 ? { ok: latencies.length } : {},
    errors,
    firstError,
    total2xx: done,
    totalResponses: done,
  };
}

/** One measured round of one target. */
export type RoundSample<T extends string> = { round: number; target: T; result: LoadResult };

/** Aborts on any error, any status but 2xx (or "ok" from `runLoop`), or an empty window. */
export function checkClean<T extends string>(s: RoundSample<T>): void {
  const bad = Object.entries(s.result.statuses).filter(([status]) => !status.startsWith('2') && status !== 'ok');
  if (s.result.errors > 0 || bad.length > 0 || s.result.requests === 0) {
    throw new Error(
      `${s.target} round ${s.round}: ${s.result.requests} responses, statuses ${JSON.stringify(s.result.statuses)}, ` +
        `${s.result.errors} errors${s.result.firstError ? ` (first: ${s.result.firstError})` : ''}`,
    );
  }
}

/**
 * Measures every target once per round, the order rotating from round to
 * round (so that none always runs first, or after the same one); each sample
 * is checked with `checkClean`.
 */
export async function runRounds<T extends string>(rounds: number, targets: readonly T[], measure: (target: T) => Promise<LoadResult>): Promise<RoundSample<T>[]> {
  const samples: RoundSample<T>[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(k + round - 1) % targets.length] as T;
      log(`round ${round}/${rounds}: ${target}…`);
      const sample = { round, target, result: await measure(target) };
      checkClean(sample);
      samples.push(sample);
    }
  }
  return samples;
}

/**
 * Prints the per-round table and the medians of one or more subjects measured
 * against a baseline in alternating rounds, with ratios taken per round (so
 * that noise hits both sides) and their median.
 */
export function printComparison<T extends string>(
  samples: readonly RoundSample<T>[],
  rounds: number,
  baseline: { target: T; label: string },
  ...subjects: { target: T; label: string }[]
): void {
  const of = (target: T) => samples.filter((s) => s.target === target).map((s) => s.result);
  const ratios = (subject: T, pick: (r: LoadResult) => number) =>
    Array.from({ length: rounds }, (_, i) => {
      const b = samples.find((s) => s.round === i + 1 && s.target === baseline.target)?.result;
      const s = samples.find((x) => x.round === i + 1 && x.target === subject)?.result;
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
        ...subjects.map((s) => line(s.label, s.target)),
        ...subjects.map((s) => [
          `ratio ${s.target} / ${baseline.target}`,
          fmtRatio(median(ratios(s.target, rps))),
          fmtRatio(median(ratios(s.target, p50))),
          fmtRatio(median(ratios(s.target, p99))),
        ]),
      ],
    ),
  );
  console.log('');
  console.log('  (ratios: the median of the per-round ratios; req/s: higher is better, latency: lower is better)');
}
