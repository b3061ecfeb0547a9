/**
 * province: the reports on a province's database (bench/generate-province.ts:
 * `npm run bench:generate -- --dossiers 10000000`), then the cost of keeping
 * the rollups current. Not in the default `npm run bench` (it needs the
 * generated directory): `npm run bench -- province`; without the directory
 * it says how to make it and stops.
 *
 * - **reads**: the report paths a leader (and the public) hits, one request at
 *   a time (the latency one person sees), each BENCH_PROVINCE_WARMUP times
 *   unmeasured (at most ~5 s), then BENCH_PROVINCE_REQUESTS times (fewer when
 *   a path is slow: at most ~20 s each, at least 5), as a leader at the province: the
 *   statistics of the province's year, alone and with the units under it
 *   (`includeDescendants=true`), of a commune's month, of the year for one
 *   procedure; the service index of a commune and of the province; the public
 *   board of the province and of a commune (its rate limit is per address:
 *   each request has an X-Forwarded-For of its own); the leader dashboard
 *   when the app has the route (`GET /api/v1/reports/dashboard`). Printed:
 *   p50/p95/p99/max per path against the aim p99 < 200 ms, and for every path
 *   over it the `EXPLAIN (ANALYZE, BUFFERS)` of its slowest query, exactly as
 *   the app sends it (captured from drizzle's logger), with each query's time.
 *   BENCH_PROVINCE_TRY_INDEXES=1 also re-measures the slow paths with an index
 *   on the rollups' (grain, period) created for the run and dropped after
 *   (it did not help: see bench/README.md).
 * - **intake**: `POST /api/v1/dossiers` (accepted, Idempotency-Key each) by a
 *   receptionist of a commune, 10 connections, with the report triggers of
 *   `dossiers` enabled and disabled (`ALTER TABLE dossiers DISABLE TRIGGER
 *   reports_dossiers_changed_insert, reports_dossiers_changed_update`),
 *   alternating in BENCH_ROUNDS rounds; the triggers are enabled again in a
 *   finally (and at clean-up on Ctrl-C). The ratio on/off is the cost of
 *   keeping the rollups current (aim ≥ 0.9). The dossiers taken in with the
 *   triggers off then get the events their triggers would have appended (the
 *   same function, `reports_dossier_events`), so the province's figures stay
 *   right for the next run.
 *
 * The app runs without its job runner, so the events of the intakes stay
 * unfolded until a fold (`npm run bench:generate` folds them).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client.js';
import type { StaffActor, ServiceContext } from '../server/http/context.js';
import { systemClock } from '../server/http/context.js';
import { scopeRoots } from '../server/http/permissions.js';
import * as org from '../server/modules/org/service.js';
import { board } from '../server/modules/reports/board.js';
import { dashboard } from '../server/modules/reports/dashboard.js';
import { pendingEvents } from '../server/modules/reports/queries.js';
import { MEASURE_COLUMNS } from '../server/modules/reports/schema.js';
import { serviceIndex } from '../server/modules/reports/service-index-report.js';
import { statistics } from '../server/modules/reports/service.js';
import { INTAKE_BODY } from './dossiers.js';
import { DEFAULT_DIR } from './generate-province.js';
import { call, expect, firstSignIn, type Session } from './lib/api.js';
import { startBenchApp } from './lib/app.js';
import { captureQueries, explainAnalyze, type CapturedQuery } from './lib/explain.js';
import { printComparison, runLoad, runRounds, type LoadResult } from './lib/load.js';
import { envInt, fmtInt, fmtMs, fmtRatio, log, median, onCleanup, percentile, table, type Benchmark } from './lib/util.js';

const DIR = process.env.BENCH_PROVINCE_DIR ?? DEFAULT_DIR;
const WARMUP = envInt('BENCH_PROVINCE_WARMUP', 3, 0, 100);
const REQUESTS = envInt('BENCH_PROVINCE_REQUESTS', 50, 5, 10_000);
const PATH_BUDGET_MS = 20_000;
const MIN_SAMPLES = 5;
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 256);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1_000, 0, 10_000);
const DURATION_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
const READ_AIM_MS = 200;
/** BENCH_PROVINCE_TRY_INDEXES=1: re-measure the slow paths with PROPOSED_INDEXES (created for the run, dropped after). */
const TRY_INDEXES = process.env.BENCH_PROVINCE_TRY_INDEXES === '1';
const INTAKE_AIM = 0.9;
/** The commune read and the one taking the intakes. */
const COMMUNE = (root: string) => `${root}.X042`;
const INTAKE_COMMUNE = (root: string) => `${root}.X100`;
const TRIGGERS = ['reports_dossiers_changed_insert', 'reports_dossiers_changed_update'] as const;

