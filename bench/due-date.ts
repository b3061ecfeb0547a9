/**
 * due-date: due-date arithmetic (server/modules/calendar/due-date.ts), pure
 * computation, against plain `Date` addition measured in the same run.
 *
 * - warm: `dueDate(calendar, start, {kind: 'working_days', amount})` on one
 *   calendar object, whose year tables (rules + decisions) and zone offsets
 *   are filled once and then reused — how a long computation (a report, a
 *   recalculation of many dossiers) runs.
 * - cold: the same with a new calendar object for every computation, as one
 *   API request builds it: the year's rules (lunar dates), the decisions table
 *   and the zone offsets from scratch.
 * - baseline: `new Date(start + amount × 86 400 000)`, the same inputs.
 *
 * Inputs: 10 000 cases from a seeded generator — starts uniform over
 * 2020-01-01…2030-12-31 (any time of day), durations 1–60 working days — cycled
 * through. Each round runs each subject for a fixed window, in rotating order;
 * the ratios are taken per round and their median reported.
 */
import { DEFAULT_SETTINGS, makeCalendar, type Decision } from '../server/modules/calendar/calendar.js';
import { dueDate, isWorkingTime } from '../server/modules/calendar/due-date.js';
import { envInt, fmtInt, fmtRatio, log, median, table, type Benchmark } from './lib/util.js';

const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
/** Each subject's window in a round: a fifth of BENCH_DURATION_MS (1 s by default). */
const WINDOW_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000) / 5;
const CASES = 10_000;
const DAY_MS = 86_400_000;

/** Mulberry32: a small seeded generator, so every run computes the same cases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const decision = (day: string, kind: Decision['kind']): Decision => ({
  id: day,
  unitId: null,
  day,
  kind,
  reason: 'Quyết định',
  reasonEn: null,
  reference: null,
  createdAt: new Date(0),
});
/** The 2025 decisions as decreed (Tết 25 Jan–2 Feb with 8 Feb worked; 2 May off, 26 April worked). */
const DECISIONS = [
  ...['2025-01-25', '2025-01-26', '2025-01-27', '2025-02-02'].map((d) => decision(d, 'day_off')),
  decision('2025-02-03', 'working_day'),
  decision('2025-02-08', 'working_day'),
  decision('2025-04-26', 'working_day'),
  decision('2025-05-02', 'day_off'),
];

type Case = { start: Date; amount: number };

function makeCases(): Case[] {
  const next = random(20_250_129);
  const from = Date.parse('2020-01-01T00:00:00+07:00');
  const to = Date.parse('2031-01-01T00:00:00+07:00');
  return Array.from({ length: CASES }, () => ({ start: new Date(from + Math.floor(next() * (to - from))), amount: 1 + Math.floor(next() * 60) }));
}

/** Runs `fn` over the cases, cycling, for the window; computations per second. */
function measure(cases: readonly Case[], fn: (c: Case) => number): { perSecond: number; sink: number } {
  let n = 0;
  let sink = 0;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < WINDOW_MS) {
    for (let i = 0; i < 200; i++) {
      const c = cases[n % cases.length];
      if (c) sink += fn(c);
      n += 1;
    }
    elapsed = performance.now() - began;
  }
  return { perSecond: (n * 1000) / elapsed, sink };
}

export const dueDateBench: Benchmark = {
  name: 'due-date',
  title: 'due-date arithmetic (1–60 working days, starts 2020–2030) vs. plain Date addition',
  run: async () => {
    const cases = makeCases();
    const warmCalendar = makeCalendar(DEFAULT_SETTINGS, DECISIONS);
    const subjects: Record<'warm' | 'cold' | 'baseline', (c: Case) => number> = {
      warm: (c) => dueDate(warmCalendar, c.start, { kind: 'working_days', amount: c.amount }).getTime(),
      cold: (c) => dueDate(makeCalendar(DEFAULT_SETTINGS, DECISIONS), c.start, { kind: 'working_days', amount: c.amount }).getTime(),
      baseline: (c) => new Date(c.start.getTime() + c.amount * DAY_MS).getTime(),
    };

    // Every answer is a working moment, and the warm and cold calendars agree.
    for (const c of cases) {
      const warm = dueDate(warmCalendar, c.start, { kind: 'working_days', amount: c.amount });
      if (!isWorkingTime(warmCalendar, warm)) throw new Error(`not a working moment: ${warm.toISOString()}`);
      if (subjects.cold(c) !== warm.getTime()) throw new Error(`warm and cold calendars disagree for ${c.start.toISOString()} + ${c.amount}`);
    }
    log(`${fmtInt(CASES)} cases checked: every due date is in working time; ${ROUNDS} rounds of ${fmtInt(WINDOW_MS)} ms per subject`);

    const names = Object.keys(subjects) as (keyof typeof subjects)[];
    const rates: Record<string, number[]> = { warm: [], cold: [], baseline: [] };
    let sink = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        if (!name) continue;
        const result = measure(cases, subjects[name]);
        sink += result.sink;
        rates[name]?.push(result.perSecond);
      }
      log(`round ${round + 1}: ${names.map((nm) => `${nm} ${fmtInt(rates[nm]?.at(-1) ?? Number.NaN)}/s`).join(', ')}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const ratio = (name: string) => median((rates[name] ?? []).map((r, i) => r / (rates.baseline?.[i] ?? Number.NaN)));
    console.log('');
    console.log(
      table(
        ['subject', 'computations/s (median)', 'per computation', 'vs. Date addition'],
        names.map((name) => {
          const perSecond = median(rates[name] ?? []);
          return [name, fmtInt(perSecond), `${(1e6 / perSecond).toFixed(2)} µs`, name === 'baseline' ? '1×' : fmtRatio(ratio(name))];
        }),
      ),
    );
    if (sink === 42) console.log(''); // keeps the results observable
  },
};
