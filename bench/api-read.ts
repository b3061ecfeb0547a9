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
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app.js';
import { bootstrap } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../server/config.js';
import { startDatabase } from '../server/db/start.js';
import { systemClock, type AppDeps } from '../server/http/context.js';
import { verifyAuditChain } from '../server/modules/audit/service.js';
import { currentCode } from '../server/modules/auth/totp.js';
import { printComparison, runLoad, type LoadOptions, type RoundSample } from './lib/load.js';
import { envInt, fmtInt, freePort, log, onCleanup, tempDir, waitFor, type Benchmark } from './lib/util.js';

const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 256);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1_000, 0, 10_000);
const DURATION_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
/** Far above what either side reaches in the window: only a bound, never the stop condition. */
const MAX_REQUESTS = 2_000_000;

type Reply = { status: number; body: unknown; cookie: string | undefined };

async function call(base: string, method: 'GET' | 'POST', path: string, opts: { cookie?: string; csrf?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, cookie };
}

function expect(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
}

type Me = { staff: { id: string; unitId: string }; csrfToken: string };

/** Signs the bootstrap admin in, enrols TOTP, creates a viewer, and signs the viewer in with a changed password. */
async function viewerSession(base: string, adminPassword: string): Promise<{ cookie: string; readId: string }> {
  const login = await call(base, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: adminPassword } });
  expect(login, 200, 'admin sign-in');
  const admin = login.body as Me;
  const asAdmin = { cookie: login.cookie ?? '', csrf: admin.csrfToken };
  const setup = await call(base, 'POST', '/api/v1/auth/totp/setup', asAdmin);
  expect(setup, 200, 'TOTP setup');
  const { secret } = setup.body as { secret: string };
  expect(await call(base, 'POST', '/api/v1/auth/totp/confirm', { ...asAdmin, body: { code: currentCode(secret, new Date()) } }), 200, 'TOTP confirm');

  const rootId = admin.staff.unitId;
  const created = await call(base, 'POST', '/api/v1/org/staff', {
    ...asAdmin,
    body: { username: 'bench.viewer', fullName: 'Người xem thử tải', unitId: rootId, roles: [{ role: 'viewer', unitId: rootId }] },
  });
  expect(created, 201, 'create the viewer');
  const { initialPassword } = created.body as { initialPassword: string };

  const viewerLogin = await call(base, 'POST', '/api/v1/auth/login', { body: { username: 'bench.viewer', password: initialPassword } });
  expect(viewerLogin, 200, 'viewer sign-in');
  const viewer = { cookie: viewerLogin.cookie ?? '', csrf: (viewerLogin.body as Me).csrfToken };
  const newPassword = `Bench-${randomBytes(15).toString('base64url')}`;
  expect(await call(base, 'POST', '/api/v1/auth/password', { ...viewer, body: { currentPassword: initialPassword, newPassword } }), 204, 'password change');
  // The viewer reads the admin's record: same unit tree, in scope, audited.
  return { cookie: viewer.cookie, readId: admin.staff.id };
}

type Side = 'bare' | 'stack';
type Sample = RoundSample<Side>;

function checkClean(s: Sample): void {
  const bad = Object.entries(s.result.statuses).filter(([status]) => !status.startsWith('2'));
  if (s.result.errors > 0 || bad.length > 0 || s.result.requests === 0) {
    throw new Error(
      `${s.target} round ${s.round}: ${s.result.requests} responses, statuses ${JSON.stringify(s.result.statuses)}, ` +
        `${s.result.errors} errors${s.result.firstError ? ` (first: ${s.result.firstError})` : ''}`,
    );
  }
}

export const apiRead: Benchmark = {
  name: 'api-read',
  title: 'Authenticated API read through the full stack vs. a bare Fastify JSON route',
  run: async () => {
    log('starting an embedded PostgreSQL in a temporary directory…');
    const dir = tempDir('motcua-bench-api-');
    const adminPassword = `Adm-${randomBytes(12).toString('base64url')}`;
    const config: Config = {
      ...loadConfig({ LOG_LEVEL: 'silent' }),
      dataDir: dir,
      embeddedPgPort: await freePort(),
      adminPassword,
      serveWeb: false,
    };
    const database = await startDatabase(config);
    // On Ctrl-C PostgreSQL gets the SIGINT too and may be gone before its stop() is awaited.
    const pidFile = join(dir, 'pg', 'postmaster.pid');
    onCleanup('stop PostgreSQL', () => Promise.race([database.shutdown(), waitFor(() => !existsSync(pidFile), 30_000, 'PostgreSQL to stop')]));
    const deps: AppDeps = { config, database, clock: systemClock };
    if (!(await bootstrap(deps))) throw new Error('bootstrap created no admin on a fresh database');

    const app = await buildApp(deps, { logger: false });
    onCleanup('close the app', () => app.close());
    const base = await app.listen({ port: 0, host: '127.0.0.1' });

    const bare = Fastify({ logger: false });
    bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
    onCleanup('close the bare server', () => bare.close());
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const address = bare.server.address();
    const barePort = typeof address === 'object' && address ? address.port : 0;
    const stackPort = Number(new URL(base).port);

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
    const samples: Sample[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order: Side[] = round % 2 === 1 ? ['bare', 'stack'] : ['stack', 'bare'];
      for (const side of order) {
        log(`round ${round}/${ROUNDS}: ${side}…`);
        const result = await runLoad({ ...common, ...(side === 'bare' ? { port: barePort, path: '/bare' } : { port: stackPort, path }) });
        const sample = { round, target: side, result };
        checkClean(sample);
        samples.push(sample);
      }
    }

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