/** Plan lines name every unit id of a province: cut them short. */
const clip = (line: string, max = 240) => (line.length > max ? `${line.slice(0, max)}…` : line);

/**
 * Indexes proposed for the slow reads, tried here only (created, measured, dropped:
 * the schema is the migrations'): the rollups' prefix sums filter on grain and
 * period ranges, which the unique key (unit_id first) cannot serve.
 */
const PROPOSED_INDEXES = [
  ['bench_report_rollup_grain_period_idx', 'report_rollup (grain, period, unit_id)'],
  ['bench_report_durations_grain_period_idx', 'report_durations (grain, period, unit_id)'],
] as const;

type ReadPath = { label: string; path: string; service: (ctx: ServiceContext) => Promise<unknown> };
type Timing = { label: string; path: string; n: number; p50: number; p95: number; p99: number; max: number };

async function timeRequests(base: string, session: Session, p: ReadPath, xff: () => string): Promise<Timing> {
  const once = async () => {
    const started = performance.now();
    const reply = await call(base, 'GET', p.path, { ...session, headers: { accept: 'application/json', 'x-forwarded-for': xff() } });
    expect(reply, 200, p.label);
    return performance.now() - started;
  };
  // Warm-up and measurement both bounded in time: a path of seconds gets a few samples, not fifty.
  const warmStart = performance.now();
  for (let i = 0; i < WARMUP && performance.now() - warmStart < PATH_BUDGET_MS / 4; i++) await once();
  const times: number[] = [];
  const began = performance.now();
  while (times.length < REQUESTS && (times.length < MIN_SAMPLES || performance.now() - began < PATH_BUDGET_MS)) times.push(await once());
  times.sort((a, b) => a - b);
  return { label: p.label, path: p.path, n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1) ?? Number.NaN };
}

function timingTable(list: readonly Timing[]): string {
  return table(
    ['path', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', `p99 < ${READ_AIM_MS} ms`],
    list.map((t) => [t.label, String(t.n), fmtMs(t.p50, 1), fmtMs(t.p95, 1), fmtMs(t.p99, 1), fmtMs(t.max, 1), t.p99 < READ_AIM_MS ? 'met' : 'NOT met']),
  );
}

/** Every query of a path as the app sends it, each EXPLAIN ANALYZEd; the slowest first. */
async function explainPath(database: Database, ctxOf: (db: Database) => ServiceContext, p: ReadPath) {
  const queries = await captureQueries(database, (spy) => p.service(ctxOf(spy)));
  const planned: { q: CapturedQuery; ms: number; plan: string[] }[] = [];
  for (const q of queries.filter((x) => /^\s*(select|with|\()/i.test(x.sql))) {
    const plan = await explainAnalyze(database, q);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan.at(-1) ?? '')?.[1] ?? Number.NaN);
    planned.push({ q, ms, plan });
  }
  return planned.sort((a, b) => (b.ms || 0) - (a.ms || 0));
}

