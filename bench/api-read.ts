/**
 * api-read: an authenticated API read through the full stack, against a bare
 * Fastify JSON route measured in the same run.
 *
 * - stack: `GET /api/v1/org/staff/:id` as a signed-in `viewer` at the root unit:
 *   the access hook's session check (session, grants and credentials queries),
 *   the unit-scope query, the audited read (one audit_log row, hash-chained by
 *   its trigger) and the staff DTO (grants, TOTP flag), on the app main.ts
 *   builds, on an embedded PostgreSQL of its own; the request logger is off.
 * - bare: `GET /bare` on a Fastify instance with no plugins, returning a small
 *   JSON object, in the same process.
 *
 * Both are loaded by the same generator (a separate process, keep-alive
 * connections, one request at a time per connection), with the same settings,
 * in alternating order over several rounds; the ratios are taken per round and
 * their median reported, so that a noisy moment hits both sides.
 */
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { verifyAuditChain } from '../server/modules/audit/service.js';
import { adminSession, call, expect, officerSession } from './lib/api.js';
import { startBenchApp } from './lib/app.js';
import { printComparison, runLoad, runRounds, type LoadOptions } from './lib/load.js';
import { envInt, fmtInt, log, onCleanup, type Benchmark } from './lib/util.js';

const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 256);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1_000, 0, 10_000);
const DURATION_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
/** Far above what either side reaches in the window: only a bound, never the stop condition. */
const MAX_REQUESTS = 2_000_000;

/** Signs the bootstrap admin in, enrols TOTP, creates a viewer, and signs the viewer in with a changed password. */
async function viewerSession(base: string, adminPassword: string): Promise<{ cookie: string; readId: string }> {
  const admin = await adminSession(base, adminPassword);
  const root = admin.rootUnitId;
  const viewer = await officerSession(base, admin, {
    username: 'bench.viewer',
    fullName: 'Người xem thử tải',
    unitId: root,
    roles: [{ role: 'viewer', unitId: root }],
  });
  // The viewer reads the admin's record: same unit tree, in scope, audited.
  return { cookie: viewer.cookie, readId: admin.staffId };
}

type Side = 'bare' | 'stack';

export const apiRead: Benchmark = {
  name: 'api-read',
  title: 'Authenticated API read through the full stack vs. a bare Fastify JSON route',
  run: async () => {
    const { database, base, port: stackPort, adminPassword } = await startBenchApp({ prefix: 'motcua-bench-api-' });

    const bare = Fastify({ logger: false });
    bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
    onCleanup('close the bare server', () => bare.close());
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const address = bare.server.address();
    const barePort = typeof address === 'object' && address ? address.port : 0;

    log('signing in: admin (TOTP enrolment), then a viewer created for the run…');
    const { cookie, readId } = await viewerSession(base, adminPassword);
    const path = `/api/v1/org/staff/${readId}`;
    expect(await call(base, 'GET', path, { cookie }), 200, 'the measured read');

    const countReads = async () =>
      (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff.read'`)).rows[0]?.n ?? 0;
    const readsBefore = await countReads();

    const common: Omit<LoadOptions, 'port' | 'path'> = {
      headers: { cookie, accept: 'application/json' },
      connections: CONNECTIONS,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      maxRequests: MAX_REQUESTS,
      responseTimeoutMs: 10_000,
    };
    const samples = await runRounds<Side>(ROUNDS, ['bare', 'stack'], (side) =>
      runLoad({ ...common, ...(side === 'bare' ? { port: barePort, path: '/bare' } : { port: stackPort, path }) }),
    );

    const readsWritten = (await countReads()) - readsBefore;
    const readsAnswered = samples.filter((s) => s.target === 'stack').reduce((n, s) => n + s.result.total2xx, 0);
    const chain = await verifyAuditChain(database.db);

    // ---------------------------------------------------------------- report

    console.log('');
    console.log(`  stack: GET /api/v1/org/staff/:id as a viewer (session check, unit-scope query, audit row), logger off`);
    console.log(`  bare:  GET /bare on Fastify with no plugins, in the same process`);
    console.log(
      `  load:  ${CONNECTIONS} keep-alive connections from a separate process, ${WARMUP_MS / 1000} s warm-up + ` +
        `${DURATION_MS / 1000} s measured, ${ROUNDS} rounds in alternating order`,
    );
    console.log('');
    printComparison(samples, ROUNDS, { target: 'bare', label: 'bare Fastify' }, { target: 'stack', label: 'full stack' });
    const match = readsWritten === readsAnswered ? 'one per answered read' : `MISMATCH: ${fmtInt(readsAnswered)} reads answered 2xx`;
    console.log(`  audit: ${fmtInt(readsWritten)} staff.read rows written under load (${match})`);
    console.log(`  audit chain: ${chain.ok ? `intact over ${fmtInt(chain.rows)} rows` : `BROKEN at seq ${chain.brokenAtSeq} (${chain.reason})`}`);
  },
};