export const provinceBench: Benchmark = {
  name: 'province',
  title: 'Reports on a province (generated: npm run bench:generate), and intake with the rollup triggers on vs. off',
  run: async () => {
    if (!process.env.DATABASE_URL && !existsSync(join(DIR, 'pg', 'PG_VERSION'))) {
      log(`skipped: no generated province in ${DIR} (BENCH_PROVINCE_DIR). Make one with`);
      log(`  npm run bench:generate -- --dossiers 10000000 --dir ${DIR}   (hours; --dossiers 200000 for a quick one)`);
      return;
    }
    if (existsSync(join(DIR, 'province-state.json'))) {
      log(`skipped: the generation in ${DIR} is not finished (indexes not rebuilt yet); run npm run bench:generate again with the same --dossiers`);
      return;
    }
    const { database, base, port } = await startBenchApp({ prefix: 'unused', dir: DIR, config: { trustProxy: true } });
    const db = database.db;
    const rows = async <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => (await db.execute<T>(q)).rows;

    // ------------------------------------------------------------ the database

    const root = (await rows<{ id: string; code: string }>(sql`SELECT id, code FROM units WHERE parent_id IS NULL`))[0];
    if (!root) throw new Error('no root unit');
    const commune = (await rows<{ id: string }>(sql`SELECT id FROM units WHERE code = ${COMMUNE(root.code)}`))[0];
    const intakeUnit = (await rows<{ id: string }>(sql`SELECT id FROM units WHERE code = ${INTAKE_COMMUNE(root.code)}`))[0];
    if (!commune || !intakeUnit) throw new Error(`${DIR} is not a generated province (no ${COMMUNE(root.code)} or ${INTAKE_COMMUNE(root.code)})`);
    log('reading the mix (counts over the dossiers)…');
    const [mix] = await rows<Record<string, number>>(sql`
      SELECT count(*)::float8 AS total, min(received_at)::date::text AS first, max(received_at)::date::text AS last,
             avg((channel = 'online')::int)::float8 AS online,
             avg((status = 'returned' AND timeliness IN ('early', 'on_time'))::int)::float8 AS on_time, avg((timeliness = 'late')::int)::float8 AS late,
             avg((outcome = 'rejected')::int)::float8 AS refused, avg((status = 'stopped')::int)::float8 AS stopped, avg(withdrawn::int)::float8 AS withdrawn,
             avg((status IN ('pending_acceptance', 'processing', 'supplement_requested', 'payment_requested'))::int)::float8 AS open,
             count(*) FILTER (WHERE status IN ('processing', 'payment_requested') AND due_at < now())::float8 AS overdue,
             avg(visits)::float8 AS visits
      FROM dossiers`);
    const [ratings] = await rows<{ n: number }>(sql`SELECT count(*)::float8 AS n FROM feedback_ratings`);
    const sizes = await rows<{ t: string; rows: number; size: string }>(sql`
      SELECT c.relname AS t, c.reltuples::float8 AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
      FROM pg_class c WHERE c.relname IN ('dossiers', 'feedback_ratings', 'report_rollup', 'report_durations', 'report_events', 'report_duration_events')
      ORDER BY pg_total_relation_size(c.oid) DESC`);
    const pending = await pendingEvents(db);

    // ------------------------------------------------------------ who reads, who takes in

    const sys: ServiceContext = { database, clock: systemClock, actor: { kind: 'system' }, ip: null };
    const tag = randomBytes(4).toString('hex');
    const password = `Bench-${randomBytes(15).toString('base64url')}`;
    const leaderRoles = [{ role: 'leader' as const, unitId: root.id }];
    const leaderName = `bench.leader.${tag}`;
    await org.createStaff(sys, { username: leaderName, fullName: 'Lãnh đạo tỉnh (benchmark)', unitId: root.id, roles: leaderRoles }, { password, mustChangePassword: false });
    const leader = await firstSignIn(base, leaderName, password, leaderRoles, false);
    const receptionRoles = [{ role: 'receptionist' as const, unitId: intakeUnit.id }];
    const receptionName = `bench.reception.${tag}`;
    await org.createStaff(sys, { username: receptionName, fullName: 'Cán bộ tiếp nhận (benchmark)', unitId: intakeUnit.id, roles: receptionRoles }, { password, mustChangePassword: false });
    const receptionist = await firstSignIn(base, receptionName, password, receptionRoles, false);
    await db.execute(sql`INSERT INTO counters (unit_id, code, name) VALUES (${intakeUnit.id}, 'Q1', 'Quầy Q1') ON CONFLICT DO NOTHING`);

    const actor: StaffActor = { kind: 'staff', staffId: leader.staffId, username: leaderName, unitId: root.id, sessionId: 'bench', grants: leaderRoles, scope: (p) => scopeRoots(leaderRoles, p) };
    const ctxOf = (spy: Database): ServiceContext => ({ database: spy, clock: systemClock, actor, ip: '127.0.0.1' });
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const stats = (q: Record<string, string>) => {
      const query = { unit: root.code, period: 'year', from: today, includeDescendants: 'false', ...q } as Parameters<typeof statistics>[1];
      return { path: `/api/v1/reports/statistics?${new URLSearchParams(q as Record<string, string>).toString()}`, service: (ctx: ServiceContext) => statistics(ctx, query) };
    };
    const paths: ReadPath[] = [
      { label: 'statistics: province, year', ...stats({ unit: root.code, period: 'year', from: today }) },
      { label: 'statistics: province + units under it, year', ...stats({ unit: root.code, period: 'year', from: today, includeDescendants: 'true' }) },
      { label: `statistics: commune ${COMMUNE(root.code)}, month`, ...stats({ unit: COMMUNE(root.code), period: 'month', from: today }) },
      { label: 'statistics: province + under it, year, procedure 1.001193', ...stats({ unit: root.code, period: 'year', from: today, includeDescendants: 'true', procedure: '1.001193' }) },
      { label: `service index: commune ${COMMUNE(root.code)}, ${year}`, path: `/api/v1/reports/service-index?unit=${COMMUNE(root.code)}&year=${year}`, service: (ctx) => serviceIndex(ctx, { unit: COMMUNE(root.code), year }) },
      { label: `service index: province ${root.code}, ${year}`, path: `/api/v1/reports/service-index?unit=${root.code}&year=${year}`, service: (ctx) => serviceIndex(ctx, { unit: root.code, year }) },
      { label: 'public board: province', path: '/api/v1/public/board', service: (ctx) => board({ ...ctx, actor: { kind: 'anonymous' }, ip: `10.9.${tag.length}.1` }) },
      { label: `public board: commune ${COMMUNE(root.code)}`, path: `/api/v1/public/board/${COMMUNE(root.code)}`, service: (ctx) => board({ ...ctx, actor: { kind: 'anonymous' }, ip: '10.9.0.2' }, COMMUNE(root.code)) },
      {
        label: 'dashboard: province + under it, last 12 months',
        path: `/api/v1/reports/dashboard?unit=${root.code}&includeDescendants=true`,
        service: (ctx) => dashboard(ctx, { unit: root.code, includeDescendants: 'true' }),
      },
    ];

    // ------------------------------------------------------------ reads

    let address = 0;
    const xff = () => {
      address += 1;
      return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
    };
    const timings: Timing[] = [];
    for (const p of paths) {
      log(`reads: ${p.label}…`);
      timings.push(await timeRequests(base, leader, p, xff));
    }
    const slow = timings.filter((t) => t.p99 >= READ_AIM_MS);
    const plans: { label: string; planned: Awaited<ReturnType<typeof explainPath>> }[] = [];
    for (const t of slow) {
      const p = paths.find((x) => x.label === t.label);
      if (p) plans.push({ label: p.label, planned: await explainPath(database, ctxOf, p) });
    }
    // The slow paths again with the proposed indexes (then dropped again).
    const retimed: Timing[] = [];
    const retimedPlans: typeof plans = [];
    if (TRY_INDEXES && slow.length > 0) {
      const drop = async () => {
        for (const [name] of PROPOSED_INDEXES) await db.execute(sql.raw(`DROP INDEX IF EXISTS ${name}`));
      };
      const undo = onCleanup('drop the proposed indexes', drop);
      try {
        log('trying the proposed indexes…');
        for (const [name, on] of PROPOSED_INDEXES) await db.execute(sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`));
        for (const t of ['report_rollup', 'report_durations']) await db.execute(sql.raw(`ANALYZE ${t}`));
        for (const t of slow) {
          const p = paths.find((x) => x.label === t.label);
          if (!p) continue;
          retimed.push(await timeRequests(base, leader, p, xff));
          retimedPlans.push({ label: p.label, planned: await explainPath(database, ctxOf, p) });
        }
      } finally {
        await drop();
        undo();
      }
    }

    // ------------------------------------------------------------ intake, triggers on vs. off

    const setTriggers = async (on: boolean) => {
      for (const trigger of TRIGGERS) await db.execute(sql.raw(`ALTER TABLE dossiers ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${trigger}`));
    };
    const restore = onCleanup('enable the report triggers again', () => setTriggers(true));
    const runId = randomBytes(4).toString('hex');
    let round = 0;
    let samples: Awaited<ReturnType<typeof runRounds<'on' | 'off'>>>;
    try {
      samples = await runRounds<'on' | 'off'>(ROUNDS, ['on', 'off'], async (target): Promise<LoadResult> => {
        round += 1;
        await setTriggers(target === 'on');
        return runLoad({
          port,
          path: '/api/v1/dossiers',
          method: 'POST',
          body: JSON.stringify(INTAKE_BODY),
          headers: { cookie: receptionist.cookie, 'x-csrf-token': receptionist.csrf, accept: 'application/json' },
          vary: { name: 'idempotency-key', kind: 'key', prefix: `prov-${target}-${runId}-${round}-` },
          connections: CONNECTIONS,
          warmupMs: WARMUP_MS,
          durationMs: DURATION_MS,
          maxRequests: 2_000_000,
          responseTimeoutMs: 30_000,
        });
      });
    } finally {
      await setTriggers(true);
      restore();
    }
    // What the insert trigger would have appended for the dossiers taken in with it off (they are new: the INSERT contribution).
    const cols = sql.raw(MEASURE_COLUMNS.join(', '));
    const values = sql.raw(MEASURE_COLUMNS.map((m) => `coalesce(sum(e.value) FILTER (WHERE e.measure = '${m}'), 0)`).join(', '));
    // A database generated before the function took a dossier row (migration 0014) cannot: said, not fatal.
    const caught = await db
      .execute(sql`
      INSERT INTO report_events (day, unit_id, procedure_id, channel, officer_id, ${cols})
      SELECT e.day, d.settling_unit_id, d.procedure_id, d.channel, d.created_by, ${values}
      FROM intake_keys k JOIN dossiers d ON d.id = k.dossier_id
      CROSS JOIN LATERAL reports_dossier_events(d) e
      WHERE k.key LIKE ${`prov-off-${runId}-%`}
      GROUP BY e.day, d.settling_unit_id, d.procedure_id, d.channel, d.created_by`)
      .then(
        (r) => `${fmtInt(r.rowCount ?? 0)} event rows`,
        (err: unknown) => `NOT done: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message.split('\n')[0]) : String(err)}`,
      );

    // ------------------------------------------------------------ report

    const pct = (x: number | undefined) => `${((x ?? 0) * 100).toFixed(1)} %`;
    console.log('');
    console.log(`  database: ${DIR}${process.env.DATABASE_URL ? ' (DATABASE_URL)' : ''}: ${fmtInt(mix?.total ?? 0)} dossiers received ${String(mix?.first)} … ${String(mix?.last)}`);
    console.log(
      `  mix: online ${pct(mix?.online)}, returned on time or early ${pct(mix?.on_time)}, late ${pct(mix?.late)}, refused ${pct(mix?.refused)}, ` +
        `stopped ${pct(mix?.stopped)} (withdrawn ${pct(mix?.withdrawn)}), open ${pct(mix?.open)} (${fmtInt(mix?.overdue ?? 0)} overdue now), ` +
        `${fmtInt(ratings?.n ?? 0)} ratings, ${(mix?.visits ?? 0).toFixed(2)} visits per dossier`,
    );
    console.log(`  events not folded at the start: ${fmtInt(pending.events)} + ${fmtInt(pending.durations)} durations`);
    console.log(table(['table', 'rows (estimate)', 'size with indexes'], sizes.map((s) => [s.t, fmtInt(s.rows), s.size])));
    console.log('');
    console.log(`▸ reads as a leader of ${root.code}, one request at a time, ${WARMUP} warm-up + up to ${REQUESTS} measured each (at most ~${PATH_BUDGET_MS / 1000} s per path)`);
    console.log(timingTable(timings));
    const printPlans = (list: typeof plans) => {
      for (const p of list) {
        console.log('');
        console.log(`  ${p.label}: ${p.planned.length} queries, by execution time: ${p.planned.map((x) => fmtMs(x.ms, 1)).join(', ')} ms`);
        const top = p.planned[0];
        if (!top) continue;
        console.log(`  EXPLAIN (ANALYZE, BUFFERS) of the slowest, as the app sends it:`);
        console.log(`    ${top.q.sql.replace(/\s+/g, ' ').slice(0, 400)}${top.q.sql.length > 400 ? '…' : ''}`);
        for (const line of top.plan) console.log(`    ${clip(line)}`);
      }
    };
    printPlans(plans);
    if (retimed.length > 0) {
      console.log('');
      console.log(`▸ the same slow paths with the proposed indexes (${PROPOSED_INDEXES.map(([, on]) => on).join('; ')}), created for this run only, then dropped`);
      console.log(timingTable(retimed));
      printPlans(retimedPlans);
    }
    console.log('');
    console.log(`▸ intake: POST /api/v1/dossiers (accepted) by a receptionist of ${INTAKE_COMMUNE(root.code)}, report triggers of dossiers on vs. off`);
    console.log(`  ${CONNECTIONS} connections, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s, ${ROUNDS} rounds, alternating`);
    console.log('');
    printComparison(samples, ROUNDS, { target: 'off', label: 'triggers off' }, { target: 'on', label: 'triggers on' });
    const ratios = Array.from({ length: ROUNDS }, (_, i) => {
      const of = (t: 'on' | 'off') => samples.find((s) => s.round === i + 1 && s.target === t)?.result.rps ?? Number.NaN;
      return of('on') / of('off');
    });
    const ratio = median(ratios);
    console.log(`  on / off per round: ${ratios.map(fmtRatio).join(', ')}`);
    console.log(`  aim: on / off ≥ ${INTAKE_AIM} (rollups within 10 %) — median ${ratio.toFixed(3)}: ${ratio >= INTAKE_AIM ? 'met' : 'NOT met'} on this machine (information, not a test)`);
    console.log(`  the intakes taken with the triggers off got their events afterwards: ${caught}`);
  },
};
